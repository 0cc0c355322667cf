package dev.notely.app;

import dev.notely.telemetry.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what the kit is doing every few seconds until it is up: a first start on a slow machine compiles
 * and boots JVMs for half a minute, and a silent terminal reads as a hung one.
 */
final class StartProgress implements AutoCloseable {

    static final long EVERY_SECONDS = 4;
    private static final Logger log = LoggerFactory.getLogger(Kit.class);

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("start-progress"));
    private final long startedAt = System.nanoTime();
    private volatile String step = "starting";

    StartProgress() {
        ticker.scheduleAtFixedRate(() -> log.info("still starting ({} s): {} …",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt), step), EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /** What is under way now; said at once, and again at every tick while it lasts. */
    void now(String what) {
        step = what;
        log.info("{} …", what);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
