package dev.notely.app;

import dev.notely.app.data.Folders;
import com.google.gson.JsonParser;
import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.loadgen.LoadSettings;
import dev.notely.wire.NetworkDelay;
import dev.notely.wire.ProxyWire;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The whole kit, measured the way the renovation targets are stated, each figure beside a floor
 * measured in the same run: JVM start to a healthy API (beside a trivial JVM start), the GET-note
 * ceiling and single-GET latency with the network delay off (beside an Undertow hello-world), and
 * sustained simulated traffic with the default delay (beside the simulated wire delay alone).
 *
 * <p>Build with {@code mvn -q -o -pl app -am package -DskipTests dependency:build-classpath
 * -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/bench-cp.txt} (the reactor's own jars, not those in
 * the local repository), then from the kit folder run {@code java -cp
 * "app/target/test-classes:app/target/classes:$(cat /tmp/bench-cp.txt)" dev.notely.app.AppBenchmark
 * [part ...]}; see {@link #USAGE}. Every part stops by itself.
 */
public final class AppBenchmark {

    static final String USAGE = """
            usage: java -cp <app test classes, classes and dependencies> dev.notely.app.AppBenchmark [part [numbers]] ...
              startup [runs]                 JVM start to /healthz 200, median of runs (default 5)     about 30 s
              ceiling [rounds]               GET-note req/s with wrk, rounds of 10 s (default 2),
                                             and single-GET latency                                   about 70 s
              load [accounts rpm seconds]    sustained simulated users (default 500 120 60)           about 1.5 min
              trace [accounts rpm seconds]   the load four times, the misses' tracing off, on, on, off
                                             (default 500 120 60) after a warm-up round                about 9 min
              no part: all three with their defaults
            """;

    static final long STARTUP_TARGET_MILLIS = 1_500;
    static final double CEILING_TARGET_RPS = 5_000;
    static final double GET_P50_TARGET_MILLIS = 0.3;
    static final double LOAD_P95_TARGET_MILLIS = 20;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int WRK_WARMUP_SECONDS = 3;
    private static final int WRK_SECONDS = 10;
    private static final int GET_WARMUP = 2_000;
    private static final int GET_BLOCK = 500;
    private static final int GET_BLOCKS = 8;
    private static final int WIRE_SAMPLES_PER_THREAD = 400;
    private static final int WIRE_THREADS = 4;

    private AppBenchmark() {
    }

    /** A part of the benchmark and the numbers given after it. */
    private record Part(String name, List<Integer> numbers) {

        int number(int index, int fallback) {
            return index < numbers.size() ? numbers.get(index) : fallback;
        }
    }

    public static void main(String[] args) throws Exception {
        List<Part> parts;
        try {
            parts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("AppBenchmark: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        printHeader(parts);
        Path tmp = Files.createTempDirectory("notely-app-bench");
        try {
            for (Part part : parts) {
                System.out.println();
                switch (part.name()) {
                    case "startup" -> startup(tmp.resolve("startup"), part.number(0, 5));
                    case "ceiling" -> ceiling(tmp.resolve("ceiling"), part.number(0, 2));
                    case "trace" -> traceCost(tmp, new LoadSettings(part.number(0, 500), 3, part.number(1, 120)),
                            part.number(2, 60));
                    case "load" -> load(tmp.resolve("load"), new LoadSettings(part.number(0, 500), 3, part.number(1, 120)),
                            part.number(2, 60));
                    default -> throw new IllegalStateException(part.name());
                }
            }
        } finally {
            Folders.deleteRecursively(tmp);
        }
        // As Main does: a thread some library left running must not keep the benchmark from ending.
        System.exit(0);
    }

    private static List<Part> parse(String[] args) {
        List<String> known = List.of("startup", "ceiling", "load", "trace");
        List<Part> parts = new ArrayList<>();
        for (String arg : args) {
            if (known.contains(arg)) {
                parts.add(new Part(arg, new ArrayList<>()));
            } else if (arg.matches("\\d{1,6}") && !parts.isEmpty() && Integer.parseInt(arg) > 0) {
                parts.get(parts.size() - 1).numbers().add(Integer.parseInt(arg));
            } else {
                throw new IllegalArgumentException("'" + arg + "' is not a part or a positive number after one");
            }
        }
        int[] most = {1, 1, 3, 3};
        for (Part part : parts) {
            if (part.numbers().size() > most[known.indexOf(part.name())]) {
                throw new IllegalArgumentException("too many numbers after " + part.name());
            }
        }
        return parts.isEmpty() ? known.stream().map(name -> new Part(name, List.of())).toList() : parts;
    }

    private static void printHeader(List<Part> parts) {
        System.out.println("Notely benchmarks on " + machine());
        System.out.println("Each figure stands beside a FLOOR measured in the same run: what the same measurement gives");
        System.out.println("for something that does (almost) nothing. Compare a figure with its floor, not with figures");
        System.out.println("from another machine or run. Figures are medians or percentiles as labelled.");
        List<String> names = parts.stream().map(Part::name).toList();
        if (names.contains("startup")) {
            System.out.println("  startup: launch of a plain `java` process until the kit's /healthz answers 200 (first");
            System.out.println("           deployment of the data proxy included); floor: launch until a class whose");
            System.out.println("           main only prints one line has printed it");
        }
        if (names.contains("ceiling")) {
            System.out.println("  ceiling: GET one note with wrk, network delay off; floor: Undertow " + HelloServer.undertowVersion()
                    + " hello-world,");
            System.out.println("           same wrk. Single GET: sequential requests on one keep-alive socket; floor: the");
            System.out.println("           same client against the hello-world, requests interleaved in blocks");
        }
        if (names.contains("load")) {
            System.out.println("  load:    simulated users in the kit's JVM, default network delay; latency is per API");
            System.out.println("           request; floor: the simulated wire delay of one proxy call on its own");
        }
    }

    /** The machine the figures come from, and how busy it was when they started. */
    public static String machine() {
        return String.format(Locale.ROOT, "%d CPUs (nproc), Java %s (%s), %s %s; load average %.2f at start",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // ---------------------------------------------------------------- startup

    private static void startup(Path dir, int runs) throws Exception {
        Path floorDir = dir.resolve("floor-classes");
        warmUpHttpClient();
        long[] kit = new long[runs];
        long[] floor = new long[runs];
        for (int i = 0; i < runs; i++) {
            // Interleaved, so noise on the machine falls on both alike.
            floor[i] = trivialStart(floorDir);
            kit[i] = kitStart(dir.resolve("data-" + i));
        }
        System.out.printf("JVM start to /healthz 200 (plain java), median of %d runs; all runs in order in brackets%n", runs);
        System.out.printf("  kit      %5d ms   %-38s target <= %d ms%n", median(kit), Arrays.toString(kit),
                STARTUP_TARGET_MILLIS);
        System.out.printf("  FLOOR    %5d ms   %-38s trivial JVM, start to its first line%n", median(floor),
                Arrays.toString(floor));
    }

    /** Milliseconds from launching the kit to its /healthz answering 200. */
    private static long kitStart(Path dataDir) throws Exception {
        try (ChildJvm app = ChildJvm.kit(dataDir)) {
            int port = Integer.parseInt(app.awaitReady(START_TIMEOUT).match().group(1));
            try (KeepAliveGet health = new KeepAliveGet(port, "/healthz")) {
                long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
                while (health.get() != 200) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("/healthz did not answer 200:\n" + app.output());
                    }
                    Thread.sleep(5); // polling interval of a health check
                }
                return TimeUnit.NANOSECONDS.toMillis(app.nanosSinceLaunch());
            }
        } finally {
            Folders.deleteRecursively(dataDir);
        }
    }

    private static long trivialStart(Path classDir) throws Exception {
        try (ChildJvm jvm = ChildJvm.trivial(classDir, false)) {
            return TimeUnit.NANOSECONDS.toMillis(jvm.awaitReady(START_TIMEOUT).nanosSinceLaunch());
        }
    }

    /** Loads the client's classes before anything is timed, so the first run does not pay for them. */
    private static void warmUpHttpClient() throws IOException {
        try (HelloServer hello = HelloServer.start(); KeepAliveGet get = new KeepAliveGet(hello.port, "/")) {
            get.time(100);
        }
    }

    // ---------------------------------------------------------------- ceiling

    private static void ceiling(Path dir, int rounds) throws Exception {
        try (HelloServer hello = HelloServer.start();
             ChildJvm kit = ChildJvm.kit(dir.resolve("data"), "--network-delay", "0")) {
            int port = Integer.parseInt(kit.awaitReady(START_TIMEOUT).match().group(1));
            String notePath = createNote(port);
            String kitUrl = "http://127.0.0.1:" + port + notePath;
            String helloUrl = "http://127.0.0.1:" + hello.port + "/";

            Wrk.run(WRK_WARMUP_SECONDS, helloUrl);
            Wrk.run(WRK_WARMUP_SECONDS, kitUrl);
            List<Wrk.Result> kitRuns = new ArrayList<>();
            List<Wrk.Result> floorRuns = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                // Alternating, so noise on the machine falls on both alike; the idle one costs next to nothing.
                floorRuns.add(Wrk.run(WRK_SECONDS, helloUrl));
                kitRuns.add(Wrk.run(WRK_SECONDS, kitUrl));
            }
            System.out.printf("GET-note ceiling, network delay off: `%s` after a %d s warm-up, %d round(s) alternating%n",
                    Wrk.command(WRK_SECONDS, "<url>"), WRK_WARMUP_SECONDS, rounds);
            System.out.printf("  kit      %8.0f req/s  %-24s target >= %.0f req/s   GET /accounts/A/notes/N%n",
                    best(kitRuns), rates(kitRuns), CEILING_TARGET_RPS);
            System.out.printf("  FLOOR    %8.0f req/s  %-24s Undertow hello-world, same wrk%n", best(floorRuns),
                    rates(floorRuns));
            System.out.println("  (best round shown; every round in brackets)");
            reportProblems("kit", kitRuns);
            reportProblems("hello-world", floorRuns);

            try (KeepAliveGet kitGet = new KeepAliveGet(port, notePath);
                 KeepAliveGet floorGet = new KeepAliveGet(hello.port, "/")) {
                floorGet.time(GET_WARMUP);
                kitGet.time(GET_WARMUP);
                long[] kitNanos = new long[GET_BLOCK * GET_BLOCKS];
                long[] floorNanos = new long[GET_BLOCK * GET_BLOCKS];
                for (int b = 0; b < GET_BLOCKS; b++) {
                    System.arraycopy(floorGet.time(GET_BLOCK), 0, floorNanos, b * GET_BLOCK, GET_BLOCK);
                    System.arraycopy(kitGet.time(GET_BLOCK), 0, kitNanos, b * GET_BLOCK, GET_BLOCK);
                }
                System.out.printf("single GET latency, one client thread, one keep-alive socket, %d sequential requests "
                        + "each after %d warm-up, network delay off%n", kitNanos.length, GET_WARMUP);
                System.out.printf("  kit      p50 %.3f ms  p99 %.3f ms   target p50 <= %.1f ms   GET /accounts/A/notes/N%n",
                        percentileMillis(kitNanos, 0.50), percentileMillis(kitNanos, 0.99), GET_P50_TARGET_MILLIS);
                System.out.printf("  FLOOR    p50 %.3f ms  p99 %.3f ms   Undertow hello-world, same client%n",
                        percentileMillis(floorNanos, 0.50), percentileMillis(floorNanos, 0.99));
            }
        } finally {
            Folders.deleteRecursively(dir);
        }
    }

    /** Creates one account and one note through the REST API; returns the note's path. */
    private static String createNote(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        String accountId = postForId(http, base + "/accounts", "{\"name\":\"bench\"}");
        String content = "A note of ordinary length, to read back as fast as the kit can: groceries, a phone number, "
                + "a thought for later.";
        String noteId = postForId(http, base + "/accounts/" + accountId + "/notes", "{\"content\":\"" + content + "\"}");
        String path = "/accounts/" + accountId + "/notes/" + noteId;
        try (KeepAliveGet get = new KeepAliveGet(port, path)) {
            int status = get.get();
            if (status != 200) {
                throw new IllegalStateException("GET " + path + " answered " + status + " after creating the note");
            }
        }
        return path;
    }

    private static String postForId(HttpClient http, String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().get("id").getAsString();
    }

    private static double best(List<Wrk.Result> runs) {
        return runs.stream().filter(Wrk.Result::clean).mapToDouble(Wrk.Result::requestsPerSecond).max().orElse(0);
    }

    private static String rates(List<Wrk.Result> runs) {
        return runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", r.requestsPerSecond())).toList().toString();
    }

    private static void reportProblems(String what, List<Wrk.Result> runs) {
        for (Wrk.Result run : runs) {
            if (!run.clean()) {
                System.out.printf("  ! a %s round had %s: it is left out of the best%n", what, run.problems());
            }
        }
    }

    // ---------------------------------------------------------------- load

    /**
     * What the misses' evidence costs: after a warm-up round, the same load four times in one run, tracing
     * off, on, on, off (so a machine that warms up or slows down during the run weighs on both alike); the p95 may grow by 10 % at
     * most, and a proxy's memory by 20 MB. Each round is printed, then the mean of each pair.
     */
    private static void traceCost(Path tmp, LoadSettings settings, int seconds) throws Exception {
        System.out.println("trace cost: a warm-up round, then the load below four times, tracing off (FLOOR), on, on, off; target p95 +10 % "
                + "and proxy memory +20 MB at most");
        // Every round runs a kit in this JVM: the first one also warms this JVM's own code (the simulated
        // users, the API), and would weigh on whichever side it counted for.
        System.out.println("warm-up round, not counted:");
        load(tmp.resolve("trace-warm-up"), settings, Math.min(seconds, 20));
        List<LoadFigures> off = new ArrayList<>();
        List<LoadFigures> on = new ArrayList<>();
        boolean[] order = {false, true, true, false};
        for (int round = 0; round < order.length; round++) {
            boolean tracing = order[round];
            System.out.printf("round %d of %d, tracing %s%s:%n", round + 1, order.length, tracing ? "on" : "off",
                    tracing ? "" : " (FLOOR)");
            if (!tracing) {
                System.setProperty(ProxyWire.TRACE_PROPERTY, "false");
            }
            try {
                (tracing ? on : off).add(load(tmp.resolve("trace-" + round), settings, seconds));
            } finally {
                System.clearProperty(ProxyWire.TRACE_PROPERTY);
            }
        }
        double offP95 = off.stream().mapToDouble(LoadFigures::p95Millis).average().orElseThrow();
        double onP95 = on.stream().mapToDouble(LoadFigures::p95Millis).average().orElseThrow();
        double offRss = off.stream().mapToDouble(LoadFigures::proxyRssMegabytes).average().orElseThrow();
        double onRss = on.stream().mapToDouble(LoadFigures::proxyRssMegabytes).average().orElseThrow();
        System.out.println();
        System.out.printf(Locale.ROOT, "trace cost, mean of two rounds each (%d accounts x %d rpm, %d s measured per round)%n",
                settings.concurrency(), settings.rpm(), seconds);
        System.out.printf(Locale.ROOT, "  p95          tracing on %6.2f ms   FLOOR tracing off %6.2f ms   %+5.1f %%   "
                + "target <= +10 %%   rounds on %s, off %s%n", onP95, offP95, 100 * (onP95 - offP95) / offP95,
                on.stream().map(f -> String.format(Locale.ROOT, "%.2f", f.p95Millis())).toList(),
                off.stream().map(f -> String.format(Locale.ROOT, "%.2f", f.p95Millis())).toList());
        System.out.printf(Locale.ROOT, "  proxy memory tracing on %6.1f MB   FLOOR tracing off %6.1f MB   %+5.1f MB   "
                + "target <= +20 MB%n", onRss, offRss, onRss - offRss);
    }

    /** What one sustained-load run measured, for the trace cost's comparison. */
    private record LoadFigures(double p95Millis, double proxyRssMegabytes) {
    }

    private static LoadFigures load(Path dataDir, LoadSettings settings, int seconds) throws Exception {
        Options options = Options.parse(List.of("--headless", "--port", "0", "--data-dir", dataDir.toString()));
        long[] wire = wireDelay(options.networkDelay());
        String idleJvm;
        try (ChildJvm trivial = ChildJvm.trivial(dataDir.resolveSibling("floor-classes"), true)) {
            trivial.awaitReady(START_TIMEOUT);
            idleJvm = ProcessMemory.rss(trivial.pid());
        }
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
                long missesBefore = load.misses();
                long start = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measured period
                double elapsed = (System.nanoTime() - start) / 1e9;
                long requests = load.requests() - requestsBefore;
                System.out.printf("sustained load: %d accounts x %d rpm (%.0f req/s offered), network delay %s, "
                                + "%d s measured after set-up and 5 s of warm-up%n",
                        settings.concurrency(), settings.rpm(), settings.requestsPerSecond(), options.networkDelay(), seconds);
                System.out.printf("  achieved %.1f req/s%n", requests / elapsed);
                System.out.printf("  kit      p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms   target p95 <= %.0f ms   "
                                + "API requests, %d made%n", latencies.percentileMillis(0.50),
                        latencies.percentileMillis(0.95), latencies.percentileMillis(0.99), LOAD_P95_TARGET_MILLIS,
                        latencies.count());
                System.out.printf("  FLOOR    p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms   simulated wire delay of one "
                                + "proxy call (client + server side), %d sampled%n", percentileMillis(wire, 0.50),
                        percentileMillis(wire, 0.95), percentileMillis(wire, 0.99), wire.length);
                System.out.printf("  kit distribution: p75 %.2f, p80 %.2f, p85 %.2f, p90 %.2f ms%n",
                        latencies.percentileMillis(0.75), latencies.percentileMillis(0.80),
                        latencies.percentileMillis(0.85), latencies.percentileMillis(0.90));
                System.out.printf("  failed requests %d, consistency misses %d in the measured period (%d and %d since "
                                + "start)   target 0 and 0%n", load.failureCount() - failuresBefore,
                        load.misses() - missesBefore, load.failureCount(), load.misses());
                long proxyPid = kit.deployments().state().current().orElseThrow().pid();
                System.out.printf("  resident memory: kit JVM with its simulated users %s, proxy JVM %s; FLOOR: idle "
                                + "trivial JVM %s%n", ProcessMemory.rss(ProcessHandle.current().pid()),
                        ProcessMemory.rss(proxyPid), idleJvm);
                return new LoadFigures(latencies.percentileMillis(0.95), ProcessMemory.rssMegabytes(proxyPid));
            } finally {
                load.close();
            }
        } finally {
            Folders.deleteRecursively(dataDir);
        }
    }

    /** The simulated delay one proxy call pays (a pause on each side), timed on a few threads at once. */
    public static long[] wireDelay(NetworkDelay delay) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WIRE_THREADS);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < WIRE_THREADS; t++) {
                parts.add(pool.submit(() -> {
                    long[] nanos = new long[WIRE_SAMPLES_PER_THREAD];
                    for (int i = 0; i < nanos.length; i++) {
                        long start = System.nanoTime();
                        delay.pause();
                        delay.pause();
                        nanos[i] = System.nanoTime() - start;
                    }
                    return nanos;
                }));
            }
            long[] all = new long[WIRE_THREADS * WIRE_SAMPLES_PER_THREAD];
            for (int t = 0; t < WIRE_THREADS; t++) {
                System.arraycopy(parts.get(t).get(60, TimeUnit.SECONDS), 0, all, t * WIRE_SAMPLES_PER_THREAD,
                        WIRE_SAMPLES_PER_THREAD);
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- figures

    public static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    public static double percentileMillis(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
