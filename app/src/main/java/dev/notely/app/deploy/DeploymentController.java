package dev.notely.app.deploy;

import dev.notely.api.DeploymentException;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.Deployments;
import dev.notely.api.ProxyInfo;
import dev.notely.telemetry.DaemonThreads;
import dev.notely.api.RolloutProgress;
import dev.notely.store.ConflictException;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolling deployments of the data proxy. {@link #deploy()} has {@link Releases} compile and start a new
 * version and, once it answers, makes it <i>current</i> in the {@link TrafficSplit}; the version it
 * replaces becomes <i>previous</i> and shares the traffic for the rollout wait, then is stopped. A failed
 * deployment leaves the running version serving untouched. The {@link Supervisor} restarts crashed
 * versions and the {@link StatsPuller} brings their figures in, both every {@link #MONITOR_PERIOD}.
 */
public final class DeploymentController implements Deployments, AutoCloseable {

    static final Duration MONITOR_PERIOD = Duration.ofSeconds(2);
    static final Duration HEALTH_TIMEOUT = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(DeploymentController.class);

    /** How long the latest successful deployment took, split into compiling and starting. */
    record Timings(long compileMillis, long startMillis) {
    }

    private final Releases releases;
    private final TrafficSplit split = new TrafficSplit();
    private final Supervisor supervisor;
    private final StatsPuller puller;
    private final Duration rolloutWait;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean deploying = new AtomicBoolean();
    private final Object lock = new Object();

    private volatile long rolloutStartNanos;
    private volatile String lastError;
    private volatile Timings lastTimings;
    private volatile boolean closed;
    private int lastVersion; // guarded by lock
    private long rolloutGeneration; // guarded by lock: a rollout's timer finishes it only if still current
    private VersionSlot lastReplaced; // guarded by lock: what the last finished rollout replaced, for a rollback

    public DeploymentController(Releases releases, Duration rolloutWait, StatsCollector stats,
                         Supervisor.RestartPolicy restartPolicy) {
        this.releases = releases;
        this.rolloutWait = rolloutWait;
        this.scheduler = Executors.newScheduledThreadPool(2, DaemonThreads.named("deployments"));
        this.supervisor = new Supervisor(split, releases, restartPolicy, scheduler, HEALTH_TIMEOUT,
                message -> lastError = message);
        this.puller = new StatsPuller(split, stats, HEALTH_TIMEOUT);
        long period = MONITOR_PERIOD.toMillis();
        scheduler.scheduleWithFixedDelay(supervisor::check, period, period, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(puller::pullAll, period, period, TimeUnit.MILLISECONDS);
    }

    /** The router the REST API sends note calls to. */
    public TrafficSplit router() {
        return split;
    }

    @Override
    public int deploy() {
        checkOpen();
        int version;
        synchronized (lock) {
            // Taken for good, even if this attempt fails: "v2 failed" in the log never means the v2 that serves later.
            version = lastVersion + 1;
        }
        return launch(version, null);
    }

    /**
     * During a rollout: ends it keeping the version that served before it, and stops the new one. After
     * a rollout: rolls the version it replaced out again, from that version's compiled classes.
     *
     * @return the version that serves (or is rolling out) afterwards
     * @throws ConflictException when a version is being started, or there is nothing to roll back to
     */
    @Override
    public int rollback() {
        checkOpen();
        VersionSlot dropped;
        VersionSlot kept;
        VersionSlot again;
        synchronized (lock) {
            if (deploying.get()) {
                throw new ConflictException("a new version is being started: roll back once it serves");
            }
            TrafficSplit.Pair pair = split.pair();
            if (pair.previous() != null) {
                rolloutGeneration++; // the rollout's timer finds nothing left to finish
                dropped = pair.current();
                kept = pair.previous();
                split.set(new TrafficSplit.Pair(kept, null));
                again = null;
            } else if (pair.current() != null && lastReplaced != null) {
                dropped = null;
                kept = null;
                again = lastReplaced;
            } else {
                throw new ConflictException(pair.current() == null ? "nothing is deployed, so nothing to roll back"
                        : "nothing to roll back to: v" + pair.current().version + " replaced no earlier version");
            }
        }
        if (again != null) {
            log.info("rolling back: v{} rolls out again from its compiled classes, replacing v{}", again.version,
                    split.pair().current().version);
            return launch(again.version, again.classes);
        }
        log.info("rolled back: v{} is stopped before its rollout ended; v{} serves all traffic", dropped.version,
                kept.version);
        retire(dropped);
        return kept.version;
    }

    /** Starts version {@code version} from {@code classes}, or from the sources compiled now when null. */
    private int launch(int version, Path classes) {
        if (!deploying.compareAndSet(false, true)) {
            throw new ConflictException("deployment already in progress: a new version is being started");
        }
        VersionSlot slot;
        VersionSlot replaced;
        VersionSlot dropped;
        ProxyProcess started = null;
        try {
            synchronized (lock) {
                lastVersion = Math.max(lastVersion, version);
            }
            long compileStart = System.nanoTime();
            slot = new VersionSlot(version, classes != null ? classes : releases.compile(version));
            long launchStart = System.nanoTime();
            started = releases.start(slot, ProxyProcess.START_TIMEOUT);
            long readyAt = System.nanoTime();
            synchronized (lock) {
                if (closed) {
                    throw new DeploymentException("the kit is shutting down");
                }
                slot.serving(started, false);
                lastError = null;
                lastTimings = new Timings(millisBetween(compileStart, launchStart), millisBetween(launchStart, readyAt));
                TrafficSplit.Pair pair = split.pair();
                // During a rollout the version rolling out is replaced; the one that served before it stays.
                replaced = pair.previous() != null ? pair.previous() : pair.current();
                dropped = pair.previous() != null ? pair.current() : null;
                split.set(new TrafficSplit.Pair(slot, replaced));
                if (replaced != null) {
                    long generation = ++rolloutGeneration;
                    rolloutStartNanos = System.nanoTime();
                    scheduler.schedule(() -> finishRollout(generation), rolloutWait.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (RuntimeException e) {
            if (started != null) {
                started.stop();
            }
            String message = e instanceof DeploymentException ? e.getMessage()
                    : "deployment of v" + version + " failed: " + e;
            VersionSlot serving;
            synchronized (lock) {
                lastError = message;
                serving = split.pair().current();
            }
            log.warn("deployment of v{} failed; {}: {}", version,
                    serving == null ? "no version is serving" : serving + " keeps serving", message);
            throw e instanceof DeploymentException d ? d : new DeploymentException(message, e);
        } finally {
            deploying.set(false);
        }
        // Committed: the process belongs to the traffic split now, even if it dies this very moment.
        supervisor.watch(slot, started);
        log.info("v{} serving as pid {} (compiled in {} ms, started in {} ms){}", version, started.pid(),
                lastTimings.compileMillis(), lastTimings.startMillis(), replaced == null ? ""
                        : "; v" + replaced.version + " keeps serving part of the traffic for "
                        + rolloutWait.toSeconds() + " s");
        if (dropped != null) {
            log.info("v{} is replaced by v{} before its rollout ended; v{} stopped", dropped.version, version,
                    dropped.version);
            retire(dropped);
        }
        return version;
    }

    private void finishRollout(long generation) {
        VersionSlot old;
        synchronized (lock) {
            if (generation != rolloutGeneration || closed) {
                return; // replaced or rolled back meanwhile
            }
            TrafficSplit.Pair pair = split.pair();
            old = pair.previous();
            split.set(new TrafficSplit.Pair(pair.current(), null)); // all traffic to the new version from now on
            if (old != null) {
                lastReplaced = old;
            }
        }
        if (old != null) {
            retire(old);
            log.info("rollout finished: v{} stopped, {} serves all traffic", old.version,
                    Optional.ofNullable(split.pair().current()).map(Object::toString).orElse("no version"));
        }
    }

    /** Stops a version that no longer takes traffic, after pulling its last figures. */
    private void retire(VersionSlot slot) {
        ProxyProcess process = slot.process();
        slot.to(VersionSlot.State.RETIRED);
        if (process != null) {
            puller.pull(slot, process);
            process.stop();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new DeploymentException("the kit is shutting down");
        }
    }

    /** Read from what is so, never stored: starting a version, two sharing traffic, one, or none. */
    private DeploymentStatus status(TrafficSplit.Pair pair) {
        if (deploying.get()) {
            return DeploymentStatus.ROLLOUT_LAUNCH_NEW;
        }
        if (pair.previous() != null) {
            return DeploymentStatus.ROLLOUT_WAIT;
        }
        return pair.current() == null ? DeploymentStatus.INITIAL : DeploymentStatus.READY;
    }

    @Override
    public DeploymentState state() {
        TrafficSplit.Pair pair = split.pair();
        DeploymentStatus s = status(pair);
        Optional<RolloutProgress> progress = Optional.empty();
        if (s == DeploymentStatus.ROLLOUT_WAIT) {
            long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - rolloutStartNanos);
            progress = Optional.of(new RolloutProgress(Math.min(elapsed, rolloutWait.toSeconds()), rolloutWait.toSeconds()));
        }
        return new DeploymentState(s, progress, info(pair.current()), info(pair.previous()), Optional.ofNullable(lastError));
    }

    Optional<Timings> lastTimings() {
        return Optional.ofNullable(lastTimings);
    }

    private static Optional<ProxyInfo> info(VersionSlot slot) {
        if (slot == null) {
            return Optional.empty();
        }
        ProxyProcess p = slot.process();
        return Optional.of(p == null ? new ProxyInfo(slot.version, 0, null, slot.restarts())
                : new ProxyInfo(slot.version, p.pid(), p.startedAt(), slot.restarts()));
    }

    /**
     * Stops restarting proxies that exit: called first when the kit shuts down, because a Ctrl+C in
     * the terminal reaches the proxy processes at the same moment as the app.
     */
    public void beginShutdown() {
        supervisor.stop();
    }

    /** Stops every proxy process (SIGTERM, then kill), the standby and the monitor. Safe to call twice. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            split.set(TrafficSplit.Pair.NONE);
        }
        supervisor.stop();
        scheduler.shutdownNow();
        releases.close();
    }

    private static long millisBetween(long startNanos, long endNanos) {
        return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }
}
