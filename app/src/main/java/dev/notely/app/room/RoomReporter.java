package dev.notely.app.room;

import dev.notely.room.Progress;
import dev.notely.room.RoomClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the kit's progress to the instructor's room every few seconds ({@code --join}). A room that cannot
 * be reached, or refuses, changes nothing for the kit: it says so once, keeps trying quietly, and says so
 * again when reports get through.
 */
public final class RoomReporter implements AutoCloseable {

    /** How often a kit reports. */
    public static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(RoomReporter.class);

    private final RoomJoin join;
    private final RoomClient client;
    private final Supplier<Progress> progress;
    private final ScheduledExecutorService timer;
    private volatile Consumer<String> notices;
    private String trouble; // the kind of failure last said, null while reports get through; timer thread only

    /** @param notices where the one line about the room goes: the dashboard's status line, or the log */
    public RoomReporter(RoomJoin join, Supplier<Progress> progress, Consumer<String> notices) {
        this.join = join;
        this.client = new RoomClient(join.address(), join.code());
        this.progress = progress;
        this.notices = notices;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "room-reporter");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reports now, then every {@code every}. */
    public RoomReporter start(Duration every) {
        log.info("reporting progress to the room at {} every {} s as '{}'", join.address(), every.toSeconds(), join.name());
        timer.scheduleWithFixedDelay(this::reportOnce, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** From now on the one-line notices go to {@code to} (the dashboard, once it is up). */
    public void tellVia(Consumer<String> to) {
        notices = to;
    }

    private void reportOnce() {
        try {
            client.send(progress.get());
            if (trouble != null) {
                say("reporting to the room at " + join.address() + " again");
            }
            trouble = null;
        } catch (RoomClient.RefusedException e) {
            complain("refused", "the room at " + join.address() + " refused the report: " + e.getMessage()
                    + "; the kit works as before");
        } catch (IOException | RuntimeException e) {
            complain("unreachable", "the room at " + join.address() + " cannot be reached (" + describe(e)
                    + "); the kit works as before and keeps trying");
        }
    }

    /** Says a failure once; the same kind of failure again is quiet. */
    private void complain(String kind, String message) {
        if (!kind.equals(trouble)) {
            trouble = kind;
            say(message);
        }
    }

    private void say(String message) {
        try {
            notices.accept(message);
        } catch (RuntimeException e) {
            log.warn(message);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException || message == null || message.isBlank()) {
            return e instanceof java.net.http.HttpTimeoutException ? "no answer within 3 s" : "connection refused";
        }
        return message;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
