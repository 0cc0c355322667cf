package dev.notely.app;

import dev.notely.api.DeploymentException;
import dev.notely.api.rpc.RpcClient;
import dev.notely.telemetry.StatsCollector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data-proxy child JVM: started on a free loopback port, its output piped into the app's log
 * prefixed with its version ({@code [v3]}), stopped with SIGTERM and killed if it has not gone after
 * {@link #STOP_GRACE}.
 */
final class ProxyProcess {

    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final int READY_TRIES = 10;

    private static final Logger log = LoggerFactory.getLogger("proxy");
    private static final int RECENT_LINES = 20;

    private final int version;
    private final int port;
    private final Process process;
    private final Instant startedAt;
    private final RpcClient client;
    private final CompletableFuture<Void> readyLine = new CompletableFuture<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private volatile String lastErrorLine;
    private final List<Thread> pumps;

    private ProxyProcess(int version, int port, Process process, RpcClient client) {
        this.version = version;
        this.port = port;
        this.process = process;
        this.startedAt = Instant.now();
        this.client = client;
        this.pumps = List.of(pump(process.getInputStream(), "out"), pump(process.getErrorStream(), "err"));
        process.onExit().thenRunAsync(() -> {
            awaitPumps();
            readyLine.completeExceptionally(new DeploymentException("v" + version + " exited with code "
                    + process.exitValue() + " while starting" + lastLinesSuffix()));
        });
    }

    /** Starts the child JVM; use {@link #awaitReady} before routing to it. */
    static ProxyProcess start(ProxyLauncher launcher, int version, Path classesDir, StatsCollector stats) {
        int port = freePort();
        List<String> command = launcher.command(version, classesDir, port);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new DeploymentException("cannot start the JVM for v" + version + ": " + e.getMessage(), e);
        }
        log.debug("v{} started as pid {} on port {}", version, process.pid(), port);
        return new ProxyProcess(version, port, process,
                new RpcClient(port, version, stats, launcher.networkDelay()));
    }

    /**
     * Waits for the child to say it serves, then for {@code Ready} to answer (up to {@link #READY_TRIES}
     * tries).
     *
     * @throws DeploymentException when it exits, hangs or never answers; the caller stops it
     */
    void awaitReady(Duration timeout) {
        try {
            readyLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (DeploymentException) e.getCause();
        } catch (TimeoutException e) {
            throw new DeploymentException("v" + version + " did not start within " + timeout.toSeconds() + " s"
                    + lastLinesSuffix());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted while waiting for v" + version + " to start");
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= READY_TRIES; attempt++) {
            try {
                client.ready(Duration.ofSeconds(1));
                return;
            } catch (RuntimeException e) {
                last = e;
                if (!process.isAlive()) {
                    break;
                }
                pause(Duration.ofMillis(50L * attempt)); // back off between readiness probes
            }
        }
        throw new DeploymentException("v" + version + " never answered Ready: "
                + (last == null ? "no answer" : last.getMessage()) + lastLinesSuffix());
    }

    /** Alive and answering {@code Ready} within {@code timeout}. */
    boolean isHealthy(Duration timeout) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            client.ready(timeout);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then a kill after {@link #STOP_GRACE}; returns once the process is gone and its output read. */
    void stop() {
        client.close();
        if (!process.isAlive()) {
            return;
        }
        // Signalled through its handle: Process.destroy() would also close our end of its output, and
        // what it says while stopping (its last line, or why it could not stop cleanly) would be lost.
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("v{} (pid {}) did not stop within {} s; killing it", version, pid(), STOP_GRACE.toSeconds());
                handle.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        awaitPumps();
    }

    /** Completes when the process has exited, for whatever reason. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    int version() {
        return version;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Instant startedAt() {
        return startedAt;
    }

    RpcClient client() {
        return client;
    }

    private Thread pump(InputStream stream, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.equals(ProxyMain.READY_LINE)) {
                        readyLine.complete(null);
                    } else {
                        relay(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone; nothing more to read
            }
        }, "v" + version + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void relay(String line) {
        if (line.startsWith("ERROR")) {
            String message = line.substring(5).strip();
            int loggerEnd = message.indexOf(" - ");
            lastErrorLine = loggerEnd >= 0 ? message.substring(loggerEnd + 3) : message;
        }
        synchronized (recent) {
            if (recent.size() == RECENT_LINES) {
                recent.removeFirst();
            }
            recent.addLast(line);
        }
        String level = line.length() >= 5 ? line.substring(0, 5).strip() : "";
        switch (level) {
            case "ERROR" -> log.error("[v{}] {}", version, line.substring(5).strip());
            case "WARN" -> log.warn("[v{}] {}", version, line.substring(5).strip());
            case "DEBUG", "TRACE" -> log.debug("[v{}] {}", version, line.substring(5).strip());
            case "INFO" -> log.info("[v{}] {}", version, line.substring(5).strip());
            default -> log.info("[v{}] {}", version, line);
        }
    }

    /** The most telling output line: the last ERROR one if any (not the stack trace under it), else the last. */
    private String lastLinesSuffix() {
        String error = lastErrorLine;
        if (error != null) {
            return ": " + error;
        }
        synchronized (recent) {
            return recent.isEmpty() ? "" : ": " + recent.getLast();
        }
    }

    private void awaitPumps() {
        for (Thread pump : pumps) {
            try {
                pump.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DeploymentException("no free loopback port for a data proxy: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "v" + version + " (pid " + pid() + ", port " + port + ")";
    }
}
