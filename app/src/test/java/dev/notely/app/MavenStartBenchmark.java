package dev.notely.app;

import dev.notely.app.data.Folders;
import dev.notely.store.KitRoot;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kit started as attendees start it, through Maven, beside Maven's own floor, in one run: each run
 * launches {@code mvn -q -pl app validate} (Maven reading the reactor and doing nothing: its floor) and
 * {@code mvn -q -pl app exec:java -Dexec.args="--headless ..."} until {@code /healthz} answers 200, then
 * the same kit with plain {@code java}. The kit's share is the Maven start minus Maven's floor.
 *
 * <p>Run from the kit folder after {@code mvn -q install -DskipTests} (the start command does that), with
 * the class path of {@code BENCHMARKS.md}: {@code java -cp "$CP" dev.notely.app.MavenStartBenchmark [runs]}
 * (default 5). Each kit stops (SIGTERM, as Ctrl+C) before the next run starts.
 */
public final class MavenStartBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private MavenStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = KitRoot.fromWorkingDirectory().orElseThrow(
                () -> new IllegalStateException("run from the kit folder (the one holding the root pom.xml)"));
        Path tmp = Files.createTempDirectory("notely-mvn-start");
        System.out.println("Notely start through Maven on " + AppBenchmark.machine());
        long[] floor = new long[runs];
        long[] viaMaven = new long[runs];
        long[] plain = new long[runs];
        try {
            for (int i = 0; i < runs; i++) {
                // Interleaved, so noise on the machine falls on all three alike.
                floor[i] = mavenValidate(root);
                viaMaven[i] = mavenKit(root, tmp.resolve("mvn-" + i));
                plain[i] = plainKit(tmp.resolve("java-" + i));
            }
        } finally {
            Folders.deleteRecursively(tmp);
        }
        long share = AppBenchmark.median(viaMaven) - AppBenchmark.median(floor);
        System.out.printf("launch to /healthz 200, median of %d runs; all runs in order in brackets%n", runs);
        System.out.printf("  kit via Maven %6d ms   %-40s mvn -q -pl app exec:java -Dexec.args=\"--headless ...\"%n",
                AppBenchmark.median(viaMaven), Arrays.toString(viaMaven));
        System.out.printf("  FLOOR Maven   %6d ms   %-40s mvn -q -pl app validate, to its exit%n",
                AppBenchmark.median(floor), Arrays.toString(floor));
        System.out.printf("  kit's share   %6d ms   (kit via Maven minus Maven's floor; target <= 1500 ms)%n", share);
        System.out.printf("  kit via java  %6d ms   %-40s plain java, the same flags%n",
                AppBenchmark.median(plain), Arrays.toString(plain));
    }

    private static long mavenValidate(Path root) throws Exception {
        long start = System.nanoTime();
        Process mvn = new ProcessBuilder(mvn(), "-q", "-pl", "app", "validate").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!mvn.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || mvn.exitValue() != 0) {
            mvn.destroyForcibly();
            throw new IllegalStateException("mvn -q -pl app validate failed or hung");
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long mavenKit(Path root, Path dataDir) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(mvn(), "-q", "-pl", "app", "exec:java",
                "-Dexec.args=--headless --port " + port + " --data-dir " + dataDir));
        long start = System.nanoTime();
        Process mvn = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return TimeUnit.NANOSECONDS.toMillis(awaitHealthy(port, mvn) - start);
        } finally {
            stop(mvn);
        }
    }

    private static long plainKit(Path dataDir) throws Exception {
        try (ChildJvm app = ChildJvm.kit(dataDir)) {
            int port = Integer.parseInt(app.awaitReady(START_TIMEOUT).match().group(1));
            awaitHealthy(port, null);
            return TimeUnit.NANOSECONDS.toMillis(app.nanosSinceLaunch());
        }
    }

    /** Polls {@code /healthz} until it answers 200; the moment it did, in {@link System#nanoTime()}. */
    private static long awaitHealthy(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("the kit exited with " + process.exitValue() + " before it served");
            }
            try (KeepAliveGet health = new KeepAliveGet(port, "/healthz")) {
                if (health.get() == 200) {
                    return System.nanoTime();
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20); // polling interval of a health check
        }
        throw new IllegalStateException("/healthz on port " + port + " did not answer 200 within " + START_TIMEOUT);
    }

    /** SIGTERM, as Ctrl+C: the kit stops its proxies itself; then whatever is left is killed. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String mvn() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? "mvn.cmd" : "mvn";
    }
}
