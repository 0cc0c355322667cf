package dev.notely.tui;

import java.time.Duration;
import java.util.Locale;

/** Numbers and durations as the dashboard writes them. */
final class Format {

    private Format() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String rate(double perMinute) {
        return String.format(Locale.ROOT, "%,.0f", perMinute);
    }

    /** "12 s", "4 min", "2 h": how long ago something happened, to the unit a person reads. */
    static String ago(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        return s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    /** "42 s", "3 min 20 s", "2 h 5 min": a time still to go, to the units a person reads. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }
}
