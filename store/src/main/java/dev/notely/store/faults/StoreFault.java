package dev.notely.store.faults;

import java.util.Locale;

/**
 * What is wrong with one note store on purpose, as Toxiproxy's toxics are for a TCP link: every call waits
 * {@code latencyMs} plus up to {@code jitterMs} more, then fails with probability {@code errorRate}; a store
 * that is {@code down} fails every call at once.
 */
public record StoreFault(int latencyMs, int jitterMs, double errorRate, boolean down) {

    /** The longest latency or jitter that can be set: ten seconds is already a store nobody waits for. */
    public static final int MAX_MILLIS = 10_000;

    /** Nothing wrong. */
    public static final StoreFault NONE = new StoreFault(0, 0, 0.0, false);

    /** @throws IllegalArgumentException naming the value that is out of range */
    public StoreFault {
        requireMillis("latencyMs", latencyMs);
        requireMillis("jitterMs", jitterMs);
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be from 0.0 to 1.0, not " + errorRate);
        }
    }

    private static void requireMillis(String field, int value) {
        if (value < 0 || value > MAX_MILLIS) {
            throw new IllegalArgumentException(field + " must be a whole number of milliseconds from 0 to "
                    + MAX_MILLIS + ", not " + value);
        }
    }

    /** Whether calls to the store go through untouched. */
    public boolean isNone() {
        return latencyMs == 0 && jitterMs == 0 && errorRate == 0.0 && !down;
    }

    public StoreFault withLatencyMs(int value) {
        return new StoreFault(value, jitterMs, errorRate, down);
    }

    public StoreFault withJitterMs(int value) {
        return new StoreFault(latencyMs, value, errorRate, down);
    }

    public StoreFault withErrorRate(double value) {
        return new StoreFault(latencyMs, jitterMs, value, down);
    }

    public StoreFault withDown(boolean value) {
        return new StoreFault(latencyMs, jitterMs, errorRate, value);
    }

    /** A few words for the dashboard's header and the logs, such as {@code +50-60 ms 20 % errors} or {@code down}. */
    public String describe() {
        if (down) {
            return "down";
        }
        StringBuilder words = new StringBuilder();
        if (latencyMs > 0 || jitterMs > 0) {
            words.append('+').append(latencyMs);
            if (jitterMs > 0) {
                words.append('-').append(latencyMs + jitterMs);
            }
            words.append(" ms");
        }
        if (errorRate > 0) {
            words.append(words.length() > 0 ? " " : "")
                    .append(String.format(Locale.ROOT, "%.0f", errorRate * 100)).append(" % errors");
        }
        return words.length() == 0 ? "none" : words.toString();
    }
}
