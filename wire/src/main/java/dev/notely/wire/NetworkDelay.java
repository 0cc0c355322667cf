package dev.notely.wire;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated network latency for the data-proxy wire: a uniformly random delay between {@code min} and
 * {@code max} milliseconds, added on the client side and on the server side of each call, so the
 * loopback wire behaves a little like a real network.
 */
public record NetworkDelay(int minMillis, int maxMillis) {

    public static final NetworkDelay NONE = new NetworkDelay(0, 0);
    public static final NetworkDelay DEFAULT = new NetworkDelay(1, 5);

    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:ms)?(?:-(\\d+)(?:ms)?)?");

    public NetworkDelay {
        if (minMillis < 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("network delay range " + minMillis + "-" + maxMillis + "ms is not valid");
        }
    }

    /**
     * Reads {@code 1-5ms} (a range), {@code 3ms} or {@code 3} (a fixed delay) or {@code 0} (none).
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static NetworkDelay parse(String text) {
        Matcher m = RANGE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a delay: use a range such as 1-5ms, or 0 for none");
        }
        int min = Integer.parseInt(m.group(1));
        int max = m.group(2) == null ? min : Integer.parseInt(m.group(2));
        if (max < min) {
            throw new IllegalArgumentException("'" + text + "': the upper bound is below the lower bound");
        }
        if (max > 10_000) {
            throw new IllegalArgumentException("'" + text + "': a delay over 10 s would make every call time out");
        }
        return new NetworkDelay(min, max);
    }

    public boolean isNone() {
        return maxMillis == 0;
    }

    /** Waits a random delay in the range (simulated wire time, not synchronization). */
    public void pause() {
        if (isNone()) {
            return;
        }
        long micros = ThreadLocalRandom.current().nextLong(minMillis * 1000L, maxMillis * 1000L + 1);
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        return isNone() ? "0" : minMillis == maxMillis ? minMillis + "ms" : minMillis + "-" + maxMillis + "ms";
    }
}
