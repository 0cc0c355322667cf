package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.client.NotelyClient;
import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.StageInstaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --start-with STAGE}: v1 is that stage while the proxy sources stay as they are, and {@code d}
 * deploys the proxy sources; the start says what it is doing until the API is up.
 */
class StartWithTest {

    private static final String ROUTER_CLASS = "dev/notely/proxy/DataProxy.class";

    @TempDir
    Path tmp;

    @Test
    void v1IsTheStageAndTheNextDeploymentIsTheProxySources() throws Exception {
        Path data = tmp.resolve("data");
        // The proxy sources are the start stage (AppProcess's default --proxy-source): v1 must be the complete one.
        try (AppProcess app = new AppProcess(data, "--headless", "--port", "0", "--network-delay", "0",
                "--start-with", "exercise1-complete")) {
            int port = app.awaitApiPort();
            assertTrue(app.text().contains("deploying the data proxy from exercises/exercise1-complete (--start-with; "),
                    app.text());
            assertTrue(app.text().contains("compiling v1 and starting its JVM …"), "the start says what it does: " + app.text());
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                assertEquals(2, client.deploy());
            }
            byte[] v1 = Files.readAllBytes(data.resolve("deployments/v1").resolve(ROUTER_CLASS));
            byte[] v2 = Files.readAllBytes(data.resolve("deployments/v2").resolve(ROUTER_CLASS));
            assertArrayEquals(compiled("exercise1-complete"), v1, "v1 is the stage");
            assertArrayEquals(compiled("exercise1-start"), v2, "d deploys the proxy sources");
            assertFalse(Arrays.equals(v1, v2));
            app.process.toHandle().destroy();
            assertEquals(0, app.awaitExit(), app.text());
        }
    }

    /** The stage's class as the kit's compiler writes it (javac's output is the same for the same input). */
    private byte[] compiled(String stage) throws Exception {
        Path out = tmp.resolve("compiled-" + stage);
        new ProxyCompiler(StageInstaller.stageSources(ControllerFixture.KIT_ROOT, stage),
                dev.notely.app.deploy.ProxyClasspath.of(KitClasspath.current()), ControllerFixture.KIT_ROOT).compile(out);
        return Files.readAllBytes(out.resolve(ROUTER_CLASS));
    }
}
