package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.Note;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check a kit database file passes before the kit starts: missing, healthy, not a database, damaged. */
class SqliteFileCheckTest {

    /** SQLite's default page size, which the kit's files keep. */
    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    @Test
    void aFileThatDoesNotExistYetIsNoProblem() {
        assertEquals(Optional.empty(), SqliteFileCheck.problem(dir.resolve("legacy.db")));
        assertFalse(Files.exists(dir.resolve("legacy.db")), "checking creates nothing");
    }

    @Test
    void aHealthyStoreFilePasses() {
        Path file = dir.resolve("legacy.db");
        try (SqliteNoteStore store = SqliteNoteStore.open("legacy", file)) {
            UUID account = UUID.randomUUID();
            store.createNote(account, new Note(UUID.randomUUID(), account, Instant.EPOCH, Instant.EPOCH, "kept"));
        }
        assertEquals(Optional.empty(), SqliteFileCheck.problem(file));
    }

    @Test
    void aFileOfGarbageIsNotADatabase() throws IOException {
        Path file = dir.resolve("legacy.db");
        byte[] garbage = new byte[8192];
        Arrays.fill(garbage, (byte) 'x');
        Files.write(file, garbage);
        assertEquals(Optional.of("[SQLITE_NOTADB] File opened that is not a database file (file is not a database)"),
                SqliteFileCheck.problem(file));
    }

    @Test
    void aDatabaseWhosePagesWereOverwrittenIsDamaged() throws IOException {
        Path file = dir.resolve("legacy.db");
        try (SqliteNoteStore store = SqliteNoteStore.open("legacy", file)) {
            UUID account = UUID.randomUUID();
            for (int i = 0; i < 200; i++) {
                store.createNote(account, new Note(UUID.randomUUID(), account, Instant.EPOCH, Instant.EPOCH, "note " + i + " ".repeat(100)));
            }
        }
        assertTrue(Files.size(file) > 3 * PAGE, "the notes take more than three pages");
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] garbage = new byte[PAGE];
            Arrays.fill(garbage, (byte) 0x5a);
            raw.seek(2 * PAGE); // the third page: the header on page one is intact
            raw.write(garbage);
        }
        // the damage on one line, without quick_check's "*** in database main ***"
        assertEquals(Optional.of("Tree 3 page 3: btreeInitPage() returns error code 11"), SqliteFileCheck.problem(file));
    }
}
