package dev.notely.app.migration;

import dev.notely.telemetry.StatsCollector.WindowFigures;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How fast the backfill may go: the rate asked for, the share of it the users' latency allows, and the
 * notes per second it actually achieves.
 *
 * <p>While the p95 of the users' requests is above a limit it halves the rate the backfill achieves (at
 * most every other {@code adjustEvery}, so the p95 has time to show the change), and grows it back by a
 * quarter every {@code adjustEvery} once the p95 is under the limit again. The limit is the configured
 * one, or {@link #SLOWDOWN_ALLOWED} times the users' p95 when the backfill started if that is higher: on a
 * machine already slow without it, it must still get on.
 */
final class BackfillThrottle {

    private static final Logger log = LoggerFactory.getLogger(BackfillThrottle.class);

    /**
     * The lowest rate it backs off to, in notes per second (or the rate asked, if lower): pages of a note or
     * two, which users cannot notice, and it never stops for good.
     */
    static final double SLOWEST = 10;
    /**
     * How much slower than when it started the users' requests may get before it backs off: one window's
     * p95 moves this much on a busy machine without any backfill.
     */
    static final double SLOWDOWN_ALLOWED = 2;
    /**
     * The most notes a page may read while users are active: a page holds the proxy's lock throughout, and
     * a user's request that arrives meanwhile waits for all of it.
     */
    static final int PAGE_BESIDE_USERS = 10;
    /** The window the moving rate is measured over. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private final Supplier<WindowFigures> usersLatency;
    private final BackfillSettings settings;

    // Guarded by this.
    private int rate;
    private double share = 1;
    private long lastBackOff = Long.MIN_VALUE / 2;
    private long lastRecovery = Long.MIN_VALUE / 2;
    private double usersP95;
    private double p95Limit;
    private boolean usersActive;
    private final Deque<long[]> recentPages = new ArrayDeque<>(); // {nanoTime, moved}
    private long activeSince;

    BackfillThrottle(Supplier<WindowFigures> usersLatency, BackfillSettings settings) {
        this.usersLatency = usersLatency;
        this.settings = settings;
        this.rate = settings.rate();
        this.p95Limit = settings.p95LimitMillis();
    }

    /**
     * The backfill runs from now on: the achieved rate is measured from now, and the p95 limit is set from
     * the users' latency now.
     *
     * @param newPass a new pass over every account, which forgets the pages of the last one
     */
    synchronized void started(boolean newPass) {
        if (newPass) {
            recentPages.clear();
        }
        activeSince = System.nanoTime();
        WindowFigures before = usersLatency.get();
        double usual = before.count() >= settings.minSamples() ? before.p95Millis() : 0;
        p95Limit = Math.max(settings.p95LimitMillis(), usual * SLOWDOWN_ALLOWED);
        usersP95 = before.p95Millis();
        usersActive = before.count() >= settings.minSamples();
        if (p95Limit > settings.p95LimitMillis()) {
            log.info("backfill backs off above a users' p95 of {} ms: they were at {} ms before it started",
                    Math.round(p95Limit), Math.round(usual));
        }
    }

    /** @return whether the rate changed */
    synchronized boolean setRate(int notesPerSecond) {
        if (notesPerSecond == rate) {
            return false;
        }
        rate = notesPerSecond;
        return true;
    }

    synchronized int rate() {
        return rate;
    }

    /** The rate it may go at now: the rate asked for, times the share the users' latency allows. */
    synchronized double effectiveRate() {
        return rate * share;
    }

    synchronized double usersP95() {
        return usersP95;
    }

    synchronized double p95Limit() {
        return p95Limit;
    }

    /** The notes the next page may read: a tenth of a second's worth, fewer while users are active. */
    synchronized int pageLimit() {
        int most = usersActive ? Math.min(PAGE_BESIDE_USERS, settings.maxPage()) : settings.maxPage();
        return (int) Math.max(1, Math.min(most, Math.round(effectiveRate() / 10)));
    }

    synchronized void pageDone(long moved) {
        recentPages.addLast(new long[] {System.nanoTime(), moved});
    }

    /** When a page of {@code notes} begun at {@code pageStart} has been paid for at the rate allowed now. */
    synchronized long dueAfter(long pageStart, int notes) {
        return pageStart + (long) (notes / effectiveRate() * 1e9);
    }

    /** Notes moved per second over the last {@link #RATE_WINDOW}, or since it started when that is shorter. */
    synchronized double notesPerSecond(long now) {
        long windowStart = now - RATE_WINDOW.toNanos();
        while (!recentPages.isEmpty() && recentPages.peekFirst()[0] < windowStart) {
            recentPages.pollFirst();
        }
        long moved = recentPages.stream().mapToLong(p -> p[1]).sum();
        double seconds = Math.max(1, Math.min(RATE_WINDOW.toNanos(), now - activeSince) / 1e9);
        return moved / seconds;
    }

    /** Halves the rate while the users' requests are slow, and lets it grow back once they are not. */
    void adjustForUsers() {
        WindowFigures users = usersLatency.get();
        long now = System.nanoTime();
        synchronized (this) {
            usersP95 = users.p95Millis();
            usersActive = users.count() >= settings.minSamples();
            boolean slow = users.count() >= settings.minSamples() && users.p95Millis() > p95Limit;
            double lowest = Math.min(1, SLOWEST / rate);
            if (slow && now - lastBackOff >= 2 * settings.adjustEvery().toNanos() && share > lowest) {
                if (share == 1) {
                    log.info("backfill backs off: the users' p95 is {} ms, above {} ms", Math.round(users.p95Millis()),
                            Math.round(p95Limit));
                }
                // Half of what it achieves, not of what it was allowed: a rate it never reached is no back-off.
                double achieved = notesPerSecond(now) / rate;
                share = Math.max(lowest, (achieved > 0 ? Math.min(share, achieved) : share) / 2);
                lastBackOff = now;
                lastRecovery = now;
            } else if (!slow && share < 1 && now - lastRecovery >= settings.adjustEvery().toNanos()) {
                share = Math.min(1, share * 1.25);
                lastRecovery = now;
                if (share == 1) {
                    log.info("backfill back at its full rate of {} notes/s", rate);
                }
            }
        }
    }
}
