package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import dev.notely.store.ConflictException;
import dev.notely.store.NotFoundException;
import dev.notely.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** Accounts in accounts.db: written, read, refused, and read from a file the kit may not write. */
class SqliteAccountStoreTest {

    @TempDir
    Path dir;

    @Test
    void createListGetUpdate() {
        try (SqliteAccountStore store = SqliteAccountStore.open(dir)) {
            Account a = new Account(UUID.randomUUID(), "Ada", false, null);
            Account b = new Account(UUID.randomUUID(), "Brian", true, "second");
            store.createAccount(a);
            store.createAccount(b);
            assertEquals(List.of(a, b), store.listAccounts());
            assertEquals(Optional.of(b), store.getAccount(b.id()));
            assertEquals(Optional.empty(), store.getAccount(UUID.randomUUID()));

            Account moved = a.withMigrating(true).withShard("new");
            store.updateAccount(moved);
            assertEquals(Optional.of(moved), store.getAccount(a.id()));
            store.healthCheck();
        }
        assertTrue(Files.exists(dir.resolve("accounts.db")));
    }

    @Test
    void anAccountsFileWrittenByEarlierVersionsIsReadAndKeepsItsForm() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve(SqliteAccountStore.FILE_NAME);
        UUID id = UUID.fromString("3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab");
        try (Connection c = new SQLiteConfig().createConnection(url); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE accounts (
                      id           TEXT PRIMARY KEY,
                      name         TEXT NOT NULL,
                      is_migrating INTEGER NOT NULL DEFAULT 0,
                      shard        TEXT
                    )""");
            s.execute("INSERT INTO accounts VALUES ('3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab', 'Ada', 1, NULL)");
        }
        try (SqliteAccountStore store = SqliteAccountStore.open(dir)) {
            assertEquals(Optional.of(new Account(id, "Ada", true, null, MigrationStage.OFF)), store.getAccount(id),
                    "an account from before stages is at stage off");
            store.updateAccount(new Account(id, "Ada", false, "new", MigrationStage.DUAL_WRITE));
        }
        try (Connection c = new SQLiteConfig().createConnection(url);
             ResultSet row = c.createStatement().executeQuery(
                     "SELECT id, typeof(id), name, is_migrating, typeof(is_migrating), shard, stage FROM accounts")) {
            assertTrue(row.next());
            assertEquals("3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab text Ada 0 integer new dual-write", row.getString(1) + " "
                    + row.getString(2) + " " + row.getString(3) + " " + row.getString(4) + " " + row.getString(5)
                    + " " + row.getString(6) + " " + row.getString(7));
        }
        try (SqliteAccountStore store = SqliteAccountStore.open(dir)) {
            assertEquals(MigrationStage.DUAL_WRITE, store.getAccount(id).orElseThrow().stage());
            assertEquals(MigrationStage.DUAL_WRITE, store.getAccount(id).orElseThrow().details().stage(),
                    "the router is told the stage");
        }
    }

    @Test
    void anAccountStoreOpenedToBeReadReadsAndRefusesWrites() {
        Account a = new Account(UUID.randomUUID(), "Ada", true, "new", MigrationStage.DUAL_WRITE);
        try (SqliteAccountStore store = SqliteAccountStore.open(dir)) {
            store.createAccount(a);
        }
        try (SqliteAccountStore store = SqliteAccountStore.openReadOnly(dir)) {
            assertEquals(List.of(a), store.listAccounts());
            StoreException e = assertThrows(StoreException.class, () -> store.updateAccount(a.withShard("second")));
            assertTrue(e.getMessage().contains("attempt to write a readonly database"), e.getMessage());
        }
    }

    @Test
    void aClosedAccountStoreRefusesCalls() {
        SqliteAccountStore store = SqliteAccountStore.open(dir);
        store.close();
        StoreException e = assertThrows(StoreException.class, store::listAccounts);
        assertTrue(e.getMessage().endsWith("account store at " + dir.resolve("accounts.db").toAbsolutePath() + " is closed"),
                e.getMessage());
    }

    @Test
    void updatingAnUnknownAccountIsNotFound() {
        try (SqliteAccountStore store = SqliteAccountStore.open(dir)) {
            UUID id = UUID.randomUUID();
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> store.updateAccount(new Account(id, "Nobody", false, null)));
            assertEquals("account " + id + " not found", e.getMessage());
        }
    }

    @Test
    void duplicateAccountIdIsAConflict() {
        try (SqliteAccountStore store = SqliteAccountStore.open(dir)) {
            Account a = new Account(UUID.randomUUID(), "Ada", false, null);
            store.createAccount(a);
            assertThrows(ConflictException.class, () -> store.createAccount(a));
        }
    }

    @Test
    void aDatabaseThatCannotBeOpenedNamesThePathAndCause() throws Exception {
        Path notADir = Files.writeString(dir.resolve("occupied"), "a file where the data folder should be");
        StoreException e = assertThrows(StoreException.class, () -> SqliteAccountStore.open(notADir));
        assertTrue(e.getMessage().contains(notADir.resolve("accounts.db").toString()), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot open account store at "), e.getMessage());

        Path garbage = Files.writeString(dir.resolve("legacy.db"), "this is not a database, just text ".repeat(100));
        StoreException e2 = assertThrows(StoreException.class, () -> SqliteNoteStore.open("legacy", garbage));
        assertTrue(e2.getMessage().contains(garbage.toString()), e2.getMessage());
        assertTrue(e2.getMessage().contains("not a database"), e2.getMessage());
    }
}
