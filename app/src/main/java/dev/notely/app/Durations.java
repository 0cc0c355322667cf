package dev.notely.app;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them: {@code 30s}, {@code 500ms}, {@code 2m}, or plain seconds. */
final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m)?");

    private Durations() {
    }

    /** @throws IllegalArgumentException saying which forms are accepted */
    static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: use e.g. 30s, 500ms, 2m or 30");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(Math.min(amount, 1_000_000));
            default -> Duration.ofSeconds(amount);
        };
        if (d.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than a day");
        }
        return d;
    }
}
