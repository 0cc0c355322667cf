package dev.notely.app;

import dev.notely.api.Backfill;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.api.rest.AllowedHosts;
import dev.notely.app.room.RoomJoin;
import dev.notely.room.JoinCode;
import dev.notely.room.Progress;
import dev.notely.wire.NetworkDelay;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How {@link Options} reads each flag's value: picocli makes a converter from its class, so each kind of
 * value (and each range of numbers) is a class here. A bad value becomes picocli's "invalid value" in the
 * reader's own words.
 */
final class FlagValues {

    static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private FlagValues() {
    }

    /** Turns a reader's {@link IllegalArgumentException} into picocli's "invalid value", in the reader's words. */
    private static <T> T read(String text, Function<String, T> reader) {
        try {
            return reader.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** A whole number in {@code [min, max]}; picocli makes converters from their class, so each range is a class. */
    private abstract static class WholeNumber implements ITypeConverter<Integer> {
        private final int min;
        private final int max;

        WholeNumber(int min, int max) {
            this.min = min;
            this.max = max;
        }

        @Override
        public Integer convert(String text) {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a whole number");
            }
            if (value < min || value > max) {
                throw new TypeConversionException(value + " is outside " + min + ".." + max);
            }
            return value;
        }
    }

    static final class PortNumber extends WholeNumber {
        PortNumber() {
            super(0, 65_535);
        }
    }

    static final class Concurrency extends WholeNumber {
        Concurrency() {
            super(1, 5_000);
        }
    }

    static final class NotesPerAccount extends WholeNumber {
        NotesPerAccount() {
            super(1, 1_000);
        }
    }

    static final class Rpm extends WholeNumber {
        Rpm() {
            super(1, 6_000);
        }
    }

    static final class BackfillRate extends WholeNumber {
        BackfillRate() {
            super(Backfill.MIN_RATE, Backfill.MAX_RATE);
        }
    }

    static final class SignupsPerMinute extends WholeNumber {
        SignupsPerMinute() {
            super(0, LoadGenerator.MAX_SIGNUPS_PER_MINUTE);
        }
    }

    static final class SeedNotes extends WholeNumber {
        SeedNotes() {
            super(0, Seeding.MAX_NOTES);
        }
    }

    static final class Exercise extends WholeNumber {
        Exercise() {
            super(1, 3);
        }
    }

    static final class ThemeName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            String theme = text.toLowerCase(Locale.ROOT);
            if (!theme.equals("dark") && !theme.equals("light")) {
                throw new TypeConversionException("'" + text + "' is not a theme: use dark or light");
            }
            return theme;
        }
    }

    static final class LogLevel implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            String level = text.toUpperCase(Locale.ROOT);
            if (!LOG_LEVELS.contains(level)) {
                throw new TypeConversionException("'" + text + "' is not a level: use one of " + String.join(", ", LOG_LEVELS));
            }
            return level;
        }
    }

    static final class HostName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            if (text.isBlank()) {
                throw new TypeConversionException("the host must not be empty");
            }
            return text;
        }
    }

    /** A host name the API may be addressed by (SPEC §17): checked as the API will check requests' Host. */
    static final class AllowedHost implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            read(text, name -> AllowedHosts.of("127.0.0.1", List.of(name)));
            return text.trim();
        }
    }

    static final class RolloutWait implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return read(text, Durations::parse);
        }
    }

    /** {@code HOST:PORT}, as the instructor reads it out. */
    static final class RoomAddress implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return read(text, RoomJoin::checkAddress);
        }
    }

    static final class RoomCode implements ITypeConverter<JoinCode> {
        @Override
        public JoinCode convert(String text) {
            return read(text, JoinCode::new);
        }
    }

    static final class AttendeeName implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return read(text, Progress::checkName);
        }
    }

    static final class Delay implements ITypeConverter<NetworkDelay> {
        @Override
        public NetworkDelay convert(String text) {
            return read(text, NetworkDelay::parse);
        }
    }
}
