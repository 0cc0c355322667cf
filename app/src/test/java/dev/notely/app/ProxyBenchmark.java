package dev.notely.app;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Deploy latency (call to new version serving, split into compile and start), data-proxy RPC round
 * trip with the simulated network delay off, and the resident memory of an idle proxy JVM.
 * Run with: {@code mvn -q -pl app exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.notely.app.ProxyBenchmark}
 */
public final class ProxyBenchmark {

    private static final int DEPLOYS = 5;
    private static final int CALLS = 5_000;

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("notely-proxy-bench");
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ZERO)) {
            DeploymentController c = f.controller;
            List<Long> total = new ArrayList<>();
            List<Long> compile = new ArrayList<>();
            List<Long> start = new ArrayList<>();
            for (int i = 0; i < DEPLOYS + 1; i++) {
                Await.until(Duration.ofSeconds(30), "the previous rollout to finish",
                        () -> c.state().status() == dev.notely.api.DeploymentStatus.READY || c.state().status() == dev.notely.api.DeploymentStatus.INITIAL);
                // Deployments come at least a rollout wait apart in use, time enough for the standby to warm up.
                f.standbys.awaitSpare(Duration.ofSeconds(30));
                long t0 = System.nanoTime();
                c.deploy();
                long millis = (System.nanoTime() - t0) / 1_000_000;
                if (i == 0) {
                    System.out.printf("first deploy (cold compiler): %d ms%n", millis);
                    continue;
                }
                DeploymentController.Timings t = c.lastTimings().orElseThrow();
                total.add(millis);
                compile.add(t.compileMillis());
                start.add(t.startMillis());
            }
            System.out.printf("deploy latency, median of %d: %d ms (compile %d ms, start+ready %d ms)%n", DEPLOYS,
                    median(total), median(compile), median(start));

            Await.until(Duration.ofSeconds(30), "the last rollout to finish", () -> c.state().status() == dev.notely.api.DeploymentStatus.READY);
            // The controller's proxies run with the network delay off (see ControllerFixture).
            AccountDetails account = new AccountDetails(UUID.randomUUID(), false, null);
            Note note = new Note(UUID.randomUUID(), account.accountId(), Instant.now(), Instant.now(), "bench");
            f.router.createNote(account, note);
            for (int i = 0; i < 2_000; i++) {
                f.router.getNote(account, note.id());
            }
            long[] rtt = new long[CALLS];
            for (int i = 0; i < CALLS; i++) {
                long t0 = System.nanoTime();
                f.router.getNote(account, note.id());
                rtt[i] = System.nanoTime() - t0;
            }
            Arrays.sort(rtt);
            System.out.printf("RPC round trip (GetNote, network delay off), %d calls: p50 %.3f ms, p99 %.3f ms%n",
                    CALLS, rtt[CALLS / 2] / 1e6, rtt[(int) (CALLS * 0.99)] / 1e6);

            long pid = c.state().current().orElseThrow().pid();
            Thread.sleep(3_000); // let the proxy settle into idle before reading its memory
            System.out.printf("idle proxy JVM (pid %d) resident memory: %s%n", pid, ProcessMemory.rss(pid));
        } finally {
            Folders.deleteRecursively(tmp);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get(sorted.size() / 2);
    }
}
