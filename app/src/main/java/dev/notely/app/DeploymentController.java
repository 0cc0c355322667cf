package dev.notely.app;

import dev.notely.api.DeploymentException;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.Deployments;
import dev.notely.api.ProxyInfo;
import dev.notely.telemetry.DaemonThreads;
import dev.notely.api.RolloutProgress;
import dev.notely.store.ConflictException;
import dev.notely.telemetry.StatsCollector;
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
final class DeploymentController implements Deployments, AutoCloseable {

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

    private volatile DeploymentStatus status = DeploymentStatus.INITIAL;
    private volatile long rolloutStartNanos;
    private volatile String lastError;
    private volatile Timings lastTimings;
    private volatile boolean closed;
    private int lastVersion; // guarded by lock

    DeploymentController(Releases releases, Duration rolloutWait, StatsCollector stats,
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
    TrafficSplit router() {
        return split;
    }

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
        VersionSlot slot;
        VersionSlot replaced;
        ProxyProcess started = null;
        try {
            long compileStart = System.nanoTime();
            slot = new VersionSlot(version, releases.compile(version));
            long launchStart = System.nanoTime();
            started = releases.start(slot, ProxyProcess.START_TIMEOUT);
            long readyAt = System.nanoTime();
            synchronized (lock) {
                if (closed) {
                    throw new DeploymentException("the kit is shutting down");
                }
                slot.serving(started, false);
                lastVersion = version;
                lastError = null;
                lastTimings = new Timings(millisBetween(compileStart, launchStart), millisBetween(launchStart, readyAt));
                replaced = split.pair().current();
                if (replaced == null) {
                    split.set(new TrafficSplit.Pair(slot, null));
                    status = DeploymentStatus.READY;
                } else {
                    split.set(new TrafficSplit.Pair(slot, replaced));
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
            VersionSlot serving;
            synchronized (lock) {
                lastError = message;
                serving = split.pair().current();
                status = serving == null ? DeploymentStatus.INITIAL : DeploymentStatus.READY;
            }
            log.warn("deployment of v{} failed; {}: {}", version,
                    serving == null ? "no version is serving" : serving + " keeps serving", message);
            throw e instanceof DeploymentException d ? d : new DeploymentException(message, e);
        } finally {
            if (!rolloutScheduled) {
                deploying.set(false);
            }
        }
        // Committed: the process belongs to the traffic split now, even if it dies this very moment.
        supervisor.watch(slot, started);
        log.info("v{} serving as pid {} (compiled in {} ms, started in {} ms){}", version, started.pid(),
                lastTimings.compileMillis(), lastTimings.startMillis(), replaced == null ? ""
                        : "; v" + replaced.version + " keeps serving part of the traffic for "
                        + rolloutWait.toSeconds() + " s");
        return version;
    }

    private void finishRollout() {
        VersionSlot old;
        synchronized (lock) {
            TrafficSplit.Pair pair = split.pair();
            old = pair.previous();
            split.set(new TrafficSplit.Pair(pair.current(), null)); // all traffic to the new version from now on
        }
        try {
            if (old != null) {
                ProxyProcess process = old.process();
                old.to(VersionSlot.State.RETIRED);
                if (process != null) {
                    puller.pull(old, process); // its last figures, before it goes
                    process.stop();
                }
                log.info("rollout finished: v{} stopped, {} serves all traffic", old.version,
                        Optional.ofNullable(split.pair().current()).map(Object::toString).orElse("no version"));
            }
        } finally {
            synchronized (lock) {
                status = split.pair().current() == null ? DeploymentStatus.INITIAL : DeploymentStatus.READY;
            }
            deploying.set(false);
        }
    }

    @Override
    public DeploymentState state() {
        TrafficSplit.Pair pair = split.pair();
        DeploymentStatus s = status;
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
    void beginShutdown() {
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
