package dev.notely.telemetry;

import java.time.Duration;
import java.util.Optional;

/**
 * How recent the consistency misses are, so misses still being made can be told from old ones.
 *
 * @param perMinute misses in the last minute
 * @param sinceLast time since the latest miss; empty when none was seen (since the last reset)
 */
public record MissActivity(long perMinute, Optional<Duration> sinceLast) {

    public static final MissActivity NONE = new MissActivity(0, Optional.empty());
}
