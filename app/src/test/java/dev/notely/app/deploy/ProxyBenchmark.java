package dev.notely.app.deploy;

import dev.notely.app.AppBenchmark;
import dev.notely.app.Await;
import dev.notely.app.ChildJvm;
import dev.notely.app.CompileFloor;
import dev.notely.app.ControllerFixture;
import dev.notely.app.data.Folders;
import dev.notely.app.HelloServer;
import dev.notely.app.ProcessMemory;

import dev.notely.api.http.LoopbackHttp;
import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deploy latency (call to new version serving, split into compile and start), data-proxy RPC round
 * trip with the simulated network delay off, and the resident memory of an idle proxy JVM, each beside
 * a floor measured in the same run.
 *
 * <p>Run from the kit folder with {@code java -cp "app/target/test-classes:app/target/classes:$(cat
 * /tmp/bench-cp.txt)" dev.notely.app.deploy.ProxyBenchmark}, the class path built as {@link AppBenchmark}
 * says. It stops by itself in under a minute.
 */
public final class ProxyBenchmark {

    private static final int DEPLOYS = 5;
    private static final int CALL_WARMUP = 2_000;
    private static final int CALL_BLOCK = 500;
    private static final int CALL_BLOCKS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("Notely proxy benchmark on " + AppBenchmark.machine());
        System.out.println("Each figure stands beside a FLOOR measured in the same run: what the same measurement gives");
        System.out.println("for something that does (almost) nothing. Compare a figure with its floor, not across runs.");
        System.out.println("  deploy:  compile = the kit's compiler on the proxy sources; floor: the same compiler, class path");
        System.out.println("           and options on an empty DataProxy class, interleaved (the cold one in a fresh JVM).");
        System.out.println("           start+ready = a warm standby JVM handed the classes until it answers Ready; floor: a");
        System.out.println("           line through an idle JVM's stdin and back");
        System.out.println("  RPC:     GetNote on one keep-alive connection, network delay off; floor: the same HTTP client");
        System.out.println("           posting to an Undertow " + HelloServer.undertowVersion() + " hello-world, in interleaved blocks");
        System.out.println("  memory:  resident memory of an idle proxy JVM; floor: an idle trivial JVM with the same flags");
        System.out.println();
        Path tmp = Files.createTempDirectory("notely-proxy-bench");
        // First, so its cold compile is not warmed by anything this JVM has done.
        long coldCompileFloor = coldCompileFloor(tmp.resolve("compile-floor"));
        ProxyCompiler emptyCompiler = CompileFloor.emptyProxyCompiler(tmp.resolve("compile-floor"));
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ZERO);
             ChildJvm idle = ChildJvm.trivial(tmp.resolve("floor-classes"), ProxyLauncher.JVM_FLAGS, true);
             HelloServer hello = HelloServer.start()) {
            idle.awaitReady(TIMEOUT);
            DeploymentController c = f.controller;
            long[] total = new long[DEPLOYS];
            long[] compile = new long[DEPLOYS];
            long[] start = new long[DEPLOYS];
            long[] pipe = new long[DEPLOYS];
            long[] compileFloor = new long[DEPLOYS];
            long firstDeploy = 0;
            long firstCompile = 0;
            for (int i = 0; i < DEPLOYS + 1; i++) {
                Await.until(TIMEOUT, "the previous rollout to finish",
                        () -> c.state().status() == dev.notely.api.DeploymentStatus.READY || c.state().status() == dev.notely.api.DeploymentStatus.INITIAL);
                // Deployments come at least a rollout wait apart in use, time enough for the standby to warm up.
                f.standbys.awaitSpare(TIMEOUT);
                long t0 = System.nanoTime();
                c.deploy();
                long millis = (System.nanoTime() - t0) / 1_000_000;
                long pipeNanos = idle.roundTrip("serve " + i, TIMEOUT);
                DeploymentController.Timings t = c.lastTimings().orElseThrow();
                if (i == 0) {
                    firstDeploy = millis;
                    firstCompile = t.compileMillis();
                    continue;
                }
                total[i - 1] = millis;
                compile[i - 1] = t.compileMillis();
                start[i - 1] = t.startMillis();
                pipe[i - 1] = pipeNanos;
                compileFloor[i - 1] = CompileFloor.compileMillis(emptyCompiler, tmp.resolve("compile-floor/out"));
            }
            System.out.printf("first deploy (cold compiler): %d ms (compile %d ms); FLOOR: cold compile of an empty "
                    + "DataProxy in a fresh JVM %d ms%n", firstDeploy, firstCompile, coldCompileFloor);
            System.out.printf("deploy latency, median of %d: %d ms (compile %d ms, start+ready %d ms)%n", DEPLOYS,
                    AppBenchmark.median(total), AppBenchmark.median(compile), AppBenchmark.median(start));
            System.out.printf("  FLOOR: compile of an empty DataProxy %d ms, a line through an idle JVM's pipes %.2f ms%n",
                    AppBenchmark.median(compileFloor), AppBenchmark.median(pipe) / 1e6);

            Await.until(TIMEOUT, "the last rollout to finish", () -> c.state().status() == dev.notely.api.DeploymentStatus.READY);
            rpcRoundTrip(f, hello);

            long pid = c.state().current().orElseThrow().pid();
            Thread.sleep(3_000); // let the proxy settle into idle before reading its memory
            System.out.printf("idle proxy JVM (pid %d) resident memory: %s; FLOOR: idle trivial JVM, same flags, %s%n", pid,
                    ProcessMemory.rss(pid), ProcessMemory.rss(idle.pid()));
        } finally {
            Folders.deleteRecursively(tmp);
        }
        System.exit(0); // as Main does: a thread some library left running must not keep the benchmark from ending
    }

    /** GetNote through the traffic split (the controller's proxies run with the delay off), beside the floor. */
    private static void rpcRoundTrip(ControllerFixture f, HelloServer hello) throws IOException {
        AccountDetails account = new AccountDetails(UUID.randomUUID(), false, null);
        Note note = new Note(UUID.randomUUID(), account.accountId(), Instant.now(), Instant.now(), "bench");
        f.router.createNote(account, note);
        // About the size of a GetNote call on the wire.
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getNote\",\"params\":{\"account\":{\"accountId\":\""
                + account.accountId() + "\",\"isMigrating\":false,\"shard\":null},\"noteId\":\"" + note.id() + "\"}}";
        try (LoopbackHttp http = new LoopbackHttp("127.0.0.1", hello.port)) {
            for (int i = 0; i < CALL_WARMUP; i++) {
                f.router.getNote(account, note.id());
                floorCall(http, body);
            }
            long[] rtt = new long[CALL_BLOCK * CALL_BLOCKS];
            long[] floor = new long[CALL_BLOCK * CALL_BLOCKS];
            for (int b = 0; b < CALL_BLOCKS; b++) {
                for (int i = b * CALL_BLOCK; i < (b + 1) * CALL_BLOCK; i++) {
                    long t0 = System.nanoTime();
                    f.router.getNote(account, note.id());
                    rtt[i] = System.nanoTime() - t0;
                }
                for (int i = b * CALL_BLOCK; i < (b + 1) * CALL_BLOCK; i++) {
                    long t0 = System.nanoTime();
                    floorCall(http, body);
                    floor[i] = System.nanoTime() - t0;
                }
            }
            System.out.printf("RPC round trip (GetNote, network delay off), %d calls after %d warm-up:%n", rtt.length,
                    CALL_WARMUP);
            System.out.printf("  proxy    p50 %.3f ms  p99 %.3f ms%n", AppBenchmark.percentileMillis(rtt, 0.50),
                    AppBenchmark.percentileMillis(rtt, 0.99));
            System.out.printf("  FLOOR    p50 %.3f ms  p99 %.3f ms   same HTTP client, POST to an Undertow hello-world%n",
                    AppBenchmark.percentileMillis(floor, 0.50), AppBenchmark.percentileMillis(floor, 0.99));
        }
    }

    private static void floorCall(LoopbackHttp http, String body) throws IOException {
        int status = http.send("POST", "/", body, TIMEOUT).status();
        if (status != 200) {
            throw new IOException("the hello-world answered " + status);
        }
    }

    /** {@link CompileFloor} in a JVM of its own, so its compile is as cold as the first deployment's. */
    private static long coldCompileFloor(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ProxyLauncher.currentJava().toString(),
                "-cp", KitClasspath.join(KitClasspath.current()), CompileFloor.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            if (!p.waitFor(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the compile floor did not finish within " + TIMEOUT.toSeconds() * 2 + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher cold = Pattern.compile("(?m)^cold (\\d+)$").matcher(out);
            if (p.exitValue() != 0 || !cold.find()) {
                throw new IllegalStateException("the compile floor failed:\n" + out);
            }
            return Long.parseLong(cold.group(1));
        } finally {
            p.destroyForcibly();
        }
    }
}
