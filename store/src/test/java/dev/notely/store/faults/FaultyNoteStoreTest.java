package dev.notely.store.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.StoreException;
import dev.notely.store.StoreServers;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.MetricRow;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.Status;
import dev.notely.telemetry.StoreKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults set on purpose: what a down, slow or failing store does to calls, and how the tables of faults change. */
class FaultyNoteStoreTest {

    @TempDir
    Path dir;

    private final StatsCollector stats = new StatsCollector();
    private final StoreFaults faults = new StoreFaults();
    private final UUID account = UUID.randomUUID();

    private Note note(String content) {
        return new Note(UUID.randomUUID(), account, Instant.now(), Instant.now(), content);
    }

    private Map<StoreKey, Long> totals() {
        return stats.snapshot().store().stream().collect(Collectors.toMap(MetricRow::key, r -> r.metrics().totalCount()));
    }

    @Test
    void withoutAFaultEveryCallGoesThroughUntouched() {
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, stats, StoreServers.NONE, faults)) {
            NoteStore store = stores.open("new");
            Note n = note("fine");
            store.createNote(account, n);
            assertEquals("fine", store.getNote(account, n.id()).orElseThrow().content());
        }
        assertEquals(Map.of(new StoreKey("createNote", Status.SUCCESS, "new"), 1L,
                new StoreKey("getNote", Status.SUCCESS, "new"), 1L), totals());
    }

    @Test
    void aDownStoreFailsEveryCallAsAStoreFailureWritesNothingAndIsCountedAsErrors() {
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, stats, StoreServers.NONE, faults)) {
            NoteStore fresh = stores.open("new");
            NoteStore legacy = stores.open("legacy");
            faults.update(t -> t.with("new", StoreFault.NONE.withDown(true)));
            Note n = note("lost?");
            StoreException e = assertThrows(StoreException.class, () -> fresh.createNote(account, n));
            assertTrue(e.getMessage().contains("note store 'new' is down") && e.getMessage().contains("injected"), e.getMessage());
            legacy.createNote(account, n); // only the store named suffers
            faults.update(t -> t.with("new", StoreFault.NONE));
            assertFalse(fresh.getNote(account, n.id()).isPresent(), "the failed write never reached the store");
            assertTrue(legacy.getNote(account, n.id()).isPresent());
        }
        Map<StoreKey, Long> totals = totals();
        assertEquals(1L, totals.get(new StoreKey("createNote", Status.ERROR, "new")));
        assertEquals(1L, totals.get(new StoreKey("createNote", Status.SUCCESS, "legacy")));
    }

    @Test
    void anErrorRateOfOneFailsEveryCallAndZeroNone() {
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, stats, StoreServers.NONE, faults)) {
            NoteStore store = stores.open("second");
            faults.update(t -> t.with("second", StoreFault.NONE.withErrorRate(1.0)));
            for (int i = 0; i < 20; i++) {
                StoreException e = assertThrows(StoreException.class, () -> store.upsertNote(account, note("x")));
                assertTrue(e.getMessage().contains("failed upsertNote: an error injected on purpose"), e.getMessage());
            }
            faults.update(t -> t.with("second", StoreFault.NONE.withErrorRate(0.0)));
            assertTrue(faults.current().isEmpty(), "a rate of 0 is no fault");
            store.upsertNote(account, note("x"));
        }
        assertEquals(20L, totals().get(new StoreKey("upsertNote", Status.ERROR, "second")));
        assertEquals(1L, totals().get(new StoreKey("upsertNote", Status.SUCCESS, "second")));
    }

    @Test
    void latencyIsAddedToEveryCallAndCountedAsTheStoresOwnTime() {
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, stats, StoreServers.NONE, faults)) {
            NoteStore store = stores.open("legacy");
            faults.update(t -> t.with("legacy", StoreFault.NONE.withLatencyMs(50).withJitterMs(10)));
            for (int i = 0; i < 5; i++) {
                store.countNotes(account);
            }
        }
        MetricRow<StoreKey> row = stats.snapshot().store().get(0);
        assertEquals(new StoreKey("countNotes", Status.SUCCESS, "legacy"), row.key());
        assertTrue(row.metrics().durationP95() >= 50, "p95 " + row.metrics().durationP95() + " ms includes the 50 ms");
    }

    @Test
    void aCallInterruptedDuringAnInjectedDelayFailsAsAStoreFailureAndStaysInterrupted() {
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, stats, StoreServers.NONE, faults)) {
            NoteStore store = stores.open("legacy");
            faults.update(t -> t.with("legacy", StoreFault.NONE.withLatencyMs(StoreFault.MAX_MILLIS)));
            Thread.currentThread().interrupt(); // as when the proxy shuts down while a call waits
            try {
                StoreException e = assertThrows(StoreException.class, () -> store.countNotes(account));
                assertEquals("note store 'legacy': countNotes interrupted during an injected delay", e.getMessage());
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt is kept for the caller to see");
            }
        }
    }

    @Test
    void aFaultWithoutLatencyNeverWaits() {
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, stats, StoreServers.NONE, faults)) {
            NoteStore store = stores.open("legacy");
            faults.update(t -> t.with("legacy", StoreFault.NONE.withErrorRate(1.0)));
            // An interrupted caller is where a wait would show: it would fail as interrupted, not as the error.
            Thread.currentThread().interrupt();
            try {
                StoreException e = assertThrows(StoreException.class, () -> store.countNotes(account));
                assertTrue(e.getMessage().contains("failed countNotes: an error injected on purpose"), e.getMessage());
            } finally {
                assertTrue(Thread.interrupted(), "nothing waited, so nothing took the interrupt");
            }
        }
    }

    @Test
    void theShortestJitterIsWaitedAndTheCallsThenRun() {
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, stats, StoreServers.NONE, faults)) {
            NoteStore store = stores.open("new");
            faults.update(t -> t.with("new", StoreFault.NONE.withJitterMs(1)));
            for (int i = 0; i < 3; i++) {
                assertEquals(0, store.countNotes(account));
            }
        }
        assertEquals(3L, totals().get(new StoreKey("countNotes", Status.SUCCESS, "new")));
    }

    @Test
    void theVerifiersViewOfOtherStoresSuffersTheSameFaults() {
        try (SqliteNoteStores plain = new SqliteNoteStores(dir, stats)) {
            FaultyNoteStores view = new FaultyNoteStores(plain, faults);
            view.open("legacy").countNotes(account);
            faults.update(t -> t.with("legacy", StoreFault.NONE.withDown(true)));
            assertThrows(StoreException.class, () -> view.open("legacy").countNotes(account));
            assertEquals(0, plain.open("legacy").countNotes(account), "the stores themselves are untouched");
        }
    }

    @Test
    void theVerifiersViewCountsShadowReadsInTheSameTelemetry() {
        try (SqliteNoteStores plain = new SqliteNoteStores(dir, stats)) {
            new FaultyNoteStores(plain, faults).shadowReads().compare(account, null, 1L, "new", () -> 1L);
        }
        assertEquals(Map.of("new:match", 1L), stats.export().shadowReads());
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        StoreFault slowest = new StoreFault(StoreFault.MAX_MILLIS, StoreFault.MAX_MILLIS, 1.0, true);
        assertEquals(StoreFault.MAX_MILLIS, slowest.latencyMs());
        assertEquals(StoreFault.MAX_MILLIS, slowest.jitterMs());
        assertTrue(new StoreFault(0, 0, 0.0, false).isNone());
    }

    @Test
    void eachFaultIsDescribedInAFewWords() {
        assertEquals("none", StoreFault.NONE.describe());
        assertEquals("down", StoreFault.NONE.withLatencyMs(50).withDown(true).describe());
        assertEquals("+50 ms", StoreFault.NONE.withLatencyMs(50).describe());
        assertEquals("+0-10 ms", StoreFault.NONE.withJitterMs(10).describe());
        assertEquals("20 % errors", StoreFault.NONE.withErrorRate(0.2).describe());
        assertEquals("+50 ms 100 % errors", StoreFault.NONE.withLatencyMs(50).withErrorRate(1.0).describe());
    }

    @Test
    void aTableWithAFaultIsNotEmptyAndEachStoreHasItsOwn() {
        FaultTable table = FaultTable.NONE.with("second", StoreFault.NONE.withJitterMs(5));
        assertFalse(table.isEmpty());
        assertEquals(1, table.generation());
        assertEquals(StoreFault.NONE.withJitterMs(5), table.of("second"));
        assertEquals(StoreFault.NONE, table.of("legacy"));
        assertTrue(table.with("second", StoreFault.NONE).isEmpty(), "none clears it");
    }

    @Test
    void anUpdateAnswersTheTableNowInForce() {
        FaultTable updated = faults.update(t -> t.with("new", StoreFault.NONE.withDown(true)));
        assertEquals(faults.current(), updated);
        assertEquals("new down", updated.describe());
        assertTrue(faults.of("new").down());
    }

    @Test
    void aTableOfTheSameGenerationIsNotTakenTwice() {
        FaultTable down = FaultTable.NONE.with("new", StoreFault.NONE.withDown(true));
        FaultTable slow = FaultTable.NONE.with("new", StoreFault.NONE.withLatencyMs(50));
        assertTrue(faults.apply(down));
        assertFalse(faults.apply(slow), "the same generation told again, with other faults, is ignored");
        assertEquals(down, faults.current());
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheField() {
        assertEquals("latencyMs must be a whole number of milliseconds from 0 to 10000, not 10001",
                assertThrows(IllegalArgumentException.class, () -> new StoreFault(10_001, 0, 0, false)).getMessage());
        assertEquals("jitterMs must be a whole number of milliseconds from 0 to 10000, not -1",
                assertThrows(IllegalArgumentException.class, () -> new StoreFault(0, -1, 0, false)).getMessage());
        assertEquals("errorRate must be from 0.0 to 1.0, not 1.5",
                assertThrows(IllegalArgumentException.class, () -> new StoreFault(0, 0, 1.5, false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StoreFault(0, 0, Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> FaultTable.NONE.with("newer", StoreFault.NONE.withDown(true)));
    }

    @Test
    void aTableToldOutOfOrderNeverUndoesALaterChange() {
        FaultTable first = FaultTable.NONE.with("new", StoreFault.NONE.withLatencyMs(50));
        FaultTable second = first.with("new", StoreFault.NONE);
        assertTrue(faults.apply(second));
        assertFalse(faults.apply(first), "an older table is ignored");
        assertTrue(faults.current().isEmpty());
        assertEquals("legacy down · new +50 ms", first.with("legacy", StoreFault.NONE.withDown(true)).describe());
        assertEquals("+50-60 ms 20 % errors", new StoreFault(50, 10, 0.2, false).describe());
    }
}
