package dev.notely.app.room;

import dev.notely.room.Progress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * How many of the misses came in the last few minutes, from the running total read now and then: the room
 * tells a kit whose misses are still climbing from one whose misses are from a bug fixed long ago.
 */
final class RecentMisses {

    private final Duration window;
    private final LongSupplier nanoClock;
    /** Totals as read, {@code {nanos, total}}, oldest first, reaching back to one reading at or before the window. */
    private final Deque<long[]> readings = new ArrayDeque<>();

    RecentMisses(Duration window, LongSupplier nanoClock) {
        this.window = window;
        this.nanoClock = nanoClock;
    }

    /** The total, and how much of it came within the window: all of it while the readings do not reach back that far. */
    synchronized Progress.Misses read(long total) {
        long now = nanoClock.getAsLong();
        readings.addLast(new long[] {now, total});
        long cutoff = now - window.toNanos();
        while (readings.size() > 1 && secondOldest()[0] <= cutoff) {
            readings.removeFirst();
        }
        long[] oldest = readings.peekFirst();
        long before = oldest[0] <= cutoff ? oldest[1] : 0;
        // After a reset (z in the dashboard) the total starts again from zero, below what it was.
        return new Progress.Misses(total, total >= before ? total - before : total);
    }

    private long[] secondOldest() {
        var it = readings.iterator();
        it.next();
        return it.next();
    }
}
