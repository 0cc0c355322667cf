package dev.notely.app;

import dev.notely.api.Backfill;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.loadgen.LoadSettings;
import dev.notely.store.StoreServers;
import dev.notely.wire.NetworkDelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The app's command line as the rest of the app reads it. Every flag is declared once, in {@link Flags}:
 * that declaration is what parses and checks the arguments and what writes the usage text.
 */
public record Options(
        boolean help,
        boolean headless,
        String theme,
        String host,
        int port,
        String logLevel,
        boolean generateLoad,
        LoadSettings load,
        boolean clean,
        Optional<Path> dataDir,
        StoreServers storeServers,
        Optional<Path> proxySource,
        Duration rolloutWait,
        NetworkDelay networkDelay,
        Optional<Integer> grade,
        boolean json,
        Optional<String> useStage,
        boolean verify,
        int backfillRate,
        int signupsPerMinute,
        int seedNotes) {

    private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    /**
     * @throws CommandLine.ParameterException for an unknown flag, a missing value, a flag given twice or a
     *                                        bad value, with one line naming the flag and the problem
     */
    public static Options parse(List<String> args) {
        Flags flags = new Flags();
        CommandLine commandLine = commandLine(flags);
        commandLine.parseArgs(args.toArray(String[]::new));
        if (flags.json && flags.grade == null && !flags.verify) {
            throw new CommandLine.ParameterException(commandLine,
                    "--json goes with --grade or --verify: e.g. --grade 1 --json");
        }
        if (flags.verify && flags.clean) {
            throw new CommandLine.ParameterException(commandLine,
                    "--verify reads the data as it is: leave out --clean");
        }
        StoreServers servers;
        try {
            servers = StoreServers.parse(flags.stores);
        } catch (IllegalArgumentException e) {
            // Read as a whole, not value by value: a store given twice is a mistake too.
            String message = e.getMessage();
            throw new CommandLine.ParameterException(commandLine, message.startsWith("--store") ? message : "--store: " + message);
        }
        return flags.options(servers);
    }

    /** The usage text, written by picocli from the declaration. */
    static String usage() {
        return commandLine(new Flags()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The declaration as picocli reads it, for parsing, for the usage text and for tests. */
    static CommandLine commandLine(Flags flags) {
        return new CommandLine(flags)
                .setExpandAtFiles(false) // an argument starting with @ is a value, not a file of arguments
                .setUsageHelpLongOptionsMaxWidth(24);
    }

    /** The flags: names, values, defaults, checks and descriptions in one place. */
    @Command(name = "notely", sortOptions = false, synopsisHeading = "", optionListHeading = "%n",
            customSynopsis = {"usage: mvn -q -pl app exec:java -Dexec.args=\"[flags]\"",
                    "   or: java -cp ... dev.notely.app.Main [flags]"})
    static final class Flags {

        @Option(names = "--gen", arity = "0", description = "start simulated users")
        boolean generateLoad;

        @Option(names = "--concurrency", paramLabel = "N", converter = Concurrency.class,
                description = "simulated accounts (default: ${DEFAULT-VALUE})")
        int concurrency = LoadSettings.DEFAULT.concurrency();

        @Option(names = "--notes-per-account", paramLabel = "K", converter = NotesPerAccount.class,
                description = "notes each account keeps, roughly (default: ${DEFAULT-VALUE})")
        int notesPerAccount = LoadSettings.DEFAULT.notesPerAccount();

        @Option(names = "--rpm", paramLabel = "R", converter = Rpm.class,
                description = "requests per minute per account (default: ${DEFAULT-VALUE})")
        int rpm = LoadSettings.DEFAULT.rpm();

        @Option(names = "--signups-per-minute", paramLabel = "N", converter = SignupsPerMinute.class,
                description = "new simulated accounts signing up each minute while the kit runs, 0 for none"
                        + " (default: ${DEFAULT-VALUE})")
        int signupsPerMinute = LoadGenerator.DEFAULT_SIGNUPS_PER_MINUTE;

        @Option(names = "--seed-notes", paramLabel = "N", converter = SeedNotes.class,
                description = "fill legacy at start with N notes in quiet accounts the users never touch, so a"
                        + " backfill has something to do (default: ${DEFAULT-VALUE})")
        int seedNotes;

        @Option(names = "--headless", arity = "0",
                description = "no dashboard, logs to the terminal (default: automatic without a terminal)")
        boolean headless;

        @Option(names = "--cli", arity = "0", description = "show the dashboard (the default when a terminal is attached)")
        boolean cli; // nothing to do: says out loud what already happens in a terminal

        @Option(names = "--theme", paramLabel = "dark|light", converter = ThemeName.class,
                description = "dashboard colours, light for bright projectors (default: ${DEFAULT-VALUE})")
        String theme = "dark";

        @Option(names = "--host", paramLabel = "HOST", converter = HostName.class,
                description = "address of the REST API (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";

        @Option(names = "--port", paramLabel = "PORT", converter = PortNumber.class,
                description = "port of the REST API, 0 picks a free one (default: ${DEFAULT-VALUE})")
        int port = 8080;

        @Option(names = "--log-level", paramLabel = "LEVEL", converter = LogLevel.class,
                description = "TRACE, DEBUG, INFO, WARN or ERROR (default: ${DEFAULT-VALUE})")
        String logLevel = "INFO";

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "where the SQLite files live (default: .data/ in the kit folder)")
        Path dataDir;

        @Option(names = "--store", paramLabel = "NAME=URL",
                description = "keep note store NAME (legacy, new or second) on a PostgreSQL server instead of in the data"
                        + " folder, e.g. new=jdbc:postgresql://127.0.0.1:5432/notely?user=kit&password=...; repeatable")
        List<String> stores = new ArrayList<>();

        @Option(names = "--clean", arity = "0", description = "delete the kit's data files before starting")
        boolean clean;

        @Option(names = "--proxy-source", paramLabel = "DIR",
                description = "deploy the DataProxy found under DIR (default: proxy/src/main/java)")
        Path proxySource;

        @Option(names = "--rollout-wait", paramLabel = "DURATION", defaultValue = "30s", converter = RolloutWait.class,
                description = "how long old and new versions share traffic: 30s, 500ms, 2m or plain seconds"
                        + " (default: ${DEFAULT-VALUE})")
        Duration rolloutWait;

        @Option(names = "--network-delay", paramLabel = "RANGE", converter = Delay.class,
                description = "simulated delay on each side of the proxy wire, e.g. 1-5ms, or 0 for none"
                        + " (default: ${DEFAULT-VALUE})")
        NetworkDelay networkDelay = NetworkDelay.DEFAULT;

        @Option(names = "--backfill-rate", paramLabel = "N", converter = BackfillRate.class,
                description = "notes per second the backfill moves at most; + and - in the dashboard or POST /backfill"
                        + " change it live (default: ${DEFAULT-VALUE})")
        int backfillRate = Backfill.DEFAULT_RATE;

        @Option(names = "--grade", paramLabel = "1|2|3", converter = Exercise.class,
                description = "grade the proxy sources against exercise 1, 2 or 3, then exit")
        Integer grade;

        @Option(names = "--json", arity = "0",
                description = "with --grade or --verify: write the results as JSON to stdout (--grade: Exercism's "
                        + "test-runner format)")
        boolean json;

        @Option(names = "--use-stage", paramLabel = "STAGE",
                description = "copy a stage's DataProxy into proxy/ (keeping a backup), then exit")
        String useStage;

        @Option(names = "--verify", arity = "0",
                description = "compare the note stores in the data folder, then exit: 0 clean, 1 differences, 2 unreadable")
        boolean verify;

        @Option(names = "--help", arity = "0", usageHelp = true, description = "show this list of flags and exit")
        boolean help;

        Options options(StoreServers servers) {
            return new Options(help, headless, theme, host, port, logLevel, generateLoad,
                    new LoadSettings(concurrency, notesPerAccount, rpm), clean, Optional.ofNullable(dataDir), servers,
                    Optional.ofNullable(proxySource), rolloutWait, networkDelay, Optional.ofNullable(grade),
                    json, Optional.ofNullable(useStage), verify, backfillRate, signupsPerMinute, seedNotes);
        }
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

    static final class BackfillRate extends WholeNumber {
        BackfillRate() {
            super(Backfill.MIN_RATE, Backfill.MAX_RATE);
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

    static final class RolloutWait implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return read(text, Durations::parse);
        }
    }

    static final class Delay implements ITypeConverter<NetworkDelay> {
        @Override
        public NetworkDelay convert(String text) {
            return read(text, NetworkDelay::parse);
        }
    }
}
