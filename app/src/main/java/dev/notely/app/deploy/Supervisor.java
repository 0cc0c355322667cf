package dev.notely.app.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import dev.notely.api.rpc.RpcClient;
import dev.notely.wire.ProxyWire;
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
public final class Supervisor {

    /**
     * How crashed proxies are restarted.
     *
     * @param maxAttempts  restarts in a row before giving up on a version
     * @param backoffStep  the pause before attempt N is N times this...
     * @param backoffMax   ...but never longer than this
     * @param steadyAfter  a process that has answered this long has recovered: its streak starts over
     * @param stuckAfter   a router call holding the lock this long means the proxy hangs (the app's calls
     *                     time out after {@link dev.notely.api.rpc.RpcClient#CALL_TIMEOUT})
     */
    public record RestartPolicy(int maxAttempts, Duration backoffStep, Duration backoffMax, Duration steadyAfter,
                         Duration stuckAfter) {
        public static final RestartPolicy DEFAULT = new RestartPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(30), RpcClient.CALL_TIMEOUT);

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
    private final Consumer<String> problems;
    private volatile boolean stopped;

    /** @param problems told what to show a person: a version that hangs, or is given up on */
    Supervisor(TrafficSplit split, Releases releases, RestartPolicy policy, ScheduledExecutorService scheduler,
               Duration healthTimeout, Consumer<String> problems) {
        this.split = split;
        this.releases = releases;
        this.policy = policy;
        this.scheduler = scheduler;
        this.healthTimeout = healthTimeout;
        this.problems = problems;
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
                Optional<ProxyWire.Ready> ready = process.ready(healthTimeout);
                ProxyWire.Busy busy = ready.map(ProxyWire.Ready::busy).orElse(null);
                if (ready.isEmpty()) {
                    if (split.serves(slot)) {
                        crashed(slot, process, process.isAlive() ? "stopped answering" : "exited");
                    }
                } else if (busy != null && busy.seconds() >= policy.stuckAfter().toSeconds()) {
                    if (split.serves(slot)) {
                        crashed(slot, process, String.format("is stuck: %s has run for %.0f s%s", busy.method(),
                                busy.seconds(), busy.where().isEmpty() ? "" : " at " + busy.where()));
                    }
                } else if (Duration.between(process.startedAt(), Instant.now()).compareTo(policy.steadyAfter()) >= 0) {
                    slot.steady();
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

    private void crashed(VersionSlot slot, ProxyProcess process, String how) {
        if (stopped) {
            return;
        }
        int attempt = slot.crashed(process);
        if (attempt == 0) {
            return; // already being handled
        }
        scheduler.execute(process::stop);
        if (attempt > policy.maxAttempts()) {
            giveUp(slot, "v" + slot.version + " (pid " + process.pid() + ") " + how + ": " + attempt
                    + " failures in a row");
            return;
        }
        String message = "v" + slot.version + " (pid " + process.pid() + ") " + how
                + "; restarting it from the same classes (attempt " + attempt + " of " + policy.maxAttempts() + ")";
        log.warn(message);
        if (how.startsWith("is stuck")) {
            problems.accept(message); // shown where deployment errors are: a hang is the attendee's to fix
        }
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
        problems.accept(message);
        log.error(message);
    }
}
