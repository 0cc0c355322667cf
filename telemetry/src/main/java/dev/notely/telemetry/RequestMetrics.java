package dev.notely.telemetry;

/**
 * Figures for one metric key.
 *
 * @param totalCount     every request ever recorded (only grows)
 * @param requestsPerMin requests in the last window, scaled to a minute
 * @param durationP95    95th percentile duration in the last window, in milliseconds
 */
public record RequestMetrics(long totalCount, double requestsPerMin, double durationP95) {

    public static final RequestMetrics EMPTY = new RequestMetrics(0, 0, 0);

    /**
     * Combines the figures of two sources reporting the same key: counts and rates add up; the p95 of
     * the union is not derivable from two p95s, so the larger one is shown (never better than reality).
     */
    public RequestMetrics plus(RequestMetrics other) {
        return new RequestMetrics(totalCount + other.totalCount, requestsPerMin + other.requestsPerMin,
                Math.max(durationP95, other.durationP95));
    }

    /** The same totals with the live figures cleared, for a source that stopped reporting. */
    public RequestMetrics withoutRates() {
        return new RequestMetrics(totalCount, 0, 0);
    }
}
