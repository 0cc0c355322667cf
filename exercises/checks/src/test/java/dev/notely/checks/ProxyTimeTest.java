package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.notely.proxy.EndlessListRouter;
import dev.notely.store.NoteRouter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as the router's time: only calls into it, and not while one waits for its turn. */
class ProxyTimeTest {

    private final ProxyTime time = new ProxyTime();

    @Test
    void outsideEveryCallNoTimeIsAdded() {
        time.time(() -> null);
        long spent = time.spentNanos();
        assertEquals(spent, time.spentNanos(), "the check's own work between calls does not count");
        assertEquals(List.of(), time.runningThreads());
    }

    @Test
    void aCallThatWaitsForItsTurnIsNotRunning() {
        time.enter();
        assertEquals(List.of(Thread.currentThread()), time.runningThreads());
        time.pause();
        long spent = time.spentNanos();
        assertEquals(spent, time.spentNanos(), "waiting for the turn does not count");
        assertEquals(List.of(), time.runningThreads());
        time.resume();
        assertEquals(List.of(Thread.currentThread()), time.runningThreads());
        time.exit();
        assertEquals(List.of(), time.runningThreads());
    }

    @Test
    void aCallWithinACallEndsWithTheOuterOne() {
        time.enter();
        time.time(() -> null);
        assertEquals(List.of(Thread.currentThread()), time.runningThreads(), "still inside the outer call");
        time.exit();
        assertEquals(List.of(), time.runningThreads());
    }

    @Test
    void aWatchedRouterStillShowsItsOwnClass() {
        NoteRouter router = new EndlessListRouter(name -> null);
        assertSame(router, ProxyTime.unwatched(time.watch(router)), "an isolated copy is made of the router's class");
    }
}
