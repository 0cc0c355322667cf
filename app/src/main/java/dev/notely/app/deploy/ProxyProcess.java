package dev.notely.app.deploy;

import dev.notely.api.DeploymentException;
import dev.notely.api.rpc.RpcClient;
import dev.notely.store.StoreServers;
import dev.notely.store.faults.FaultTable;
import dev.notely.telemetry.StatsCollector;
import dev.notely.wire.Json;
import dev.notely.wire.NetworkDelay;
import dev.notely.wire.ProxyWire;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data-proxy child JVM. It starts as a standby (libraries loaded, port bound, no version); {@link
 * #serve} hands it a version's compiled classes over stdin (with the stores on database servers), and it
 * answers once that version serves.
 * Its output is piped into the app's log prefixed with its version ({@code [v3]}); it is stopped with
 * SIGTERM and killed if it has not gone after {@link ProxyWire#STOP_GRACE}.
 */
final class ProxyProcess {

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final int READY_TRIES = 10;
    /** How long a proxy may take to answer {@code SetFaults}: a control call, not queued behind the router lock. */
    static final Duration FAULTS_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger("proxy");
    private static final int RECENT_LINES = 20;

    private final Process process;
    private final Instant launchedAt;
    private final StatsCollector stats;
    private final NetworkDelay delay;
    private final String secret;
    private final StoreServers storeServers;
    private final CompletableFuture<Void> standby = new CompletableFuture<>();
    private final CompletableFuture<Void> warm = new CompletableFuture<>();
    private final CompletableFuture<Integer> readyPort = new CompletableFuture<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private final List<Thread> pumps;
    private volatile String lastErrorLine;
    private volatile int version; // 0 while a standby
    private volatile Instant servingSince;
    private volatile RpcClient client;
    /** The newest store faults the kit wants this process to suffer (SPEC §19). */
    private final AtomicReference<FaultTable> faults = new AtomicReference<>(FaultTable.NONE);

    private ProxyProcess(Process process, StatsCollector stats, NetworkDelay delay, String secret, StoreServers storeServers) {
        this.process = process;
        this.secret = secret;
        this.storeServers = storeServers;
        this.launchedAt = Instant.now();
        this.stats = stats;
        this.delay = delay;
        this.pumps = List.of(pump(process.getInputStream(), "out"), pump(process.getErrorStream(), "err"));
        process.onExit().thenRunAsync(() -> {
            awaitPumps();
            DeploymentException exited = new DeploymentException(label() + " exited with code "
                    + process.exitValue() + " while starting" + lastLinesSuffix());
            standby.completeExceptionally(exited);
            warm.completeExceptionally(exited);
            readyPort.completeExceptionally(exited);
        });
    }

    /** Starts a standby JVM that suffers {@code kitFaults} once it serves; {@link #serve} gives it a version. */
    static ProxyProcess launch(ProxyLauncher launcher, StatsCollector stats, KitFaults kitFaults) {
        ProxyProcess process = launch(launcher, stats);
        kitFaults.register(process);
        return process;
    }

    /** Starts a standby JVM; {@link #serve} gives it a version. */
    static ProxyProcess launch(ProxyLauncher launcher, StatsCollector stats) {
        List<String> command = launcher.command();
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new DeploymentException("cannot start a JVM for the data proxy: " + e.getMessage(), e);
        }
        log.debug("standby proxy started as pid {}", process.pid());
        return new ProxyProcess(process, stats, launcher.networkDelay(), launcher.secret(), launcher.storeServers());
    }

    /**
     * Hands this standby a version, then waits until it serves: its ready line, then {@code Ready}
     * answering (up to {@link #READY_TRIES} tries).
     *
     * @throws DeploymentException when it exits, hangs or never answers; the caller stops it
     */
    void serve(int version, Path classes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        this.version = version;
        await(standby, deadline, "become a standby");
        FaultTable handed = faults.get();
        try {
            Writer order = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> store : new TreeMap<>(storeServers.urls()).entrySet()) {
                order.write(ProxyWire.STORE_PREFIX + store.getKey() + "=" + store.getValue() + "\n");
            }
            order.write(ProxyWire.FAULTS_PREFIX + Json.WIRE.toJson(handed) + "\n");
            order.write(ProxyWire.SERVE_PREFIX + version + " " + secret + " " + classes.toAbsolutePath() + "\n");
            order.flush();
        } catch (IOException e) {
            throw new DeploymentException(label() + " did not take its classes: " + e.getMessage()
                    + lastLinesSuffix(), e);
        }
        int port = await(readyPort, deadline, "start");
        client = new RpcClient(port, secret, version, stats, delay);
        RuntimeException last = null;
        for (int attempt = 1; attempt <= READY_TRIES; attempt++) {
            try {
                client.ready(Duration.ofSeconds(1));
                servingSince = Instant.now();
                // A change made after the order was written, before the client existed, was not pushed: it is now.
                FaultTable latest = faults.get();
                if (latest.generation() > handed.generation()) {
                    pushFaults(client, latest);
                }
                return;
            } catch (RuntimeException e) {
                last = e;
                if (!process.isAlive()) {
                    break;
                }
                pause(Duration.ofMillis(50L * attempt)); // back off between readiness probes
            }
        }
        throw new DeploymentException(label() + " never answered Ready: "
                + (last == null ? "no answer" : last.getMessage()) + lastLinesSuffix());
    }

    private <T> T await(CompletableFuture<T> step, long deadlineNanos, String what) {
        try {
            return step.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw (DeploymentException) e.getCause();
        } catch (TimeoutException e) {
            throw new DeploymentException(label() + " did not " + what + " within "
                    + START_TIMEOUT.toSeconds() + " s" + lastLinesSuffix());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException("interrupted while waiting for " + label() + " to " + what);
        }
    }

    /**
     * The store faults to suffer from now on: pushed at once to a serving process, handed with the version to
     * one that does not serve yet. An older table than one already given is ignored.
     */
    void faults(FaultTable table) {
        FaultTable newest = faults.accumulateAndGet(table, (held, given) -> given.generation() > held.generation() ? given : held);
        RpcClient c = client;
        if (c != null && newest == table) {
            pushFaults(c, table);
        }
    }

    private void pushFaults(RpcClient c, FaultTable table) {
        try {
            c.setFaults(table, FAULTS_TIMEOUT);
        } catch (RuntimeException e) {
            // A process that does not answer is stopping or being restarted; a restarted one is handed the faults anew.
            log.warn("{} did not take the store faults: {}", label(), e.getMessage());
        }
    }

    /** Waits until this process has warmed up; false if it exited or did not within {@code timeout}. */
    boolean awaitWarm(Duration timeout) {
        try {
            warm.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Its answer to {@code Ready} within {@code timeout}; empty when it is gone or does not answer. */
    Optional<ProxyWire.Ready> ready(Duration timeout) {
        RpcClient c = client;
        if (!process.isAlive() || c == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(c.ready(timeout));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * SIGTERM, then a kill after {@link ProxyWire#STOP_GRACE}; returns once the process is gone and its
     * output read. Processes the proxy started (a {@code DataProxy} may start anything) go with it.
     */
    void stop() {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            askToStop();
            try {
                if (!process.waitFor(ProxyWire.STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    // Signalled through its handle: Process.destroy() would also close our end of its output,
                    // and what it says while stopping would be lost.
                    ProcessHandle handle = process.toHandle();
                    handle.destroy();
                    if (!process.waitFor(ProxyWire.STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        log.warn("{} (pid {}) did not stop within {} s; killing it", label(), pid(),
                                ProxyWire.STOP_GRACE.toSeconds());
                        handle.destroyForcibly();
                        process.waitFor(ProxyWire.STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            } catch (InterruptedException e) {
                process.toHandle().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        // Closed only now: calls still in flight when the signal came are answered during the proxy's drain.
        RpcClient c = client;
        if (c != null) {
            c.close();
        }
        for (ProcessHandle left : descendants) {
            if (left.isAlive()) {
                log.info("{} left pid {} running; stopping it", label(), left.pid());
                left.destroyForcibly();
            }
        }
        awaitPumps();
    }

    /**
     * Asks the process to drain and exit without a signal, which not every system has: a serving one over
     * the wire, a standby by closing its stdin. A process that does not listen gets a signal after it.
     */
    private void askToStop() {
        RpcClient c = client;
        try {
            if (c != null) {
                c.requestStop(ProxyWire.STOP_GRACE);
            } else {
                process.getOutputStream().close();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("{} did not take the request to stop: {}", label(), e.toString());
        }
    }

    /** Completes when the process has exited, for whatever reason. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    int version() {
        return version;
    }

    long pid() {
        return process.pid();
    }

    /** When it began to serve its version (when it was launched, while it does not yet). */
    Instant startedAt() {
        Instant since = servingSince;
        return since == null ? launchedAt : since;
    }

    /** The client for its version; only once {@link #serve} returned. */
    RpcClient client() {
        return client;
    }

    private String label() {
        return version == 0 ? "standby proxy" : "v" + version;
    }

    private Thread pump(InputStream stream, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.equals(ProxyWire.STANDBY_LINE)) {
                        standby.complete(null);
                    } else if (line.equals(ProxyWire.WARM_LINE)) {
                        warm.complete(null);
                    } else if (line.startsWith(ProxyWire.READY_PREFIX)) {
                        readyPort.complete(Integer.parseInt(line.substring(ProxyWire.READY_PREFIX.length()).trim()));
                    } else {
                        relay(line);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process is gone, or said something unreadable; nothing more to read
            }
        }, "proxy-" + process.pid() + "-" + name);
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
        String prefix = version == 0 ? "standby" : "v" + version;
        String level = line.length() >= 5 ? line.substring(0, 5).strip() : "";
        switch (level) {
            case "ERROR" -> log.error("[{}] {}", prefix, line.substring(5).strip());
            case "WARN" -> log.warn("[{}] {}", prefix, line.substring(5).strip());
            case "DEBUG", "TRACE" -> log.debug("[{}] {}", prefix, line.substring(5).strip());
            case "INFO" -> log.info("[{}] {}", prefix, line.substring(5).strip());
            default -> log.info("[{}] {}", prefix, line);
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

    @Override
    public String toString() {
        return label() + " (pid " + pid() + ")";
    }
}
