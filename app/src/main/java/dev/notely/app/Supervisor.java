package dev.notely.app;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the serving versions: a process that exits or stops answering is restarted from the same
 * compiled classes with a growing pause; after {@link RestartPolicy#maxAttempts} failures in a row the
 * version is given up on, and what to do is said.
 */
final class Supervisor {

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

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final TrafficSplit split;
    private final Releases releases;
    private final RestartPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final Duration healthTimeout;
    private final Consumer<String> gaveUp;
    private volatile boolean stopped;

    /** @param gaveUp told what happened when a version is given up on */
    Supervisor(TrafficSplit split, Releases releases, RestartPolicy policy, ScheduledExecutorService scheduler,
               Duration healthTimeout, Consumer<String> gaveUp) {
        this.split = split;
        this.releases = releases;
        this.policy = policy;
        this.scheduler = scheduler;
        this.healthTimeout = healthTimeout;
        this.gaveUp = gaveUp;
    }

    /** Reacts at once to {@code process} exiting, rather than at the next check. */
    void watch(VersionSlot slot, ProxyProcess process) {
        process.onExit().thenRun(() -> {
            if (!stopped && slot.process() == process && split.serves(slot)) {
                scheduler.execute(this::check);
            }
        });
    }

    /** Checks every serving version once. */
    void check() {
        if (stopped) {
            return;
        }
        try {
            for (VersionSlot slot : split.pair().slots()) {
                ProxyProcess process = slot.process();
                if (process == null || slot.state() != VersionSlot.State.SERVING) {
                    continue;
                }
                if (process.isHealthy(healthTimeout)) {
                    if (Duration.between(process.startedAt(), Instant.now()).compareTo(policy.steadyAfter()) >= 0) {
                        slot.steady();
                    }
                } else if (split.serves(slot)) {
                    crashed(slot, process);
                }
            }
        } catch (RuntimeException e) {
            log.warn("crash monitor: {}", e.toString());
        }
    }

    /** No more restarts: the kit is stopping, and a Ctrl+C reaches the proxies at the same moment as the app. */
    void stop() {
        stopped = true;
    }

    private void crashed(VersionSlot slot, ProxyProcess process) {
        if (stopped) {
            return;
        }
        int attempt = slot.crashed(process);
        if (attempt == 0) {
            return; // already being handled
        }
        String how = process.isAlive() ? "stopped answering" : "exited";
        scheduler.execute(process::stop);
        if (attempt > policy.maxAttempts()) {
            giveUp(slot, "v" + slot.version + " (pid " + process.pid() + ") " + how + ": " + attempt
                    + " failures in a row");
            return;
        }
        log.warn("v{} (pid {}) {}; restarting it from the same classes (attempt {} of {})", slot.version,
                process.pid(), how, attempt, policy.maxAttempts());
        scheduleRestart(slot, attempt);
    }

    private void scheduleRestart(VersionSlot slot, int attempt) {
        scheduler.schedule(() -> restart(slot, attempt), policy.pauseMillis(attempt), TimeUnit.MILLISECONDS);
    }

    private void restart(VersionSlot slot, int attempt) {
        if (stopped || !split.serves(slot)) {
            return;
        }
        ProxyProcess process;
        try {
            process = releases.start(slot, ProxyProcess.START_TIMEOUT);
        } catch (RuntimeException e) {
            if (stopped) {
                return; // the kit is stopping: not a crash
            }
            int next = slot.restartFailed();
            if (next <= policy.maxAttempts()) {
                log.warn("restart {} of v{} failed: {}", attempt, slot.version, e.getMessage());
                scheduleRestart(slot, next);
            } else {
                giveUp(slot, "restart " + attempt + " of v" + slot.version + " failed: " + e.getMessage());
            }
            return;
        }
        if (stopped || !split.serves(slot)) {
            process.stop();
            return;
        }
        slot.serving(process, true);
        watch(slot, process);
        log.info("v{} restarted as pid {} (restart {} of this version)", slot.version, process.pid(), slot.restarts());
    }

    private void giveUp(VersionSlot slot, String what) {
        String message = what + "; not restarted again after " + policy.maxAttempts()
                + " attempts in a row: fix the proxy and deploy again";
        slot.to(VersionSlot.State.GAVE_UP);
        gaveUp.accept(message);
        log.error(message);
    }
}
