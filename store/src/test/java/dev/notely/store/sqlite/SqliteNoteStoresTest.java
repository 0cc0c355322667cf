package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.ConflictException;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.ShadowReads;
import dev.notely.store.StoreException;
import dev.notely.store.StoreServers;
import dev.notely.telemetry.MetricRow;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.Status;
import dev.notely.telemetry.StoreKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The note stores of one data directory: opened once each, instrumented, read-only on demand, closed together. */
class SqliteNoteStoresTest {

    @TempDir
    Path dir;

    @Test
    void eachNameIsOneFileOpenedOnce() {
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector())) {
            NoteStore legacy = stores.open("legacy");
            assertSame(legacy, stores.open("legacy"));
            stores.open("new");
            assertTrue(Files.exists(dir.resolve("legacy.db")));
            assertTrue(Files.exists(dir.resolve("new.db")));
            assertTrue(Files.notExists(dir.resolve("second.db")), "opened on first use only");
        }
    }

    @Test
    void kitStoresSyncEveryCommitAndScratchStoresDoNot() {
        try (SqliteNoteStores kit = new SqliteNoteStores(dir.resolve("kit"), new StatsCollector());
             SqliteNoteStores scratch = SqliteNoteStores.scratch(dir.resolve("scratch"), new StatsCollector())) {
            assertEquals(2, kit.raw("legacy").synchronousSetting(), "synchronous=FULL: an acknowledged write is durable");
            assertEquals(0, scratch.raw("legacy").synchronousSetting(), "synchronous=OFF: no fsync for throwaway stores");
            Note n = new Note(UUID.randomUUID(), UUID.randomUUID(), Instant.EPOCH, Instant.EPOCH, "same rules");
            scratch.open("new").createNote(n.creator(), n);
            assertThrows(ConflictException.class, () -> scratch.open("new").createNote(n.creator(), n));
        }
    }

    @Test
    void readOnlyStoresReadWhatARunningKitWroteAndWhatAStoppedKitLeft() throws IOException {
        UUID account = UUID.randomUUID();
        Note running = new Note(UUID.randomUUID(), account, Instant.EPOCH, Instant.EPOCH, "written while running");
        try (SqliteNoteStores kit = new SqliteNoteStores(dir, new StatsCollector())) {
            kit.open("legacy").createNote(account, running);
            assertEquals(List.of("legacy.db", "legacy.db-shm", "legacy.db-wal"), files(), "the kit's write is in its log");
            try (SqliteNoteStores reader = SqliteNoteStores.readOnly(dir, new StatsCollector(), StoreServers.NONE)) {
                assertEquals(Optional.of(running), reader.open("legacy").getNote(account, running.id()));
            }
        }
        assertEquals(List.of("legacy.db"), files(), "a stopped kit leaves only its file");
        try (SqliteNoteStores reader = SqliteNoteStores.readOnly(dir, new StatsCollector(), StoreServers.NONE)) {
            assertEquals(dir, reader.dataDir());
            NoteStore legacy = reader.open("legacy");
            assertEquals(Optional.of(running), legacy.getNote(account, running.id()));
            StoreException write = assertThrows(StoreException.class,
                    () -> legacy.upsertNote(account, running.withContent("changed", Instant.now())));
            assertTrue(write.getMessage().contains("attempt to write a readonly database"), write.getMessage());
            StoreException missing = assertThrows(StoreException.class, () -> reader.open("new").countNotes(account));
            assertTrue(missing.getMessage().startsWith("note store 'new' at " + dir.resolve("new.db").toAbsolutePath()
                    + ": [SQLITE_CANTOPEN]"), missing.getMessage());
        }
        assertEquals(List.of("legacy.db"), files(), "reading made no file, not even of a store that was missing");
    }

    @Test
    void closingTheStoresClosesEachOneAndALaterOpenOpensItsFileAfresh() {
        UUID account = UUID.randomUUID();
        Note n = new Note(UUID.randomUUID(), account, Instant.EPOCH, Instant.EPOCH, "kept");
        SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector());
        NoteStore before = stores.open("legacy");
        before.createNote(account, n);
        stores.close();
        StoreException closed = assertThrows(StoreException.class, () -> before.countNotes(account));
        assertTrue(closed.getMessage().endsWith(" is closed"), closed.getMessage());
        NoteStore after = stores.open("legacy");
        assertEquals(Optional.of(n), after.getNote(account, n.id()));
        stores.close();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void unknownNamesAreRejectedWithTheValidOnes() {
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stores.open("legasy"));
            assertEquals("unknown note store 'legasy': expected one of legacy, new, second", e.getMessage());
        }
    }

    @Test
    void everyCallIsRecordedAsDataStoreAccess() {
        StatsCollector stats = new StatsCollector();
        UUID account = UUID.randomUUID();
        Note note = new Note(UUID.randomUUID(), account, Instant.now(), Instant.now(), "x");
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, stats)) {
            NoteStore store = stores.open("new");
            store.createNote(account, note);
            store.getNote(account, note.id());
            store.getNote(account, note.id());
            assertThrows(ConflictException.class, () -> store.createNote(account, note));
        }
        Map<StoreKey, Long> totals = stats.snapshot().store().stream()
                .collect(Collectors.toMap(MetricRow::key, r -> r.metrics().totalCount()));
        assertEquals(Map.of(
                new StoreKey("createNote", Status.SUCCESS, "new"), 1L,
                new StoreKey("getNote", Status.SUCCESS, "new"), 2L,
                new StoreKey("createNote", Status.ERROR, "new"), 1L), totals);
    }

    @Test
    void shadowReadsAreCountedInTheStoresTelemetry() {
        StatsCollector stats = new StatsCollector();
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, stats)) {
            ShadowReads shadow = stores.shadowReads();
            shadow.compare(UUID.randomUUID(), null, 1L, "new", () -> 1L);
            shadow.compare(UUID.randomUUID(), null, 1L, "new", () -> 2L);
            assertEquals(Map.of("new:match", 1L, "new:mismatch", 1L), stats.export().shadowReads());
        }
    }
}
