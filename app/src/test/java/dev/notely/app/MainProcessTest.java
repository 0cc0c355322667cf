package dev.notely.app;

import dev.notely.app.data.DataFiles;
import dev.notely.app.deploy.ProxyCompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.client.NotelyClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app as a person starts and stops it: real JVMs, real signals. */
class MainProcessTest {

    @TempDir
    Path tmp;

    @Test
    void aBadFlagIsOneLineAndTheUsageWithExitCode2() throws Exception {
        try (AppProcess app = new AppProcess(null, "--rpm", "lots")) {
            assertEquals(2, app.awaitExit());
            assertEquals("notely: Invalid value for option '--rpm': 'lots' is not a whole number", app.output.get(0));
            assertTrue(app.text().contains("usage:"), app.text());
            assertTrue(app.text().contains("--network-delay"), app.text());
        }
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        try (AppProcess app = new AppProcess(null, "--help")) {
            assertEquals(0, app.awaitExit());
            assertTrue(app.output.get(0).startsWith("usage:"), app.text());
        }
    }

    @Test
    void anAddressThatIsNotThisMachinesIsSaidSoNotCalledABusyPort() throws Exception {
        try (AppProcess app = new AppProcess(tmp.resolve("data"), "--headless", "--host", "10.255.255.1", "--port", "0")) {
            assertEquals(1, app.awaitExit());
            assertTrue(app.text().contains("--host 10.255.255.1 is not an address of this machine"), app.text());
            assertFalse(app.text().contains("already in use"), app.text());
        }
    }

    @Test
    void aProxySourceWithoutADataProxyIsABadFlag() throws Exception {
        try (AppProcess app = new AppProcess(tmp.resolve("data"), "--headless", "--proxy-source", tmp.resolve("nowhere").toString())) {
            assertEquals(2, app.awaitExit());
            assertTrue(app.output.get(0).startsWith("notely: --proxy-source: "), app.text());
            assertTrue(app.text().contains("holds no dev/notely/proxy/DataProxy.java"), app.text());
        }
    }

    @Test
    void aDataFolderThatCannotBeMadeSaysSoAndDoesNotSuggestClean() throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("a-file"), "not a folder");
        try (AppProcess app = new AppProcess(file.resolve("data"), "--headless", "--port", "0")) {
            assertEquals(1, app.awaitExit());
            assertTrue(app.text().contains("cannot use the data folder"), app.text());
            assertTrue(app.text().contains("--data-dir"), app.text());
            assertFalse(app.text().contains("--clean"), app.text());
        }
    }

    @Test
    void aStoreServerThatIsNotThereStopsTheKitWithOneLineBeforeAnythingStarts() throws Exception {
        Path data = tmp.resolve("data");
        try (AppProcess app = new AppProcess(data, "--headless", "--port", "0",
                "--store", "new=jdbc:postgresql://127.0.0.1:1/notely?user=kit&password=secret")) {
            assertEquals(1, app.awaitExit(), app.text());
            assertEquals(2, app.output.size(), "the password warning and one line:\n" + app.text());
            assertTrue(app.output.get(0).contains("WARN  Main - a password in --store is visible"), app.text());
            assertTrue(app.output.get(1).matches(".* ERROR Main - cannot start: cannot open note store 'new' at"
                    + " jdbc:postgresql://127\\.0\\.0\\.1:1/notely: Connection to 127\\.0\\.0\\.1:1 refused\\..*"), app.text());
            assertFalse(app.text().contains("secret"), "no password: " + app.text());
            assertFalse(java.nio.file.Files.exists(data.resolve(DataFiles.DEPLOYMENTS)), "nothing was deployed");
            assertTrue(ControllerFixture.proxiesOf(data).isEmpty(), "no proxy was started");
        }
    }

    @Test
    void aTakenPortFailsAtOnceWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             AppProcess app = new AppProcess(tmp.resolve("data"), "--headless", "--port", String.valueOf(taken.getLocalPort()))) {
            assertEquals(1, app.awaitExit());
            assertTrue(app.text().contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"), app.text());
            assertFalse(app.text().contains("Exception"), "no stack trace: " + app.text());
            assertFalse(app.text().contains("deploying"), "fails before starting anything slow: " + app.text());
        }
    }

    @Test
    void logLevelDebugShowsAnAccessLineForEachRequest() throws Exception {
        try (AppProcess app = new AppProcess(tmp.resolve("data"), "--headless", "--port", "0", "--network-delay", "0",
                "--log-level", "DEBUG")) {
            int port = app.awaitApiPort();
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                client.listAccounts();
            }
            Await.until(java.time.Duration.ofSeconds(10), "the access line of GET /accounts: " + app.output,
                    () -> app.text().contains("DEBUG access - 127.0.0.1 \"GET /accounts\" 200 "));
            app.process.toHandle().destroy();
            assertEquals(0, app.awaitExit(), app.text());
        }
    }

    @Test
    void sigtermStopsEverythingAndExitsZero() throws Exception {
        // Through the handle: Process.destroy() would also close our end of its output.
        stopsCleanlyOn(app -> app.process.toHandle().destroy());
    }

    @Test
    void ctrlCStopsEverythingAndExitsZero() throws Exception {
        // A shell starts a background job with Ctrl+C ignored, its children inherit that, and a JVM started
        // so leaves SIGINT ignored: then no kit could see it, and there is nothing to test.
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored by whatever started this build, and the kit "
                + "would inherit that; run the build from a terminal, not as a background job, to test Ctrl+C");
        stopsCleanlyOn(app -> {
            try {
                new ProcessBuilder("kill", "-INT", String.valueOf(app.process.pid())).start().waitFor();
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void sigtermWhileTheFirstProxyIsStillStartingLeavesNoProxyBehind() throws Exception {
        Path sources = tmp.resolve("slow-start");
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, sources);
        Path router = sources.resolve(ProxyCompiler.ROUTER_SOURCE);
        java.nio.file.Files.writeString(router, java.nio.file.Files.readString(router).replace(
                "this.legacy = stores.open(NoteStores.LEGACY);", "this.legacy = stores.open(NoteStores.LEGACY);\n"
                        + "try { Thread.sleep(120_000); } catch (InterruptedException e) { throw new IllegalStateException(e); }"));
        Path data = tmp.resolve("data");
        try (AppProcess app = new AppProcess(data, "--headless", "--port", "0", "--proxy-source", sources.toString())) {
            Await.until(java.time.Duration.ofSeconds(60), "the first proxy JVM to be started: " + app.output,
                    () -> !ControllerFixture.proxiesOf(data).isEmpty());
            app.process.toHandle().destroy();
            assertEquals(0, app.awaitExit(), app.text());
            assertTrue(app.text().contains("Notely stopped"), "the kit itself stopped what it had started: " + app.text());
            assertFalse(app.text().contains("Notely API on"), "no API is started once stopping: " + app.text());
            Await.until(java.time.Duration.ofSeconds(10), "no proxy left", () -> ControllerFixture.proxiesOf(data).isEmpty());
        }
    }

    /** Whether this process ignores SIGINT (Linux: bit 2 of SigIgn in /proc/self/status); false where that cannot be told. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!java.nio.file.Files.exists(status)) {
            return false;
        }
        return java.nio.file.Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> new java.math.BigInteger(l.substring("SigIgn:".length()).strip(), 16).testBit(1))
                .findFirst().orElse(false);
    }

    private void stopsCleanlyOn(java.util.function.Consumer<AppProcess> signal) throws Exception {
        try (AppProcess app = new AppProcess(tmp.resolve("data"), "--headless", "--port", "0", "--gen",
                "--network-delay", "0")) {
            int port = app.awaitApiPort();
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                assertTrue(client.healthy());
            }
            List<ProcessHandle> children = app.process.descendants().filter(p -> p.info().commandLine()
                    .map(c -> c.contains("ProxyMain")).orElse(false)).toList();
            assertEquals(2, children.size(), "one data proxy serves, one waits as the standby for the next deployment");
            signal.accept(app);
            assertEquals(0, app.awaitExit(), app.text());
            for (ProcessHandle child : children) {
                Await.until(java.time.Duration.ofSeconds(10), "proxy " + child.pid() + " to be gone", () -> !child.isAlive());
            }
            assertTrue(app.text().contains("Notely stopped"), app.text());
            assertFalse(app.text().contains("restarting"), "no restart during shutdown: " + app.text());
        }
    }
}
