package dev.notely.app;

import dev.notely.api.DeploymentException;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.Deployments;
import dev.notely.api.ProxyInfo;
import dev.notely.api.ProxyUnavailableException;
import dev.notely.api.RolloutProgress;
import dev.notely.store.AccountDetails;
import dev.notely.store.ConflictException;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolling deployments of the data proxy, and the router the REST API talks to.
 *
 * <p>{@link #deploy()} compiles the proxy sources into {@code <deployments>/v<N>/}, starts that version
 * in its own JVM and, once it answers, makes it <i>current</i>. The version it replaces becomes
 * <i>previous</i>; for the rollout wait each note call goes to one of the two at random, then the
 * previous one is stopped. A failed deployment leaves the running version serving untouched.
 *
 * <p>A crash monitor checks every {@link #MONITOR_PERIOD} that each running version is alive and
 * answering, restarting a dead one from the same compiled classes with a growing pause. Every
 * {@link #MONITOR_PERIOD} the proxies' own figures are pulled into the app's telemetry.
 */
final class DeploymentController implements Deployments, NoteRouter, AutoCloseable {

    static final Duration MONITOR_PERIOD = Duration.ofSeconds(2);
    static final Duration HEALTH_TIMEOUT = Duration.ofMillis(500);

    /**
     * How crashed proxies are restarted.
     *
     * @param maxAttempts  restarts in a row before giving up on a version
     * @param backoffStep  the pause before attempt N is N times this...
     * @param backoffMax   ...but never longer than this
     * @param steadyAfter  a process that has answered this long has recovered: its streak starts over
     */
    record RestartPolicy(int maxAttempts, Duration backoffStep, Duration backoffMax, Duration steadyAfter) {
        static final RestartPolicy DEFAULT = new RestartPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(30));

        long pauseMillis(int attempt) {
            return Math.min(backoffStep.toMillis() * attempt, backoffMax.toMillis());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DeploymentController.class);

    /** One deployed version: its compiled classes and, while it runs, its process. */
    private static final class Slot {
        final int version;
        final Path classes;
        volatile ProxyProcess process; // null while a crashed process is being restarted, or after giving up
        volatile int restarts;
        volatile boolean restarting;
        volatile boolean gaveUp; // crashed too often in a row: no more restarts until a new deployment
        int crashStreak; // crashes and failed restarts since it last ran steadily; guarded by lock

        Slot(int version, Path classes, ProxyProcess process) {
            this.version = version;
            this.classes = classes;
            this.process = process;
        }
    }

    /** Which versions take traffic: never mutated, replaced whole. */
    private record Routing(Slot current, Slot previous) {
        static final Routing NONE = new Routing(null, null);

        List<Slot> slots() {
            List<Slot> slots = new ArrayList<>(2);
            if (current != null) {
                slots.add(current);
            }
            if (previous != null) {
                slots.add(previous);
            }
            return slots;
        }

        boolean contains(Slot slot) {
            return current == slot || previous == slot;
        }
    }

    /** How long the latest successful deployment took, split into compiling and starting. */
    record Timings(long compileMillis, long startMillis) {
    }

    private final ProxyCompiler compiler;
    private final ProxyLauncher launcher;
    private final Path deploymentsDir;
    private final Duration rolloutWait;
    private final StatsCollector stats;
    private final RestartPolicy restartPolicy;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean deploying = new AtomicBoolean();
    private final Object lock = new Object();
    /** Every process started and not yet gone, routed or not: what close() must stop. */
    private final Set<ProxyProcess> processes = ConcurrentHashMap.newKeySet();

    private volatile Routing routing = Routing.NONE;
    private volatile DeploymentStatus status = DeploymentStatus.INITIAL;
    private volatile long rolloutStartNanos;
    private volatile String lastError;
    private volatile Timings lastTimings;
    private volatile boolean closed;
    private volatile boolean shuttingDown; // no more restarts: Ctrl+C reaches the proxies too
    private int lastVersion; // guarded by lock

    DeploymentController(ProxyCompiler compiler, ProxyLauncher launcher, Path deploymentsDir, Duration rolloutWait,
                         StatsCollector stats) {
        this(compiler, launcher, deploymentsDir, rolloutWait, stats, RestartPolicy.DEFAULT);
    }

    DeploymentController(ProxyCompiler compiler, ProxyLauncher launcher, Path deploymentsDir, Duration rolloutWait,
                         StatsCollector stats, RestartPolicy restartPolicy) {
        this.restartPolicy = restartPolicy;
        this.compiler = compiler;
        this.launcher = launcher;
        this.deploymentsDir = deploymentsDir;
        this.rolloutWait = rolloutWait;
        this.stats = stats;
        this.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "deployments");
            thread.setDaemon(true);
            return thread;
        });
        long period = MONITOR_PERIOD.toMillis();
        scheduler.scheduleWithFixedDelay(this::monitor, period, period, TimeUnit.MILLISECONDS);
    }

    // ---- deployments -------------------------------------------------------------------------

    @Override
    public int deploy() {
        if (closed) {
            throw new DeploymentException("the kit is shutting down");
        }
        if (!deploying.compareAndSet(false, true)) {
            throw new ConflictException("deployment already in progress");
        }
        boolean rolloutScheduled = false;
        int version;
        synchronized (lock) {
            version = lastVersion + 1;
            status = DeploymentStatus.ROLLOUT_LAUNCH_NEW;
        }
        ProxyProcess started = null;
        Slot slot;
        Slot replaced;
        try {
            Path classes = deploymentsDir.resolve("v" + version);
            long compileStart = System.nanoTime();
            compiler.compile(classes);
            long launchStart = System.nanoTime();
            started = launch(version, classes);
            started.awaitReady(ProxyProcess.START_TIMEOUT);
            long readyAt = System.nanoTime();
            slot = new Slot(version, classes, started);
            synchronized (lock) {
                if (closed) {
                    throw new DeploymentException("the kit is shutting down");
                }
                lastVersion = version;
                lastError = null;
                lastTimings = new Timings(millisBetween(compileStart, launchStart), millisBetween(launchStart, readyAt));
                replaced = routing.current();
                if (replaced == null) {
                    routing = new Routing(slot, null);
                    status = DeploymentStatus.READY;
                } else {
                    routing = new Routing(slot, replaced);
                    status = DeploymentStatus.ROLLOUT_WAIT;
                    rolloutStartNanos = System.nanoTime();
                    scheduler.schedule(this::finishRollout, rolloutWait.toMillis(), TimeUnit.MILLISECONDS);
                    rolloutScheduled = true;
                }
            }
        } catch (RuntimeException e) {
            if (started != null) {
                started.stop();
            }
            String message = e instanceof DeploymentException ? e.getMessage()
                    : "deployment of v" + version + " failed: " + e;
            synchronized (lock) {
                lastError = message;
                status = routing.current() == null ? DeploymentStatus.INITIAL : DeploymentStatus.READY;
            }
            log.warn("deployment of v{} failed; {}: {}", version,
                    routing.current() == null ? "no version is serving" : "v" + routing.current().version + " keeps serving",
                    message);
            throw e instanceof DeploymentException d ? d : new DeploymentException(message, e);
        } finally {
            if (!rolloutScheduled) {
                deploying.set(false);
            }
        }
        // Committed: the process belongs to the routing now, even if it dies this very moment.
        watch(slot, started);
        log.info("v{} serving as pid {} (compiled in {} ms, started in {} ms){}", version, started.pid(),
                lastTimings.compileMillis(), lastTimings.startMillis(), replaced == null ? ""
                        : "; v" + replaced.version + " keeps serving part of the traffic for "
                        + rolloutWait.toSeconds() + " s");
        return version;
    }

    /** Starts a proxy JVM that close() will stop, whatever happens to it in between. */
    private ProxyProcess launch(int version, Path classes) {
        ProxyProcess process = ProxyProcess.start(launcher, version, classes, stats);
        synchronized (lock) {
            if (!closed) {
                processes.add(process);
                process.onExit().thenRun(() -> processes.remove(process));
                return process;
            }
        }
        process.stop();
        throw new DeploymentException("the kit is shutting down");
    }

    private void finishRollout() {
        Slot old;
        synchronized (lock) {
            old = routing.previous();
            routing = new Routing(routing.current(), null); // all traffic to the new version from now on
        }
        try {
            if (old != null) {
                ProxyProcess process = old.process;
                if (process != null) {
                    pullStats(old, process); // its last figures, before it goes
                    process.stop();
                }
                log.info("rollout finished: v{} stopped, v{} serves all traffic", old.version,
                        routing.current() == null ? "?" : routing.current().version);
            }
        } finally {
            synchronized (lock) {
                status = routing.current() == null ? DeploymentStatus.INITIAL : DeploymentStatus.READY;
            }
            deploying.set(false);
        }
    }

    @Override
    public DeploymentState state() {
        Routing r = routing;
        DeploymentStatus s = status;
        Optional<RolloutProgress> progress = Optional.empty();
        if (s == DeploymentStatus.ROLLOUT_WAIT) {
            long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - rolloutStartNanos);
            progress = Optional.of(new RolloutProgress(Math.min(elapsed, rolloutWait.toSeconds()), rolloutWait.toSeconds()));
        }
        return new DeploymentState(s, progress, info(r.current()), info(r.previous()), Optional.ofNullable(lastError));
    }

    Optional<Timings> lastTimings() {
        return Optional.ofNullable(lastTimings);
    }

    private static Optional<ProxyInfo> info(Slot slot) {
        if (slot == null) {
            return Optional.empty();
        }
        ProxyProcess p = slot.process;
        return Optional.of(p == null ? new ProxyInfo(slot.version, 0, null, slot.restarts)
                : new ProxyInfo(slot.version, p.pid(), p.startedAt(), slot.restarts));
    }

    // ---- routing -----------------------------------------------------------------------------

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        return route(r -> r.listNotes(account));
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        return route(r -> r.getNote(account, noteId));
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        route(r -> {
            r.createNote(account, note);
            return null;
        });
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        return route(r -> r.updateNote(account, note));
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        route(r -> {
            r.deleteNote(account, noteId);
            return null;
        });
    }

    @Override
    public long countNotes(AccountDetails account) {
        return route(r -> r.countNotes(account));
    }

    @Override
    public long totalNotes() {
        return route(NoteRouter::totalNotes);
    }

    @Override
    public void healthCheck() {
        route(r -> {
            r.healthCheck();
            return null;
        });
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return route(r -> r.assignShard(accountId));
    }

    /**
     * Sends the call to the current version, or during the rollout wait to current or previous at
     * random. A call refused at connect (the process just died) was never delivered, so it is safe
     * to hand to the other version.
     */
    private <T> T route(Function<NoteRouter, T> call) {
        List<ProxyProcess> live = new ArrayList<>(2);
        for (Slot slot : routing.slots()) {
            ProxyProcess p = slot.process;
            if (p != null) {
                live.add(p);
            }
        }
        if (live.isEmpty()) {
            throw new ProxyUnavailableException(unavailable(routing.current()));
        }
        int first = live.size() == 1 ? 0 : ThreadLocalRandom.current().nextInt(live.size());
        ProxyProcess chosen = live.get(first);
        try {
            return call.apply(chosen.client());
        } catch (ProxyUnavailableException e) {
            // Refused at connect, or turned away by a version that is stopping (the end of a rollout):
            // the call never reached a router, so the other version can take it.
            if (live.size() > 1 && e.notDelivered()) {
                return call.apply(live.get(1 - first).client());
            }
            throw e;
        }
    }

    private static String unavailable(Slot current) {
        if (current == null) {
            return "no data proxy available: nothing is deployed yet";
        }
        if (current.gaveUp) {
            return "no data proxy available: v" + current.version + " kept crashing and is no longer restarted; "
                    + "fix the proxy and deploy again (d, or POST /deploy)";
        }
        return "no data proxy available: v" + current.version + " is restarting";
    }

    // ---- crash monitor and stats -------------------------------------------------------------

    private void watch(Slot slot, ProxyProcess process) {
        // React at once to a process that dies, rather than at the next monitor tick.
        process.onExit().thenRun(() -> {
            if (!closed && slot.process == process && routing.contains(slot)) {
                scheduler.execute(this::monitor);
            }
        });
    }

    private void monitor() {
        if (closed) {
            return;
        }
        try {
            for (Slot slot : routing.slots()) {
                ProxyProcess process = slot.process;
                if (process == null || slot.restarting) {
                    continue;
                }
                if (process.isHealthy(HEALTH_TIMEOUT)) {
                    pullStats(slot, process);
                    if (Duration.between(process.startedAt(), Instant.now()).compareTo(restartPolicy.steadyAfter()) >= 0) {
                        synchronized (lock) {
                            slot.crashStreak = 0;
                        }
                    }
                } else if (routing.contains(slot) && slot.process == process) {
                    crashed(slot, process);
                }
            }
        } catch (RuntimeException e) {
            log.warn("crash monitor: {}", e.toString());
        }
    }

    private void crashed(Slot slot, ProxyProcess process) {
        int attempt;
        synchronized (lock) {
            if (closed || shuttingDown || slot.restarting || slot.process != process) {
                return;
            }
            slot.restarting = true;
            slot.process = null;
            attempt = ++slot.crashStreak;
        }
        String how = process.isAlive() ? "stopped answering" : "exited";
        scheduler.execute(process::stop);
        if (attempt > restartPolicy.maxAttempts()) {
            giveUp(slot, "v" + slot.version + " (pid " + process.pid() + ") " + how + ", its " + attempt
                    + "th failure in a row");
            return;
        }
        log.warn("v{} (pid {}) {}; restarting it from the same classes (attempt {} of {})", slot.version,
                process.pid(), how, attempt, restartPolicy.maxAttempts());
        scheduleRestart(slot, attempt);
    }

    private void scheduleRestart(Slot slot, int attempt) {
        scheduler.schedule(() -> restart(slot, attempt), restartPolicy.pauseMillis(attempt), TimeUnit.MILLISECONDS);
    }

    private void restart(Slot slot, int attempt) {
        if (closed || !routing.contains(slot)) {
            slot.restarting = false;
            return;
        }
        ProxyProcess process = null;
        try {
            process = launch(slot.version, slot.classes);
            process.awaitReady(ProxyProcess.START_TIMEOUT);
        } catch (RuntimeException e) {
            if (process != null) {
                process.stop();
            }
            if (closed) {
                slot.restarting = false;
                return; // the kit is stopping: not a crash
            }
            int next;
            synchronized (lock) {
                next = ++slot.crashStreak;
            }
            if (next <= restartPolicy.maxAttempts()) {
                log.warn("restart {} of v{} failed: {}", attempt, slot.version, e.getMessage());
                scheduleRestart(slot, next);
            } else {
                giveUp(slot, "restart " + attempt + " of v" + slot.version + " failed: " + e.getMessage());
            }
            return;
        }
        boolean keep;
        synchronized (lock) {
            keep = !closed && routing.contains(slot);
            if (keep) {
                slot.process = process;
                slot.restarts++;
                slot.restarting = false;
            }
        }
        if (!keep) {
            process.stop();
            return;
        }
        watch(slot, process);
        log.info("v{} restarted as pid {} (restart {} of this version)", slot.version, process.pid(), slot.restarts);
    }

    /** Too many failures in a row: stop restarting, and say what to do. */
    private void giveUp(Slot slot, String what) {
        String message = what + "; not restarted again after " + restartPolicy.maxAttempts()
                + " attempts in a row: fix the proxy and deploy again";
        synchronized (lock) {
            slot.gaveUp = true;
            slot.restarting = false;
            lastError = message;
        }
        log.error(message);
    }

    private void pullStats(Slot slot, ProxyProcess process) {
        try {
            // Per process, not per version: a restarted process starts counting from zero again.
            stats.importSnapshot("v" + slot.version + "/" + process.pid(), process.client().exportStats(HEALTH_TIMEOUT));
        } catch (RuntimeException e) {
            log.debug("could not pull stats from v{}: {}", slot.version, e.toString());
        }
    }

    // ---- shutdown ----------------------------------------------------------------------------

    /**
     * Stops restarting proxies that exit: called first when the kit shuts down, because a Ctrl+C in
     * the terminal reaches the proxy processes at the same moment as the app.
     */
    void beginShutdown() {
        shuttingDown = true;
    }

    /** Stops every proxy process (SIGTERM, then kill) and the monitor. Safe to call twice. */
    @Override
    public void close() {
        List<ProxyProcess> running;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            routing = Routing.NONE;
            // Routed ones, and any still starting in a deployment or a restart: launch() adds no more now.
            running = new ArrayList<>(processes);
        }
        scheduler.shutdownNow();
        running.parallelStream().forEach(ProxyProcess::stop);
        if (!running.isEmpty()) {
            log.info("stopped data proxies {}", running.stream().map(p -> "v" + p.version()).distinct().toList());
        }
    }

    private static long millisBetween(long startNanos, long endNanos) {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }
}
