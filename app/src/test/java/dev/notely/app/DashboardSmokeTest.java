package dev.notely.app;

import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.ProxyLauncher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the dashboard smoke script against the real kit in tmux, when tmux is installed. */
class DashboardSmokeTest {

    @TempDir
    Path tmp;

    private static boolean tmuxInstalled() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void theDashboardShowsEveryPageAndQuitsCleanly() throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed: skipping the dashboard smoke test (install tmux to run it)");
        Path data = tmp.resolve("data");
        String java = ProxyLauncher.currentJava().toString();
        String command = "'" + java + "' -cp '" + KitClasspath.join(AppProcess.runtimeClasspath()) + "' "
                + Main.class.getName() + " --gen --port 0 --network-delay 0 --data-dir '" + data + "'"
                + " --proxy-source '" + ControllerFixture.START_STAGE + "'";
        Path script = ControllerFixture.KIT_ROOT.resolve("app/src/test/sh/dashboard-smoke.sh");
        Process smoke = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true).start();
        if (!smoke.waitFor(3, TimeUnit.MINUTES)) {
            smoke.descendants().forEach(ProcessHandle::destroyForcibly);
            smoke.destroyForcibly();
            throw new AssertionError("the smoke script did not finish within 3 minutes");
        }
        String output = new String(smoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, smoke.exitValue(), output);
        assertTrue(output.contains("PASS"), output);
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(data.toString())).orElse(false)).toList();
        assertEquals(List.of(), left, "no kit process is left behind");
    }
}
