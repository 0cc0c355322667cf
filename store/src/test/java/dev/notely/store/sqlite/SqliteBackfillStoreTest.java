package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.Account;
import dev.notely.store.StoreException;
import dev.notely.store.sqlite.SqliteBackfillStore.AccountProgress;
import dev.notely.store.sqlite.SqliteBackfillStore.RunState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the backfill keeps its place in accounts.db, across pages, passes and restarts. */
class SqliteBackfillStoreTest {

    @TempDir
    Path dir;

    @Test
    void aClosedStoreKeepsNoPlace() {
        SqliteBackfillStore store = SqliteBackfillStore.open(dir);
        store.close();
        StoreException e = assertThrows(StoreException.class, () -> store.setRunState(RunState.PAUSED));
        assertTrue(e.getMessage().endsWith("backfill progress at " + dir.resolve("accounts.db").toAbsolutePath() + " is closed"),
                e.getMessage());
    }

    @Test
    void aNewStoreHasNeverRun() {
        try (SqliteBackfillStore store = SqliteBackfillStore.open(dir)) {
            assertEquals(Optional.empty(), store.runState());
            assertEquals(Map.of(), store.progress());
            assertEquals(0, store.passes());
        }
    }

    @Test
    void pagesAddUpAndEveryChangeSurvivesReopening() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID n1 = UUID.randomUUID();
        UUID n2 = UUID.randomUUID();
        try (SqliteBackfillStore store = SqliteBackfillStore.open(dir)) {
            store.beginPass();
            store.savePage(a, Optional.of(n1), 50);
            store.savePage(a, Optional.of(n2), 40);
            store.savePage(b, Optional.empty(), 3);
            store.setRunState(RunState.PAUSED);
        }
        try (SqliteBackfillStore store = SqliteBackfillStore.open(dir)) {
            assertEquals(Optional.of(RunState.PAUSED), store.runState());
            assertEquals(Map.of(a, new AccountProgress(a, Optional.of(n2), false, 90),
                    b, new AccountProgress(b, Optional.empty(), true, 3)), store.progress());
            store.savePage(a, Optional.empty(), 7);
            assertEquals(new AccountProgress(a, Optional.empty(), true, 97), store.progress().get(a));
        }
    }

    @Test
    void aNewPassForgetsThePreviousOne() {
        UUID a = UUID.randomUUID();
        try (SqliteBackfillStore store = SqliteBackfillStore.open(dir)) {
            store.beginPass();
            store.savePage(a, Optional.empty(), 5);
            store.setRunState(RunState.DONE);
            store.beginPass();
            assertEquals(Optional.of(RunState.RUNNING), store.runState());
            assertEquals(Map.of(), store.progress());
            assertEquals(2, store.passes());
        }
    }

    /** An accounts.db from before the backfill gains its tables in place; its accounts are untouched. */
    @Test
    void anExistingAccountsFileIsUpgradedInPlace() throws Exception {
        Account ada = new Account(UUID.randomUUID(), "Ada", true, null);
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir)) {
            accounts.createAccount(ada);
        }
        assertFalse(tables().contains("backfill_accounts"));
        try (SqliteBackfillStore store = SqliteBackfillStore.open(dir);
             SqliteAccountStore accounts = SqliteAccountStore.open(dir)) {
            assertTrue(tables().containsAll(List.of("accounts", "backfill_run", "backfill_accounts")), tables().toString());
            assertEquals(List.of(ada), accounts.listAccounts());
            store.beginPass();
            store.savePage(ada.id(), Optional.empty(), 1);
        }
        try (SqliteBackfillStore store = SqliteBackfillStore.open(dir)) {
            assertTrue(store.progress().get(ada.id()).done(), "opened again: the tables are there and kept");
        }
    }

    private List<String> tables() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteAccountStore.FILE_NAME));
             Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            List<String> names = new java.util.ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }
}
