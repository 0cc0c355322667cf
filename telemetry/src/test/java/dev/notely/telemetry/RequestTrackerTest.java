package dev.notely.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The window of recent requests keeps every one of them, however many, oldest first. */
class RequestTrackerTest {

    private final AtomicLong clock = new AtomicLong(0);
    private final RequestTracker tracker = new RequestTracker(clock::get, 1_000);

    @Test
    void aBusyWindowKeepsEveryRequestInOrder() {
        // Some requests leave the window first, so the kept ones wrap around the end of the buffer.
        for (int i = 0; i < 40; i++) {
            tracker.record(1);
        }
        clock.set(1_000);
        for (long d = 1; d <= 200; d++) {
            tracker.record(d * 1_000_000);
        }
        assertEquals(200, tracker.windowCount());
        assertArrayEquals(LongStream.rangeClosed(1, 200).map(d -> d * 1_000_000).toArray(), tracker.windowDurations());
        RequestMetrics metrics = tracker.metrics();
        assertEquals(240, metrics.totalCount());
        assertEquals(190.0, metrics.durationP95(), 1e-9, "the 190th of 200 sorted durations, in milliseconds");
    }
}
