package dev.notely.api;

/** How far the rollout wait has come. */
public record RolloutProgress(long elapsedSeconds, long totalSeconds) {

    /** Seconds until the previous version is stopped. */
    public long secondsLeft() {
        return Math.max(0, totalSeconds - elapsedSeconds);
    }

    /** Completed fraction, 0 to 1. */
    public double fraction() {
        return totalSeconds <= 0 ? 1.0 : Math.min(1.0, (double) elapsedSeconds / totalSeconds);
    }
}
