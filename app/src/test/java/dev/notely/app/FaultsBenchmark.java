package dev.notely.app;

import dev.notely.app.data.Folders;
import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.loadgen.LoadSettings;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.StoreServers;
import dev.notely.store.faults.StoreFault;
import dev.notely.store.faults.StoreFaults;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.StatsCollector.WindowFigures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What store faults (SPEC §19) cost and how soon they show, each figure beside a floor from the same run.
 *
 * <ul>
 *   <li>{@code overhead}: the load scenario's mix of store calls (reads, lists, updates, creates, deletes) on
 *       real SQLite, through the kit's instrumented stores with the fault layer in place and no fault set,
 *       and without the layer, in alternating blocks; p50/p95 of one call each way.</li>
 *   <li>{@code visible}: the kit with simulated users; the API's p95 with no fault set, then {@code latencyMs
 *       50} on legacy: seconds until the store's p95 shows at least 50 ms in the kit's figures (target 5 s;
 *       floor: the interval at which the kit pulls its proxies' figures), and the API's p95 then.</li>
 * </ul>
 *
 * Run as {@link AppBenchmark} says, with {@code dev.notely.app.FaultsBenchmark [overhead] [visible]}.
 */
public final class FaultsBenchmark {

    private static final int BLOCKS = 10;
    private static final int CALLS_PER_BLOCK = 2_000;
    private static final double VISIBLE_TARGET_SECONDS = 5;
    private static final double PULL_INTERVAL_SECONDS = 2;

    private FaultsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> parts = args.length == 0 ? List.of("overhead", "visible") : List.of(args);
        Path tmp = Files.createTempDirectory("notely-faults-bench");
        try {
            for (String part : parts) {
                switch (part) {
                    case "overhead" -> overhead(tmp.resolve("overhead"));
                    case "visible" -> visible(tmp.resolve("visible"));
                    default -> {
                        System.err.println("usage: FaultsBenchmark [overhead] [visible]");
                        System.exit(2);
                    }
                }
            }
        } finally {
            Folders.deleteRecursively(tmp);
        }
        System.exit(0);
    }

    private static void overhead(Path dir) {
        StatsCollector stats = new StatsCollector();
        LatencySample layered = new LatencySample(BLOCKS * CALLS_PER_BLOCK);
        LatencySample plain = new LatencySample(BLOCKS * CALLS_PER_BLOCK);
        try (SqliteNoteStores withLayer = new SqliteNoteStores(dir.resolve("with"), stats, StoreServers.NONE, new StoreFaults());
             SqliteNoteStores without = new SqliteNoteStores(dir.resolve("without"), stats, StoreServers.NONE)) {
            Mix a = new Mix(withLayer.open("legacy"));
            Mix b = new Mix(without.open("legacy"));
            a.block(CALLS_PER_BLOCK, null); // warm-up, not measured
            b.block(CALLS_PER_BLOCK, null);
            for (int i = 0; i < BLOCKS; i++) { // interleaved, so drift on a shared machine hits both alike
                a.block(CALLS_PER_BLOCK, layered);
                b.block(CALLS_PER_BLOCK, plain);
            }
        }
        System.out.printf("store calls in the load scenario's mix, SQLite, %d calls each way in %d interleaved blocks%n",
                layered.count(), BLOCKS);
        System.out.printf("  fault layer, no fault set  p50 %6.3f ms  p95 %6.3f ms%n",
                layered.percentileMillis(0.50), layered.percentileMillis(0.95));
        System.out.printf("  FLOOR: without the layer   p50 %6.3f ms  p95 %6.3f ms%n",
                plain.percentileMillis(0.50), plain.percentileMillis(0.95));
    }

    /** Reads, lists, updates, creates and deletes, biased to reads as the simulated users are. */
    private static final class Mix {
        private final NoteStore store;
        private final UUID account = UUID.randomUUID();
        private final List<Note> notes = new ArrayList<>();
        private Instant clock = Instant.parse("2025-08-13T10:00:00Z");

        Mix(NoteStore store) {
            this.store = store;
        }

        void block(int calls, LatencySample sample) {
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                step();
                if (sample != null) {
                    sample.record(System.nanoTime() - start);
                }
            }
        }

        private void step() {
            clock = clock.plusMillis(1);
            int roll = ThreadLocalRandom.current().nextInt(100);
            if (notes.size() < 3 || roll < 10) {
                Note n = new Note(UUID.randomUUID(), account, clock, clock, "note " + clock);
                store.createNote(account, n);
                notes.add(n);
            } else if (roll < 20 && notes.size() > 3) {
                store.deleteNote(account, notes.remove(0).id());
            } else if (roll < 35) {
                Note n = notes.get(notes.size() - 1).withContent("updated " + clock, clock);
                store.updateNote(account, n);
                notes.set(notes.size() - 1, n);
            } else if (roll < 50) {
                store.listNotes(account);
            } else {
                store.getNote(account, notes.get(ThreadLocalRandom.current().nextInt(notes.size())).id());
            }
        }
    }

    private static void visible(Path dataDir) throws Exception {
        Options options = Options.parse(List.of("--headless", "--port", "0", "--data-dir", dataDir.toString()));
        LoadSettings settings = new LoadSettings(50, 3, 120);
        try (Kit kit = Kit.start(options); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            LoadGenerator load = LoadGenerator.start(client, kit.stats, settings);
            try {
                Await.until(Duration.ofSeconds(120), "accounts to be set up", () -> load.accountIds().size() == settings.concurrency());
                Thread.sleep(10_000); // steady traffic before measuring, not synchronization
                WindowFigures before = kit.stats.recentApi(key -> true);
                double legacyBefore = legacyP95(kit);
                long start = System.nanoTime();
                kit.faults().change("legacy", f -> StoreFault.NONE.withLatencyMs(50));
                Await.until(Duration.ofSeconds(60), "legacy's p95 at 50 ms", () -> legacyP95(kit) >= 50);
                // measured from the change to the figure, as a person at the dashboard sees it
                double seconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(TimeUnit.SECONDS.toMillis(6)); // a full 5 s window under the fault
                WindowFigures during = kit.stats.recentApi(key -> true);
                kit.faults().clear("legacy");
                System.out.printf("kit with %d simulated users at %d rpm each, exercise 1's start stage (every call on legacy)%n",
                        settings.concurrency(), settings.rpm());
                System.out.printf("  latencyMs 50 on legacy shows as p95 >= 50 ms on every legacy operation after %.1f s   "
                        + "target <= %.0f s   FLOOR: the kit pulls proxy figures every %.0f s%n", seconds,
                        VISIBLE_TARGET_SECONDS, PULL_INTERVAL_SECONDS);
                System.out.printf("  legacy's lowest p95 over its operations: %.1f ms before the fault, %.1f ms with it%n",
                        legacyBefore, legacyP95(kit));
                System.out.printf("  API p95 over the last 5 s: %.1f ms with no fault set, %.1f ms with the fault%n",
                        before.p95Millis(), during.p95Millis());
                System.out.printf("  failed requests %d, consistency misses %d%n", load.failureCount(), load.misses());
            } finally {
                load.close();
            }
        }
    }

    /** The lowest p95 of legacy's operations called in the last 5 s: every one of them shows a latency fault. */
    private static double legacyP95(Kit kit) {
        return kit.stats.snapshot().store().stream().filter(r -> r.key().store().equals("legacy"))
                .filter(r -> r.metrics().requestsPerMin() > 0 && r.key().status() == dev.notely.telemetry.Status.SUCCESS)
                .mapToDouble(r -> r.metrics().durationP95()).min().orElse(0);
    }
}
