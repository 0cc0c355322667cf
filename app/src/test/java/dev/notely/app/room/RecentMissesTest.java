package dev.notely.app.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.notely.room.Progress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The room's "misses in the last 5 minutes", from totals read every few seconds on a clock the test moves. */
class RecentMissesTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RecentMisses recent = new RecentMisses(Duration.ofMinutes(5), nanos::get);

    private Progress.Misses after(long seconds, long total) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
        return recent.read(total);
    }

    @Test
    void whileTheKitIsYoungerThanTheWindowEveryMissIsRecent() {
        assertEquals(new Progress.Misses(0, 0), after(0, 0));
        assertEquals(new Progress.Misses(4, 4), after(60, 4));
        assertEquals(new Progress.Misses(7, 7), after(200, 7));
    }

    @Test
    void missesOlderThanTheWindowAreNoLongerRecent() {
        after(0, 10);            // t=0: 10 misses, a bug fixed since
        after(100, 10);
        after(150, 12);          // t=250: two more
        assertEquals(new Progress.Misses(12, 2), after(60, 12));   // t=310: the 10 are over 5 minutes old
        assertEquals(new Progress.Misses(12, 2), after(5, 12));    // t=315
        assertEquals(new Progress.Misses(12, 0), after(300, 12));  // t=615: nothing new for 5 minutes
    }

    @Test
    void aResetStartsTheCountAgain() {
        after(0, 10);
        after(400, 30);
        assertEquals(new Progress.Misses(3, 3), after(10, 3)); // z in the dashboard: the total fell to 0, then 3 came
    }
}
