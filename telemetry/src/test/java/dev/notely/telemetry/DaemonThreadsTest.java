package dev.notely.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

/** Background threads never keep the JVM alive, and say what they do in a thread dump. */
class DaemonThreadsTest {

    @Test
    void numberedThreadsCountFromOne() {
        ThreadFactory users = DaemonThreads.named("user", true);
        Thread first = users.newThread(() -> { });
        Thread second = users.newThread(() -> { });
        assertEquals("user-1", first.getName());
        assertEquals("user-2", second.getName());
        assertTrue(first.isDaemon() && second.isDaemon());
    }

    @Test
    void unnumberedThreadsAllHaveTheName() {
        ThreadFactory ticker = DaemonThreads.named("ticker");
        assertEquals("ticker", ticker.newThread(() -> { }).getName());
        Thread again = ticker.newThread(() -> { });
        assertEquals("ticker", again.getName());
        assertTrue(again.isDaemon());
    }
}
