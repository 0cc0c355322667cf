package dev.notely.telemetry;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Records the requests of one metric key: a running total plus the samples of a sliding window, from
 * which the rate (window count scaled to a minute) and the p95 duration are computed.
 */
final class RequestTracker {

    private final LongSupplier nanoClock;
    private final long windowNanos;
    private long total;
    // Ring buffer of (time, duration) samples, oldest at head.
    private long[] times = new long[64];
    private long[] durations = new long[64];
    private int head;
    private int size;

    RequestTracker(LongSupplier nanoClock, long windowNanos) {
        this.nanoClock = nanoClock;
        this.windowNanos = windowNanos;
    }

    synchronized void record(long durationNanos) {
        long now = nanoClock.getAsLong();
        evict(now);
        if (size == times.length) {
            grow();
        }
        int slot = (head + size) % times.length;
        times[slot] = now;
        durations[slot] = durationNanos;
        size++;
        total++;
    }

    /** Requests recorded within the window. */
    synchronized long windowCount() {
        evict(nanoClock.getAsLong());
        return size;
    }

    synchronized RequestMetrics metrics() {
        evict(nanoClock.getAsLong());
        double perMinute = size * (double) TimeUnit.MINUTES.toNanos(1) / windowNanos;
        return new RequestMetrics(total, perMinute, p95Millis());
    }

    /** The durations recorded within the window, in nanoseconds, oldest first. */
    synchronized long[] windowDurations() {
        evict(nanoClock.getAsLong());
        long[] window = new long[size];
        for (int i = 0; i < size; i++) {
            window[i] = durations[(head + i) % durations.length];
        }
        return window;
    }

    private double p95Millis() {
        if (size == 0) {
            return 0;
        }
        long[] window = new long[size];
        for (int i = 0; i < size; i++) {
            window[i] = durations[(head + i) % durations.length];
        }
        Arrays.sort(window);
        int rank = (int) Math.ceil(0.95 * size) - 1; // nearest-rank percentile
        return window[rank] / 1_000_000.0;
    }

    private void evict(long now) {
        while (size > 0 && now - times[head] >= windowNanos) {
            head = (head + 1) % times.length;
            size--;
        }
    }

    private void grow() {
        long[] t = new long[times.length * 2];
        long[] d = new long[times.length * 2];
        for (int i = 0; i < size; i++) {
            t[i] = times[(head + i) % times.length];
            d[i] = durations[(head + i) % durations.length];
        }
        times = t;
        durations = d;
        head = 0;
    }
}
