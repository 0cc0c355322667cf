package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How two operations take turns, driven with scripted work that records its own store calls: both finish,
 * one at a time, handing over one to three times within a round's first eight store calls, in an order the
 * seed decides; proxy time stops for the one that waits; and a round that runs out of patience answers false
 * and leaves no operation running.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TurnsTest {

    private static final String[] NAMES = {"first", "second"};
    /** Plenty for two scripted works that never block, even on a busy machine; a round that needs it has gone wrong. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    /** As long to wait for what a work does once a round is over: it happens at once, or it does not happen. */
    private static final long WAIT_SECONDS = 5;
    /** For a round meant to run out of patience. */
    private static final Duration SHORT_PATIENCE = Duration.ofMillis(100);
    /** More store calls than the hand-overs reach, so every drawn hand-over happens. */
    private static final int CALLS = 12;

    private final ProxyTime proxyTime = new ProxyTime();

    /**
     * A work of {@code calls} store calls, recording in {@code order} which work reaches each call: as only the
     * work whose turn it is runs, that is the order in which the round counts store calls and hands over.
     */
    private Runnable work(Turns turns, int me, int calls, List<Integer> order) {
        return () -> {
            for (int call = 0; call < calls; call++) {
                order.add(me);
                turns.beforeStoreCall(me);
            }
        };
    }

    /** The order of the store calls of one round of two works of {@link #CALLS} calls each. */
    private List<Integer> round(Turns turns) throws InterruptedException {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Runnable[] works = {work(turns, 0, CALLS, order), work(turns, 1, CALLS, order)};
        assertTrue(turns.round(works, NAMES, PATIENCE), "two scripted works did not finish");
        return List.copyOf(order);
    }

    /** The orders of {@code rounds} rounds on one Turns drawn from {@code seed}. */
    private List<List<Integer>> rounds(long seed, int rounds) throws InterruptedException {
        Turns turns = new Turns(seed, "turns", proxyTime);
        List<List<Integer>> orders = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            orders.add(round(turns));
        }
        return orders;
    }

    /** Indices in {@code order} where the other work reached the call. */
    private static List<Integer> switches(List<Integer> order) {
        List<Integer> at = new ArrayList<>();
        for (int i = 1; i < order.size(); i++) {
            if (!order.get(i).equals(order.get(i - 1))) {
                at.add(i);
            }
        }
        return at;
    }

    @Test
    void bothWorksFinishEveryCallAndTheRoundAnswersTrue() throws InterruptedException {
        List<Integer> order = round(new Turns(1, "turns", proxyTime));
        assertEquals(CALLS, Collections.frequency(order, 0), order.toString());
        assertEquals(CALLS, Collections.frequency(order, 1), order.toString());
    }

    @Test
    void theSameSeedGivesTheSameOrderOfStoreCallsRoundAfterRound() throws InterruptedException {
        assertEquals(rounds(7, 5), rounds(7, 5));
    }

    @Test
    void anotherSeedGivesAnotherOrder() throws InterruptedException {
        assertNotEquals(rounds(7, 1), rounds(8, 1));
    }

    @Test
    void eachRoundHandsOverOneToThreeTimesWithinItsFirstEightStoreCalls() throws InterruptedException {
        for (List<Integer> order : rounds(3, 40)) {
            List<Integer> at = switches(order);
            // The last switch is the one at the end of the work that finishes first.
            List<Integer> handOvers = at.subList(0, at.size() - 1);
            assertTrue(handOvers.size() >= 1 && handOvers.size() <= 3, order.toString());
            assertTrue(handOvers.stream().allMatch(i -> i <= 8), order.toString());
        }
    }

    @Test
    void eitherWorkMayGoFirstAndHandOversVaryFromRoundToRound() throws InterruptedException {
        List<List<Integer>> orders = rounds(3, 40);
        assertEquals(2, orders.stream().map(order -> order.get(0)).distinct().count(), "the first call is drawn too");
        assertEquals(3, orders.stream().map(order -> switches(order).size() - 1).distinct().count(),
                "one, two and three hand-overs all occur");
    }

    @Test
    void theWorksRunOnDaemonThreadsNamedForTheirCheck() throws InterruptedException {
        Turns turns = new Turns(1, "check", proxyTime);
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> daemons = Collections.synchronizedList(new ArrayList<>());
        Runnable[] works = new Runnable[2];
        for (int i = 0; i < 2; i++) {
            works[i] = () -> {
                names.add(Thread.currentThread().getName());
                daemons.add(Thread.currentThread().isDaemon());
            };
        }
        assertTrue(turns.round(works, NAMES, PATIENCE));
        assertEquals(List.of("check / first", "check / second"), names.stream().sorted().toList());
        assertEquals(List.of(true, true), daemons, "a work stuck in a router must not keep the JVM alive");
    }

    @Test
    void storeCallsOutsideARoundGoAheadAtOnceAndLeaveTheSeedsHandOversAlone() throws InterruptedException {
        // As the check's own reads between rounds, made on the routers' stepped stores from the check's thread.
        Turns turns = new Turns(9, "turns", proxyTime);
        outsideARound(turns);
        List<Integer> first = round(turns);
        outsideARound(turns);
        List<Integer> second = round(turns);
        assertEquals(rounds(9, 2), List.of(first, second));
    }

    private static void outsideARound(Turns turns) {
        for (int i = 0; i < 20; i++) {
            turns.beforeStoreCall(i % 2);
        }
    }

    @Test
    void whileOneWorkWaitsForItsTurnOnlyTheOtherCountsAsRunningTheRouter() throws InterruptedException {
        Turns turns = new Turns(5, "turns", proxyTime);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Runnable[] works = new Runnable[2];
        for (int i = 0; i < 2; i++) {
            int me = i;
            works[i] = () -> proxyTime.time(() -> {
                for (int call = 0; call < CALLS; call++) {
                    order.add(me);
                    turns.beforeStoreCall(me);
                    if (!proxyTime.runningThreads().equals(List.of(Thread.currentThread()))) {
                        seen.add(Thread.currentThread().getName() + " saw " + proxyTime.runningThreads());
                    }
                }
                return null;
            });
        }
        assertTrue(turns.round(works, NAMES, PATIENCE));
        assertTrue(switches(order).size() >= 2, "the turn changed hands: " + order);
        assertEquals(List.of(), seen);
        assertEquals(List.of(), proxyTime.runningThreads());
    }

    @Test
    void aWorkThatNeverFinishesMakesTheRoundAnswerFalseOnceThePatienceIsUpAndIsInterrupted() throws InterruptedException {
        Turns turns = new Turns(1, "turns", proxyTime);
        AtomicInteger started = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Runnable[] works = new Runnable[2];
        for (int i = 0; i < 2; i++) {
            works[i] = () -> {
                started.incrementAndGet();
                try {
                    never.await(); // as a router looping for ever
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            };
        }
        assertFalse(turns.round(works, NAMES, SHORT_PATIENCE));
        // On a busy machine the patience may be up before either work got its turn; then neither ever starts.
        assertTrue(started.get() == 0 || interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS), "the stuck work was not interrupted");
        assertTrue(started.get() <= 1, "the work waiting for its first turn started after the round was given up");
    }

    @Test
    void whenTheGraderStopsARoundTheWorkWaitingForItsTurnIsCancelledAndTheStuckOneInterrupted() throws Exception {
        Turns turns = new Turns(1, "turns", proxyTime);
        AtomicInteger started = new AtomicInteger();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Runnable[] works = new Runnable[2];
        for (int i = 0; i < 2; i++) {
            int me = i;
            works[i] = () -> {
                if (started.getAndIncrement() == 1) {
                    // The second to start never gives the turn back.
                    stuck.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return;
                }
                try {
                    for (int call = 0; call < 100; call++) {
                        order.add(me);
                        turns.beforeStoreCall(me);
                    }
                } catch (CancellationException e) {
                    cancelled.countDown();
                }
            };
        }
        AtomicReference<String> outcome = new AtomicReference<>("still running");
        Thread check = new Thread(() -> {
            try {
                outcome.set("answered " + turns.round(works, NAMES, PATIENCE));
            } catch (InterruptedException e) {
                outcome.set("interrupted");
            }
        }, "check");
        check.start();
        assertTrue(stuck.await(WAIT_SECONDS, TimeUnit.SECONDS), "the first work handed the turn over");
        check.interrupt(); // as the grader does when a check's time is up
        check.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertEquals("interrupted", outcome.get());
        assertTrue(cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS), "the waiting work was told the round was given up");
        assertTrue(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS), "the stuck work was interrupted");
        int first = order.get(0);
        assertEquals(List.of(first), order.stream().distinct().toList(), "only the first work ever reached a store call");
        assertTrue(order.size() <= 8, "it handed over within eight calls: " + order);
        assertEquals(List.of(), proxyTime.runningThreads());
    }
}
