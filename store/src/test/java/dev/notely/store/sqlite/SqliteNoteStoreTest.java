package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.ConflictException;
import dev.notely.store.Note;
import dev.notely.store.NoteStoreContract;
import dev.notely.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** The store contract on a SQLite file, and what is particular to SQLite: locks, snapshots, the file's form. */
class SqliteNoteStoreTest extends NoteStoreContract<SqliteNoteStore> {

    @TempDir
    Path dir;

    @Override
    protected SqliteNoteStore open() {
        return SqliteNoteStore.open("legacy", dir.resolve("legacy.db"));
    }

    @Override
    protected List<String> storedContents() throws SQLException {
        List<String> contents = new ArrayList<>();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("legacy.db"));
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT content FROM notes")) {
            while (rows.next()) {
                contents.add(rows.getString(1));
            }
        }
        return contents;
    }

    @Test
    void aStoreIsShownAsItsNameAndFile() {
        assertEquals("note store 'legacy' at " + dir.resolve("legacy.db").toAbsolutePath().normalize(), store.toString());
    }

    @Test
    void aClosedStoreRefusesCallsSayingSo() {
        store.close();
        StoreException e = assertThrows(StoreException.class, () -> store.countNotes(account));
        assertEquals(store + ": " + store + " is closed", e.getMessage());
        Note n = note("after the close", T0);
        StoreException create = assertThrows(StoreException.class, () -> store.createNote(account, n),
                "a refused insert is a conflict only when the id is taken");
        assertEquals(store + ": " + store + " is closed", create.getMessage());
        assertThrows(StoreException.class, () -> store.createAll(List.of(n)));
    }

    @Test
    void manyNotesAreCreatedInOneGoAndATakenIdStoresNoneOfThem() throws SQLException {
        Note first = note("first", T0);
        Note second = note("second", T0);
        store.createAll(List.of(first, second));
        assertEquals(2, store.countNotes(account));
        assertEquals(Optional.of(second), store.getNote(account, second.id()));

        Note third = note("third", T0);
        ConflictException e = assertThrows(ConflictException.class,
                () -> store.createAll(List.of(third, first.withContent("again", T0))));
        assertEquals("one of 2 notes already exists in the legacy store, or did and was deleted; none of them was stored",
                e.getMessage());
        assertEquals(Optional.empty(), store.getNote(account, third.id()), "the batch is one transaction");
        assertEquals(List.of("first", "second"), storedContents().stream().sorted().toList());
    }

    @Test
    void notesAreIndexedByTheirCreator() throws SQLException {
        try (Connection c = anotherConnection(); ResultSet index = c.createStatement().executeQuery(
                "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND name = 'notes_by_creator'")) {
            assertTrue(index.next(), "listing an account's notes reads the index, not the whole table");
            assertEquals("notes", index.getString(1));
            assertEquals("CREATE INDEX notes_by_creator ON notes(creator)", index.getString(2));
        }
    }

    @Test
    void noOtherConnectionCanWriteBetweenAnUpdateAndItsExistenceCheck() {
        // Another process inserts the note just after this update matched nothing. Were the update and
        // the existence check two commits, the insert would land between them and the update would
        // answer "the note exists" although it wrote nothing.
        Note write = note("the update", T0.plusSeconds(10));
        Note meanwhile = write.withContent("inserted by another process", T0);
        AtomicReference<String> intrusion = new AtomicReference<>();
        store.close();
        store = SqliteNoteStore.open("legacy", dir.resolve("legacy.db"), jdbi -> jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                if (intrusion.get() == null && context.getRenderedSql().startsWith("UPDATE notes")) {
                    intrusion.set(insertFromAnotherConnection(meanwhile));
                }
            }
        }));

        boolean exists = store.updateNote(account, write);

        assertTrue(intrusion.get().startsWith("refused"),
                "another connection wrote between the update and its existence check: " + intrusion.get());
        assertFalse(exists, "the update wrote nothing, so it must not answer that the note exists");
    }

    /** Inserts {@code note} through a connection of its own that does not wait for locks. */
    private String insertFromAnotherConnection(Note note) {
        try (Connection c = anotherConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO notes (id, creator, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, note.id().toString());
            insert.setString(2, note.creator().toString());
            insert.setLong(3, note.createdAt().toEpochMilli());
            insert.setLong(4, note.updatedAt().toEpochMilli());
            insert.setString(5, note.content());
            insert.executeUpdate();
            return "inserted";
        } catch (SQLException e) {
            return "refused: " + e.getMessage();
        }
    }

    /** A connection of its own to the store's file, which does not wait for locks. */
    private Connection anotherConnection() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(0);
        return config.createConnection("jdbc:sqlite:" + dir.resolve("legacy.db"));
    }

    @Test
    void betweenCallsTheStoreHoldsNoReadSnapshot() throws SQLException {
        // Statements are prepared once per pooled connection and kept. One left unreset would keep a read
        // transaction open: the log could never be checkpointed, and later calls would read old data.
        Note n = note("v1", T0);
        store.createNote(account, n);
        assertEquals("v1", store.getNote(account, n.id()).orElseThrow().content());
        assertEquals(List.of(n.id()), store.listNotes(account));
        assertTrue(store.updateNote(account, n.withContent("v2", T0.plusSeconds(1))));
        assertFalse(store.updateNote(account, note("ghost", T0)));
        assertEquals(1, store.countNotes(account));

        try (Connection other = anotherConnection()) {
            try (ResultSet checkpoint = other.createStatement().executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertTrue(checkpoint.next());
                assertEquals(0, checkpoint.getInt(1), "a reader blocked the checkpoint: a statement was left open");
            }
            try (PreparedStatement update = other.prepareStatement("UPDATE notes SET content = 'v3' WHERE id = ?")) {
                update.setString(1, n.id().toString());
                assertEquals(1, update.executeUpdate());
            }
        }
        assertEquals("v3", store.getNote(account, n.id()).orElseThrow().content(), "the store reads the latest commit");
    }

    @Test
    void aFileWrittenByEarlierVersionsIsReadAndKeepsItsForm() throws SQLException {
        // Ids as text, times as epoch milliseconds: the form of every notes file written so far.
        Path file = dir.resolve("earlier.db");
        UUID id = UUID.fromString("3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab");
        UUID creator = UUID.fromString("00000000-0000-0000-0000-00000000acc1");
        try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE notes (
                      id         TEXT PRIMARY KEY,
                      creator    TEXT NOT NULL,
                      created_at INTEGER NOT NULL,
                      updated_at INTEGER NOT NULL,
                      content    TEXT NOT NULL
                    )""");
            s.execute("INSERT INTO notes VALUES ('3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab',"
                    + " '00000000-0000-0000-0000-00000000acc1', 1755079200123, 1755079200456, 'written before')");
        }
        Note before = new Note(id, creator, Instant.parse("2025-08-13T10:00:00.123Z"),
                Instant.parse("2025-08-13T10:00:00.456Z"), "written before");
        try (SqliteNoteStore earlier = SqliteNoteStore.open("legacy", file)) {
            assertEquals(Optional.of(before), earlier.getNote(creator, id));
            assertEquals(List.of(id), earlier.listNotes(creator));
            assertTrue(earlier.updateNote(creator, before.withContent("rewritten", Instant.parse("2025-08-13T10:00:01.789Z"))));
            earlier.createNote(creator, new Note(UUID.fromString("0a1b2c3d-0000-4000-8000-00000000beef"), creator,
                    Instant.parse("2025-08-13T10:00:02Z"), Instant.parse("2025-08-13T10:00:02Z"), "written now"));
            // The file gained the tombstone column: a delete there sticks too.
            UUID deleted = UUID.randomUUID();
            earlier.deleteNote(creator, deleted);
            earlier.upsertNote(creator, new Note(deleted, creator, Instant.parse("2025-08-13T10:00:03Z"),
                    Instant.parse("2025-08-13T10:00:03Z"), "copied after the delete"));
            assertEquals(Optional.empty(), earlier.getNote(creator, deleted));
        }
        try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
             ResultSet rows = c.createStatement().executeQuery("""
                     SELECT id, typeof(id), creator, typeof(creator), created_at, typeof(created_at),
                            updated_at, typeof(updated_at), content FROM notes WHERE deleted_at IS NULL ORDER BY created_at""")) {
            List<String> stored = new ArrayList<>();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= 9; column++) {
                    row.append(column > 1 ? " " : "").append(rows.getString(column));
                }
                stored.add(row.toString());
            }
            assertEquals(List.of(
                    "3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab text 00000000-0000-0000-0000-00000000acc1 text"
                            + " 1755079200123 integer 1755079201789 integer rewritten",
                    "0a1b2c3d-0000-4000-8000-00000000beef text 00000000-0000-0000-0000-00000000acc1 text"
                            + " 1755079202000 integer 1755079202000 integer written now"), stored);
        }
    }
}
