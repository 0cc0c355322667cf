package dev.notely.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.Note;
import dev.notely.store.NoteStoreContract;
import dev.notely.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on PostgreSQL, and what is particular to a database server: the schema created by
 * racing processes, the stored form, logins. Each test has a schema of its own ({@link TestPostgres}).
 */
class PostgresNoteStoreTest extends NoteStoreContract<PostgresNoteStore> {

    @RegisterExtension
    final TestPostgres server = new TestPostgres();

    @Override
    protected PostgresNoteStore open() {
        return PostgresNoteStore.open("new", server.url());
    }

    @Override
    protected List<String> storedContents() throws SQLException {
        List<String> contents = new ArrayList<>();
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT content FROM notes")) {
            while (rows.next()) {
                contents.add(rows.getString(1));
            }
        }
        return contents;
    }

    @Test
    void storesOpenedAtOnceOnAnEmptySchemaAllStart() throws Exception {
        // Several proxies start on a database that has no table yet: each creates it, none fails for it.
        store.close();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE notes");
        }
        int openers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        List<PostgresNoteStore> opened = new ArrayList<>();
        try {
            List<Future<PostgresNoteStore>> opening = new ArrayList<>();
            for (int i = 0; i < openers; i++) {
                Callable<PostgresNoteStore> opener = () -> {
                    start.await();
                    return open();
                };
                opening.add(pool.submit(opener));
            }
            start.countDown();
            for (Future<PostgresNoteStore> f : opening) {
                opened.add(f.get(60, TimeUnit.SECONDS));
            }
            Note n = note("written once the table exists", T0);
            opened.get(0).createNote(account, n);
            assertEquals(Optional.of(n), opened.get(openers - 1).getNote(account, n.id()));
        } finally {
            pool.shutdownNow();
            for (PostgresNoteStore s : opened) {
                s.close();
            }
        }
        store = open();
    }

    @Test
    void rowsKeepTheFormOfTheSqliteFiles() throws SQLException {
        // Text ids, epoch milliseconds: a row copied between the backends is the same row.
        UUID id = UUID.fromString("3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab");
        UUID creator = UUID.fromString("00000000-0000-0000-0000-00000000acc1");
        store.createNote(creator, new Note(id, creator, Instant.parse("2025-08-13T10:00:00.123Z"),
                Instant.parse("2025-08-13T10:00:00.456Z"), "stored"));
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("""
                     SELECT id, pg_typeof(id), creator, created_at, pg_typeof(created_at), updated_at, content
                     FROM notes""")) {
            assertTrue(row.next());
            StringBuilder stored = new StringBuilder();
            for (int column = 1; column <= 7; column++) {
                stored.append(column > 1 ? " " : "").append(row.getString(column));
            }
            assertEquals("3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab text 00000000-0000-0000-0000-00000000acc1"
                    + " 1755079200123 bigint 1755079200456 stored", stored.toString());
            assertFalse(row.next());
        }
    }

    @Test
    void theIndexOnCreatorIsCreated() throws SQLException {
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                     + " AND indexname = 'notes_by_creator'")) {
            assertTrue(row.next(), "notes_by_creator exists");
            assertTrue(row.getString(1).endsWith("(creator)"), row.getString(1));
        }
    }

    @Test
    void aRefusedLoginNamesTheStoreAndTheCauseButNotThePassword() {
        StoreException e = assertThrows(StoreException.class,
                () -> PostgresNoteStore.open("second", server.urlWithLogin("notely_test", "not-the-password")));
        assertTrue(e.getMessage().startsWith("cannot open note store 'second' at jdbc:postgresql://"), e.getMessage());
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }

    /** One more than the connections the store's pool keeps. */
    private static final int DEAD_CONNECTIONS_AT_MOST = PostgresDatabase.MAX_CONNECTIONS + 1;

    @Test
    void aCallOnAConnectionTheServerDroppedFailsNamingTheStoreAndTheNextCallsWork() throws SQLException {
        // The server ends the store's sessions, as a restart does: a call may meet a dead connection and
        // fail with the store's name, and the pool replaces it, so the calls after it work again.
        Note n = note("survives", T0);
        store.createNote(account, n);
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet ended = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE usename = current_user AND pid <> pg_backend_pid()")) {
            assertTrue(ended.next());
            assertTrue(ended.getInt(1) >= 1, "the store's connections were ended");
        }
        // Each pooled connection the server ended can fail one call (a pool holds a few): never more.
        Optional<Note> read = Optional.empty();
        for (int attempt = 0; attempt < DEAD_CONNECTIONS_AT_MOST && read.isEmpty(); attempt++) {
            try {
                read = store.getNote(account, n.id());
            } catch (StoreException e) {
                assertTrue(e.getMessage().startsWith("note store 'new' at jdbc:postgresql://"), e.getMessage());
            }
        }
        assertEquals(Optional.of(n), read);
        assertEquals(Optional.of(n), store.getNote(account, n.id()));
        store.healthCheck();
    }
}
