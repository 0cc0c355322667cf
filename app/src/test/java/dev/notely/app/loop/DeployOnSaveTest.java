package dev.notely.app.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.ProxyInfo;
import dev.notely.api.client.NotelyClient;
import dev.notely.app.AppProcess;
import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.StageInstaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --deploy-on-save}, end to end in the real kit: a save that compiles is rolled out as the next
 * version with no key pressed, and a save that does not compile deploys nothing while v1 keeps serving.
 */
class DeployOnSaveTest {

    private static final Duration ROLLOUT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void aSaveThatCompilesIsDeployedAndOneThatDoesNotIsNot() throws Exception {
        Path sources = tmp.resolve("proxy");
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, sources);
        Path router = sources.resolve(ProxyCompiler.ROUTER_SOURCE);
        Path data = tmp.resolve("data");
        try (AppProcess app = new AppProcess(data, "--headless", "--port", "0", "--network-delay", "0",
                "--rollout-wait", "1s", "--deploy-on-save", "--proxy-source", sources.toString());
             NotelyClient client = new NotelyClient("127.0.0.1", app.awaitApiPort())) {
            assertEquals(1, client.deployments().current().orElseThrow().version());

            String start = Files.readString(router);
            Files.writeString(router, start.replaceFirst("return legacy\\.listNotes\\(account\\.accountId\\(\\)\\);",
                    "return legacy.listNotes(account.accountId())"));
            Await.until(ROLLOUT, "the compile error in the kit's output: " + app.output,
                    () -> app.output.stream().anyMatch(l -> l.contains("✗ ") && l.contains("DataProxy.java:") && l.contains("';' expected")));

            String complete = Files.readString(StageInstaller.stageSources(ControllerFixture.KIT_ROOT, "exercise1-complete")
                    .resolve(ProxyCompiler.ROUTER_SOURCE));
            Files.writeString(router, complete);
            Await.until(ROLLOUT, "v2 to serve alone after the save", () -> {
                DeploymentState state = client.deployments();
                return state.status() == DeploymentStatus.READY && state.current().map(ProxyInfo::version).orElse(0) == 2;
            });
            try (Stream<Path> versions = Files.list(data.resolve("deployments"))) {
                assertEquals(List.of("v1", "v2"), versions.map(p -> p.getFileName().toString()).sorted().toList(),
                        "the save that did not compile deployed nothing");
            }
            assertFalse(app.output.stream().anyMatch(l -> l.contains("deploying the save failed")), String.join("\n", app.output));
            assertTrue(Files.readString(router).contains("backfill"), "the sources are as saved, untouched by the kit");
        }
    }
}
