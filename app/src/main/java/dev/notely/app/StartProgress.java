package dev.notely.app;

import dev.notely.telemetry.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
    private final Consumer<String> say;
    private volatile String step = "starting";

    StartProgress() {
        this(Duration.ofSeconds(EVERY_SECONDS), log::info);
    }

    /** Says each line to {@code say}, and again every {@code every} while a step lasts. */
    StartProgress(Duration every, Consumer<String> say) {
        this.say = say;
        ticker.scheduleAtFixedRate(() -> say.accept("still starting (" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedAt)
                + " s): " + step + " …"), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What is under way now; said at once, and again at every tick while it lasts. */
    void now(String what) {
        say.accept(what + " …"); // before the next tick can repeat it
        step = what;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
