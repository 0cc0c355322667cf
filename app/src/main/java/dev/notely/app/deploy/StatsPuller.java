package dev.notely.app.deploy;

import dev.notely.telemetry.StatsCollector;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pulls each serving proxy's own figures ({@code ExportStats}) into the app's telemetry. */
final class StatsPuller {

    private static final Logger log = LoggerFactory.getLogger(StatsPuller.class);

    private final TrafficSplit split;
    private final StatsCollector stats;
    private final Duration timeout;

    StatsPuller(TrafficSplit split, StatsCollector stats, Duration timeout) {
        this.split = split;
        this.stats = stats;
        this.timeout = timeout;
    }

    void pullAll() {
        for (VersionSlot slot : split.pair().slots()) {
            ProxyProcess process = slot.process();
            if (process != null) {
                pull(slot, process);
            }
        }
    }

    void pull(VersionSlot slot, ProxyProcess process) {
        try {
            // Per process, not per version: a restarted process starts counting from zero again.
            stats.importSnapshot("v" + slot.version + "/" + process.pid(), process.client().exportStats(timeout));
        } catch (RuntimeException e) {
            log.debug("could not pull stats from v{}: {}", slot.version, e.toString());
        }
    }
}
