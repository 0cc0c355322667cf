package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.DeploymentStatus;
import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole kit headless, with simulated users, through a rolling deploy. */
class EndToEndTest {

    @TempDir
    Path tmp;

    @Test
    void twentyAccountsForTwentySecondsThroughARollingDeployLoseNothing() throws Exception {
        Options options = Options.parse(List.of("--headless", "--gen", "--signups-per-minute", "0", "--concurrency", "20", "--rpm", "120",
                "--port", "0", "--data-dir", tmp.resolve("data").toString(), "--rollout-wait", "5s",
                "--proxy-source", ControllerFixture.START_STAGE.toString()));
        long start = System.nanoTime();
        try (Kit kit = Kit.start(options); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            LoadGenerator load = kit.load().orElseThrow();
            Await.until(Duration.ofSeconds(30), "traffic before the deploy", () -> load.requests() > 100);
            assertEquals(2, client.deploy());
            assertEquals(DeploymentStatus.ROLLOUT_WAIT, client.deployments().status());
            // At least 20 s and 500 requests, however long a busy machine needs for them: a count, not a rate.
            Await.until(Duration.ofSeconds(90), "20 s and 500 requests of traffic, and the rollout to finish",
                    () -> System.nanoTime() - start >= Duration.ofSeconds(20).toNanos() && load.requests() > 500
                            && client.deployments().status() == DeploymentStatus.READY);
            load.close();
            assertEquals(0, load.misses(), "consistency misses");
            assertEquals(0, load.failureCount(), "failed requests " + load.failures());
            assertEquals(0, client.stats().totalMisses());
            assertEquals(20, client.listAccounts().size());
            assertTrue(load.requests() > 500, "requests: " + load.requests());
            assertEquals(2, client.deployments().current().orElseThrow().version());
        }
    }
}
