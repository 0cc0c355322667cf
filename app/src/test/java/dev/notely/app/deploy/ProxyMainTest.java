package dev.notely.app.deploy;

import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.app.OutputLines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.wire.NetworkDelay;
import dev.notely.wire.ProxyWire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data-proxy process never outlives the app that started it, however the app ends. */
class ProxyMainTest {

    @TempDir
    Path tmp;
    private Path classes;

    @BeforeEach
    void compile() {
        classes = tmp.resolve("classes");
        new ProxyCompiler(ControllerFixture.START_STAGE, KitClasspath.current(), ControllerFixture.KIT_ROOT).compile(classes);
    }

    /** The command the app would run, but naming {@code parentPid} as the app. */
    private List<String> command(long parentPid) {
        List<String> command = new ArrayList<>(ProxyLauncher.fromCurrentJvm(tmp.resolve("data"), NetworkDelay.NONE, "INFO")
                .command());
        command.set(command.indexOf(ProxyWire.FLAG_PARENT_PID) + 1, String.valueOf(parentPid));
        return command;
    }

    private void serve(Process proxy) throws IOException {
        proxy.getOutputStream().write((ProxyWire.SERVE_PREFIX + "1 a-secret " + classes + "\n").getBytes(StandardCharsets.UTF_8));
        proxy.getOutputStream().flush();
    }

    private static boolean serving(List<String> output) {
        return output.stream().anyMatch(line -> line.startsWith(ProxyWire.READY_PREFIX));
    }

    private static List<String> collect(Process process) {
        return new OutputLines(process, "proxy-output").lines;
    }

    @Test
    void aProxyStopsWhenItsAppIsKilled() throws Exception {
        Process app = new ProcessBuilder("sleep", "120").start(); // stands in for the app
        Process proxy = new ProcessBuilder(command(app.pid())).redirectErrorStream(true).start();
        try {
            List<String> output = collect(proxy);
            Await.until(Duration.ofSeconds(30), "the proxy to be a standby: " + output,
                    () -> output.contains(ProxyWire.STANDBY_LINE));
            serve(proxy);
            Await.until(Duration.ofSeconds(30), "the proxy to serve: " + output, () -> serving(output));
            app.destroyForcibly(); // SIGKILL: no shutdown hook of the app could stop the proxy
            assertTrue(proxy.waitFor(15, TimeUnit.SECONDS), "the proxy exits once the app is gone: " + output);
            assertEquals(0, proxy.exitValue(), String.join("\n", output));
            Await.until(Duration.ofSeconds(5), "its last words", () -> String.join("\n", output).contains("is gone; stopping"));
        } finally {
            proxy.destroyForcibly();
            app.destroyForcibly();
        }
    }

    @Test
    void aProxyGivenAWrongStoreSettingSaysSoInOneLineAndDoesNotStart() throws Exception {
        Process app = new ProcessBuilder("sleep", "120").start();
        List<String> command = command(app.pid());
        command.addAll(List.of(ProxyWire.FLAG_STORE, "new=jdbc:mysql://127.0.0.1/notely?password=secret"));
        Process proxy = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            List<String> output = collect(proxy);
            assertTrue(proxy.waitFor(30, TimeUnit.SECONDS), "the proxy exits at once: " + output);
            assertEquals(1, proxy.exitValue(), String.join("\n", output));
            Await.until(Duration.ofSeconds(5), "its one line", () -> output.size() == 1);
            assertEquals("ERROR ProxyMain - --store new: 'jdbc:mysql://127.0.0.1/notely?...' is not a PostgreSQL URL;"
                    + " expected jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD", output.get(0));
        } finally {
            proxy.destroyForcibly();
            app.destroyForcibly();
        }
    }

    @Test
    void aStoreSettingHandedOverStdinIsReadWithTheVersionAndAWrongOneStopsIt() throws Exception {
        Process app = new ProcessBuilder("sleep", "120").start();
        Process proxy = new ProcessBuilder(command(app.pid())).redirectErrorStream(true).start();
        try {
            List<String> output = collect(proxy);
            Await.until(Duration.ofSeconds(30), "the proxy to be a standby: " + output,
                    () -> output.contains(ProxyWire.STANDBY_LINE));
            proxy.getOutputStream().write((ProxyWire.STORE_PREFIX + "second=jdbc:mysql://127.0.0.1/notely?password=secret\n")
                    .getBytes(StandardCharsets.UTF_8));
            serve(proxy);
            assertTrue(proxy.waitFor(30, TimeUnit.SECONDS), "the proxy exits: " + output);
            assertEquals(1, proxy.exitValue(), String.join("\n", output));
            Await.until(Duration.ofSeconds(5), "its reason", () -> output.stream().anyMatch(l -> l.startsWith("ERROR")));
            assertTrue(output.contains("ERROR ProxyMain - v1 could not start: --store second: 'jdbc:mysql://127.0.0.1/notely?...'"
                    + " is not a PostgreSQL URL; expected jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD"), String.join("\n", output));
            assertTrue(!serving(output) && !String.join("\n", output).contains("secret"), String.join("\n", output));
        } finally {
            proxy.destroyForcibly();
            app.destroyForcibly();
        }
    }

    @Test
    void aProxyWhoseAppIsAlreadyGoneDoesNotStart() throws Exception {
        Process app = new ProcessBuilder("true").start();
        assertTrue(app.waitFor(10, TimeUnit.SECONDS));
        Process proxy = new ProcessBuilder(command(app.pid())).redirectErrorStream(true).start();
        try {
            List<String> output = collect(proxy);
            assertTrue(proxy.waitFor(30, TimeUnit.SECONDS), "the proxy exits at once: " + output);
            assertEquals(0, proxy.exitValue());
            Await.until(Duration.ofSeconds(5), "its reason", () -> String.join("\n", output).contains("not starting"));
            assertTrue(!output.contains(ProxyWire.STANDBY_LINE) && !serving(output), "it never served: " + output);
        } finally {
            proxy.destroyForcibly();
        }
    }
}
