package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How every connection to a kit database is set up, as SQLite itself reports it on the opened database. */
class SqliteDatabaseTest {

    @TempDir
    Path dir;

    interface Pragmas {
        @SqlQuery("PRAGMA journal_mode")
        String journalMode();

        @SqlQuery("PRAGMA busy_timeout")
        int busyTimeout();

        @SqlQuery("PRAGMA synchronous")
        int synchronous();
    }

    @Test
    void aKitDatabaseIsWrittenThroughItsLogWaitsForLocksAndSyncsEveryCommit() {
        try (SqliteDatabase<Pragmas> db = SqliteDatabase.open(dir.resolve("legacy.db"), "note store 'legacy'",
                Pragmas.class, pragmas -> { })) {
            assertEquals("wal", db.call(Pragmas::journalMode), "readers never block the writer");
            assertEquals(SqliteDatabase.BUSY_TIMEOUT_MILLIS, db.call(Pragmas::busyTimeout));
            assertEquals(2, db.call(Pragmas::synchronous), "FULL");
        }
    }

    @Test
    void aDatabaseOpenedToBeReadWaitsForLocksToo() {
        SqliteDatabase.open(dir.resolve("legacy.db"), "note store 'legacy'", Pragmas.class, pragmas -> { }).close();
        try (SqliteDatabase<Pragmas> db = SqliteDatabase.openReadOnly(dir.resolve("legacy.db"), "note store 'legacy'",
                Pragmas.class)) {
            assertEquals(SqliteDatabase.BUSY_TIMEOUT_MILLIS, db.call(Pragmas::busyTimeout));
        }
    }

    @Test
    void aDatabaseIsDescribedByWhatItIsAndWhereItLies() {
        Path file = dir.resolve("data/../legacy.db");
        try (SqliteDatabase<Pragmas> db = SqliteDatabase.open(file, "note store 'legacy'", Pragmas.class, pragmas -> { })) {
            assertEquals("note store 'legacy' at " + dir.toAbsolutePath().normalize().resolve("legacy.db"), db.description());
        }
    }
}
