package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.proxy.EndlessListRouter;
import dev.notely.store.NoteRouter;
import dev.notely.store.StoreRouter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void theRoutersTimeGrowsWhileItRunsAndNeverFasterThanTheClock() {
        long start = System.nanoTime();
        time.enter();
        long inside = time.spentNanos();
        long later = time.spentNanos();
        time.exit();
        long after = time.spentNanos();
        long clock = System.nanoTime() - start;

        assertTrue(inside > 0 && inside <= later && later <= after && after <= clock,
                "inside " + inside + " ns, later " + later + ", after the call " + after + ", the clock " + clock);
        assertEquals(after, time.spentNanos(), "nothing counts once the call is over");
    }

    @Test
    void twoThreadsInsideAtOnceCountTheirTimeOnce() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        long start = System.nanoTime();
        Thread first = new Thread(() -> time.time(() -> {
            firstInside.countDown();
            await(secondDone);
            return null;
        }));
        first.start();
        await(firstInside);
        time.time(() -> null); // the second thread: its whole call within the first one's
        secondDone.countDown();
        first.join();
        long clock = System.nanoTime() - start;

        long spent = time.spentNanos();
        assertTrue(spent > 0 && spent <= clock, "spent " + spent + " ns in a span of " + clock + " ns");
        assertEquals(List.of(), time.runningThreads());
    }

    @Test
    void aWatchedRouterPassesEveryCallOn() {
        AtomicInteger healthChecks = new AtomicInteger();
        NoteRouter router = time.watch(new StoreRouter(null) {
            @Override
            public Optional<String> assignShard(UUID accountId) {
                return Optional.of("second");
            }

            @Override
            public void healthCheck() {
                healthChecks.incrementAndGet();
            }
        });

        assertEquals(Optional.of("second"), router.assignShard(UUID.randomUUID()));
        router.healthCheck();
        assertEquals(1, healthChecks.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
