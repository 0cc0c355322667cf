package dev.notely.checks;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Runs two operations as if on two machines at once, but one step at a time: each on a thread of its
 * own, only one thread running, and at some store calls the running one hands the turn to the other.
 * Which operation starts and at which store calls the turn changes hands is drawn from a seeded
 * random, so a seed always gives the same interleaving and a failure can be replayed.
 */
final class Turns {

    /**
     * A round hands over at one to {@link #MAX_HAND_OVERS} of its first {@link #STEPS} store calls. A few
     * well-placed hand-overs reach each ordering of two short operations often; a coin toss at every
     * call would make the orderings that need several calls in a row rare.
     */
    private static final int STEPS = 8;
    private static final int MAX_HAND_OVERS = 3;
    private static final int NOBODY = -1;

    private final Random random;
    private final String threadName;
    private final ProxyTime proxyTime;
    private boolean inRound;
    private int turn = NOBODY;
    private final boolean[] finished = new boolean[2];
    private final Set<Integer> handOvers = new HashSet<>();
    private int step;

    /**
     * @param seed       decides every hand-over
     * @param threadName prefix of the two threads' names, so a stuck one can be traced to its check
     * @param proxyTime  told when an operation waits inside a router call, so only the running one counts
     */
    Turns(long seed, String threadName, ProxyTime proxyTime) {
        this.random = new Random(seed);
        this.threadName = threadName;
        this.proxyTime = proxyTime;
    }

    /**
     * Runs {@code operations[0]} and {@code operations[1]} interleaved and returns once both are done.
     * Each must catch what it throws.
     *
     * @return false when they did not finish within {@code patience}
     */
    boolean round(Runnable[] operations, String[] names, Duration patience) throws InterruptedException {
        Thread[] threads = new Thread[2];
        synchronized (this) {
            inRound = true;
            finished[0] = false;
            finished[1] = false;
            turn = random.nextInt(2);
            step = 0;
            handOvers.clear();
            int count = 1 + random.nextInt(MAX_HAND_OVERS);
            while (handOvers.size() < count) {
                handOvers.add(1 + random.nextInt(STEPS));
            }
        }
        for (int i = 0; i < 2; i++) {
            int me = i;
            threads[i] = new Thread(() -> take(me, operations[me]), threadName + " / " + names[i]);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        try {
            synchronized (this) {
                long deadline = System.nanoTime() + patience.toNanos();
                while (!(finished[0] && finished[1])) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
                return true;
            }
        } finally {
            synchronized (this) {
                inRound = false;
                turn = NOBODY;
                notifyAll();
            }
            for (Thread t : threads) {
                if (t.isAlive()) {
                    t.interrupt();
                }
            }
        }
    }

    /**
     * Called by operation {@code me} before each store call: at a drawn hand-over, lets the other
     * operation run until it finishes or hands the turn back. Outside a round (setting up, checking the outcome) it does
     * nothing.
     *
     * @throws CancellationException when the round was given up while this operation waited
     */
    synchronized void beforeStoreCall(int me) {
        if (!inRound || turn != me) {
            return;
        }
        step++;
        if (finished[1 - me] || !handOvers.contains(step)) {
            return;
        }
        turn = 1 - me;
        notifyAll();
        proxyTime.pause();
        try {
            awaitTurn(me);
        } finally {
            proxyTime.resume();
        }
    }

    private void take(int me, Runnable operation) {
        synchronized (this) {
            try {
                awaitTurn(me);
            } catch (CancellationException e) {
                return; // given up before this operation started: nothing to run, nothing to report
            }
        }
        try {
            operation.run();
        } finally {
            synchronized (this) {
                finished[me] = true;
                // Once the round is given up, the other operation is cancelled, not handed a turn to run on.
                turn = !inRound || finished[1 - me] ? NOBODY : 1 - me;
                notifyAll();
            }
        }
    }

    /** Waits, holding this monitor, until it is {@code me}'s turn. */
    private void awaitTurn(int me) {
        while (turn != me) {
            if (!inRound) {
                throw new CancellationException("the interleaving was given up");
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("the interleaving was given up");
            }
        }
    }
}
