package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each store's state in {@code /healthz} (SPEC §17): read from the store, and from the proxies' failed writes. */
class NoteStoreStatesTest {

    @TempDir
    Path data;

    @Test
    void everyStoreReadableWithNoFailedWritesIsOk() {
        try (SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
            Map<String, String> states = new NoteStoreStates(stores, new StatsCollector()).states();
            assertEquals(NoteStores.NAMES, List.copyOf(states.keySet()));
            states.values().forEach(state -> assertEquals("ok", state));
        }
    }

    @Test
    void writesThatFailWhileReadsWorkAreFailingWritesForThatStoreOnly() {
        StatsCollector stats = new StatsCollector();
        // What a proxy records when SQLite answers SQLITE_FULL: its reads still work.
        stats.recordStoreAccess("createNote", Status.ERROR, "new", 1_000_000);
        stats.recordStoreAccess("getNote", Status.ERROR, "legacy", 1_000_000);
        try (SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
            Map<String, String> states = new NoteStoreStates(stores, stats).states();
            assertTrue(states.get("new").startsWith("failing writes: "), states.toString());
            assertEquals("ok", states.get("legacy"), "a failed read says nothing of the disk");
        }
    }

    @Test
    void aStoreTheKitCannotReadIsUnavailable() throws Exception {
        java.nio.file.Files.writeString(data.resolve("second.db"), "not a database at all, not even close to one.....");
        try (SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
            Map<String, String> states = new NoteStoreStates(stores, new StatsCollector()).states();
            assertTrue(states.get("second").startsWith("unavailable: "), states.toString());
        }
    }
}
