package dev.notely.app.deploy;

import dev.notely.api.DeploymentException;
import dev.notely.telemetry.StatsCollector;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one proxy JVM started ahead of need, so a deployment or a restart only has to hand it a
 * version: starting a JVM is most of what a new version used to cost. Each one taken is replaced at once.
 */
public final class StandbyProxies implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandbyProxies.class);

    private final ProxyLauncher launcher;
    private final StatsCollector stats;
    private final KitFaults faults;
    private ProxyProcess spare; // guarded by this
    private boolean closed; // guarded by this

    /** Starts the first spare at once, so it warms up while the kit does everything else. */
    public StandbyProxies(ProxyLauncher launcher, StatsCollector stats) {
        this(launcher, stats, new KitFaults());
    }

    /** As {@link #StandbyProxies(ProxyLauncher, StatsCollector)}, every process suffering {@code faults} (SPEC §19). */
    public StandbyProxies(ProxyLauncher launcher, StatsCollector stats, KitFaults faults) {
        this.launcher = launcher;
        this.stats = stats;
        this.faults = faults;
        try {
            spare = ProxyProcess.launch(launcher, stats, faults);
        } catch (DeploymentException e) {
            log.warn("no standby proxy: {}", e.getMessage()); // taken later, or said again then
        }
    }

    /**
     * A standby JVM for the caller to own (and stop), starting the next spare behind it.
     *
     * @throws DeploymentException when no JVM can be started, or the kit is shutting down
     */
    synchronized ProxyProcess take() {
        if (closed) {
            throw new DeploymentException("the kit is shutting down");
        }
        ProxyProcess taken = spare != null && spare.isAlive() ? spare : ProxyProcess.launch(launcher, stats, faults);
        spare = null;
        try {
            spare = ProxyProcess.launch(launcher, stats, faults);
        } catch (DeploymentException e) {
            log.warn("no standby proxy for the next deployment: {}", e.getMessage());
        }
        return taken;
    }

    /** Waits until the spare has warmed up and can take a version at once; false if it did not within {@code timeout}. */
    boolean awaitSpare(Duration timeout) {
        ProxyProcess current;
        synchronized (this) {
            current = spare;
        }
        return current != null && current.awaitWarm(timeout);
    }

    /** Stops the spare; {@link #take} refuses from now on. */
    @Override
    public void close() {
        ProxyProcess last;
        synchronized (this) {
            closed = true;
            last = spare;
            spare = null;
        }
        if (last != null) {
            last.stop();
        }
    }
}
