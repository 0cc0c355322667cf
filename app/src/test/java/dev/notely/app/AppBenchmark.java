package dev.notely.app;

import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.loadgen.LoadSettings;
import dev.notely.store.Account;
import dev.notely.store.Note;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The whole kit under load: JVM start to a healthy API, sustained simulated traffic with the default
 * network delay, and the GET-note ceiling with the delay off.
 *
 * <p>Run with: {@code mvn -q -pl app exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.notely.app.AppBenchmark -Dexec.args="[accounts] [rpm] [seconds]"}
 * (defaults 500 accounts, 120 requests per minute each, 60 s).
 */
public final class AppBenchmark {

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rpm = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path tmp = Files.createTempDirectory("notely-app-bench");
        try {
            startupTime(tmp.resolve("startup"));
            sustainedLoad(tmp.resolve("load"), new LoadSettings(accounts, 3, rpm), seconds);
            getCeiling(tmp.resolve("ceiling"));
        } finally {
            Folders.deleteRecursively(tmp);
        }
    }

    private static void startupTime(Path dataDir) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            try (AppProcess app = new AppProcess(dataDir, "--headless", "--port", "0")) {
                int port = app.awaitApiPort();
                try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                    Await.until(Duration.ofSeconds(30), "healthz", client::healthy);
                }
                times.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                app.process.toHandle().destroy();
                app.awaitExit();
            }
        }
        times.sort(Long::compare);
        System.out.printf("JVM start to /healthz 200 (plain java, first deployment included): median %d ms of %s%n",
                times.get(1), times);
    }

    private static void sustainedLoad(Path dataDir, LoadSettings settings, int seconds) throws Exception {
        Options options = Options.parse(List.of("--headless", "--port", "0", "--data-dir", dataDir.toString()));
        LatencySample latencies = new LatencySample(200_000);
        try (Kit kit = Kit.start(options);
             NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort(), latencies::record)) {
            LoadGenerator load = LoadGenerator.start(client, kit.stats, settings);
            try {
                // Let every account create itself and its notes before measuring.
                Await.until(Duration.ofSeconds(120), "accounts to be set up",
                        () -> load.accountIds().size() == settings.concurrency());
                Thread.sleep(5_000); // warm-up period of steady traffic, not synchronization
                latencies.reset();
                long requestsBefore = load.requests();
                long failuresBefore = load.failureCount();
                long start = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measured period
                double elapsed = (System.nanoTime() - start) / 1e9;
                long requests = load.requests() - requestsBefore;
                System.out.printf("sustained load: %d accounts x %d rpm (%.0f req/s offered), default network delay, %d s%n",
                        settings.concurrency(), settings.rpm(), settings.requestsPerSecond(), seconds);
                System.out.printf("  achieved %.1f req/s; API latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
                        requests / elapsed, latencies.percentileMillis(0.50), latencies.percentileMillis(0.95),
                        latencies.percentileMillis(0.99));
                System.out.printf("  distribution: p75 %.2f, p80 %.2f, p85 %.2f, p90 %.2f ms%n", latencies.percentileMillis(0.75), latencies.percentileMillis(0.80), latencies.percentileMillis(0.85), latencies.percentileMillis(0.90));
                System.out.printf("  failed requests %d, consistency misses %d%n", load.failureCount() - failuresBefore,
                        load.misses());
                System.out.printf("  resident memory: app %s, proxy %s%n", ProcessMemory.rss(ProcessHandle.current().pid()),
                        ProcessMemory.rss(kit.deployments().state().current().orElseThrow().pid()));
            } finally {
                load.close();
            }
        }
    }

    private static void getCeiling(Path dataDir) throws Exception {
        Options options = Options.parse(List.of("--headless", "--port", "0", "--network-delay", "0",
                "--data-dir", dataDir.toString()));
        try (Kit kit = Kit.start(options); NotelyClient setup = new NotelyClient("127.0.0.1", kit.apiPort())) {
            Account account = setup.createAccount("ceiling");
            Note note = setup.createNote(account.id(), UUID.randomUUID(), "hello", Instant.now());
            int threads = 8;
            AtomicBoolean running = new AtomicBoolean(true);
            LongAdder done = new LongAdder();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int i = 0; i < threads; i++) {
                pool.submit(() -> {
                    try (NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
                        while (running.get()) {
                            client.getNote(account.id(), note.id()).orElseThrow();
                            done.increment();
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(3_000); // warm-up
            long before = done.sum();
            long start = System.nanoTime();
            Thread.sleep(10_000); // measured period
            double rate = (done.sum() - before) / ((System.nanoTime() - start) / 1e9);
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            System.out.printf("GET-note ceiling, network delay off, %d client threads: %.0f req/s%n", threads, rate);
        }
    }
}
