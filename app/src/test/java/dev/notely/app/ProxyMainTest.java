package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import dev.notely.api.rpc.NetworkDelay;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
    private List<String> command(long parentPid) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(ProxyLauncher.fromCurrentJvm(tmp.resolve("data"), NetworkDelay.NONE, "INFO")
                .command(1, classes, port));
        command.set(command.indexOf("--parent-pid") + 1, String.valueOf(parentPid));
        return command;
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
            Await.until(Duration.ofSeconds(30), "the proxy to serve: " + output,
                    () -> output.contains(ProxyMain.READY_LINE));
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
    void proxyLoggingFollowsTheLaunchersPropertiesAndStepsAsideElsewhere() {
        LoggerContext context = new LoggerContext();
        ProxyLogging logging = new ProxyLogging();
        logging.setContext(context);
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, logging.configure(context), "not a proxy JVM");
        System.setProperty(ProxyLogging.PATTERN_PROPERTY, "%-5level %logger{0} - %msg%n");
        System.setProperty(ProxyLogging.LEVEL_PROPERTY, "WARN");
        try {
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, logging.configure(context));
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertEquals(Level.WARN, root.getLevel());
            assertTrue(root.getAppender("STDERR").isStarted());
            assertEquals(Level.WARN, context.getLogger("io.undertow").getLevel());
        } finally {
            System.clearProperty(ProxyLogging.PATTERN_PROPERTY);
            System.clearProperty(ProxyLogging.LEVEL_PROPERTY);
            context.stop();
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
            assertTrue(!output.contains(ProxyMain.READY_LINE), "it never served: " + output);
        } finally {
            proxy.destroyForcibly();
        }
    }
}
