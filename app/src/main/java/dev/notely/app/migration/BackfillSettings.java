package dev.notely.app.migration;

import static dev.notely.api.Backfill.MAX_RATE;
import static dev.notely.api.Backfill.MIN_RATE;

import dev.notely.store.InvalidInputException;
import java.time.Duration;

/**
 * How the backfill ({@link BackfillRunner}) behaves; tests make the pauses short.
 *
 * @param rate             notes per second to start with
 * @param p95LimitMillis   above this p95 of the users' requests it backs off (unless they were slower still
 *                         before it started)
 * @param minSamples       fewer users' requests than this in the window say nothing about their p95
 * @param maxPage          the most notes one page may read
 * @param firstRetry       the pause after a first failed page; it doubles with each failure in a row
 * @param longestRetry     the longest pause between failed pages
 * @param unsupportedRetry how often a data proxy without a backfill is asked again
 * @param adjustEvery      how often the rate may grow back while the users' p95 is fine; it may be halved
 *                         every other one
 */
public record BackfillSettings(int rate, double p95LimitMillis, int minSamples, int maxPage, Duration firstRetry,
                               Duration longestRetry, Duration unsupportedRetry, Duration adjustEvery) {

    static final double DEFAULT_P95_LIMIT_MILLIS = 25;

    public static BackfillSettings withRate(int rate) {
        return new BackfillSettings(rate, DEFAULT_P95_LIMIT_MILLIS, 20, 50, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    public BackfillSettings {
        requireRate(rate);
    }

    static int requireRate(int notesPerSecond) {
        if (notesPerSecond < MIN_RATE || notesPerSecond > MAX_RATE) {
            throw new InvalidInputException("the backfill rate must be " + MIN_RATE + " to " + MAX_RATE
                    + " notes per second, not " + notesPerSecond);
        }
        return notesPerSecond;
    }
}
