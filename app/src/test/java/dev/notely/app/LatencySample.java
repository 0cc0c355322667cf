package dev.notely.app;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/** A bounded uniform sample of request durations (reservoir sampling), for percentiles in benchmarks. */
public final class LatencySample {

    private final long[] sample;
    private long seen;

    public LatencySample(int capacity) {
        sample = new long[capacity];
    }

    public synchronized void record(long nanos) {
        if (seen < sample.length) {
            sample[(int) seen] = nanos;
        } else {
            long slot = ThreadLocalRandom.current().nextLong(seen + 1);
            if (slot < sample.length) {
                sample[(int) slot] = nanos;
            }
        }
        seen++;
    }

    public synchronized void reset() {
        seen = 0;
    }

    public synchronized long count() {
        return seen;
    }

    /** The percentile in milliseconds, e.g. {@code percentile(0.95)}. */
    public synchronized double percentileMillis(double p) {
        int n = (int) Math.min(seen, sample.length);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(sample, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1)] / 1e6;
    }
}
