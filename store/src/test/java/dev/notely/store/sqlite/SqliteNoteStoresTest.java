package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.ConflictException;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.ShadowReads;
import dev.notely.telemetry.MetricRow;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.Status;
import dev.notely.telemetry.StoreKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
