package dev.notely.telemetry;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for the kit's background work: daemon threads, named for what they do. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Threads called {@code name}; with {@code numbered}, {@code name-1}, {@code name-2}... */
    public static ThreadFactory named(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, numbered ? name + "-" + count.incrementAndGet() : name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Threads all called {@code name}. */
    public static ThreadFactory named(String name) {
        return named(name, false);
    }
}
