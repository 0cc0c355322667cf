package dev.notely.app;

import dev.notely.api.Backfill;
import dev.notely.app.room.RoomJoin;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.loadgen.LoadSettings;
import dev.notely.room.JoinCode;
import dev.notely.room.RoomServer;
import dev.notely.store.StoreServers;
import dev.notely.wire.NetworkDelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The app's command line: every flag is declared once, here, as an annotated field that picocli parses,
 * checks and writes the usage text from; the rest of the app reads it through the accessors below.
 */
@Command(name = "notely", sortOptions = false, synopsisHeading = "", optionListHeading = "%n",
        customSynopsis = {"usage: mvn -q -pl app exec:java -Dexec.args=\"[flags]\"",
                "   or: java -cp ... dev.notely.app.Main [flags]"})
public final class Options {

    /**
     * The attendee's loop (SPEC §15).
     *
     * @param jsonFile     {@code --json FILE}: the JSON document goes to FILE instead of stdout
     * @param startWith    {@code --start-with STAGE}: that stage serves as v1, {@code proxy/} untouched
     */
    public record Loop(boolean watch, Optional<Integer> exercise, boolean deployOnSave, Optional<Path> jsonFile,
                       Optional<String> startWith, boolean restore) {
        public static final Loop DEFAULT = new Loop(true, Optional.empty(), false, Optional.empty(), Optional.empty(), false);
    }

    @Option(names = "--gen", arity = "0", description = "start simulated users")
    private boolean generateLoad;

    @Option(names = "--concurrency", paramLabel = "N", converter = FlagValues.Concurrency.class,
            description = "simulated accounts (default: ${DEFAULT-VALUE})")
    private int concurrency = LoadSettings.DEFAULT.concurrency();

    @Option(names = "--notes-per-account", paramLabel = "K", converter = FlagValues.NotesPerAccount.class,
            description = "notes each account keeps, roughly (default: ${DEFAULT-VALUE})")
    private int notesPerAccount = LoadSettings.DEFAULT.notesPerAccount();

    @Option(names = "--rpm", paramLabel = "R", converter = FlagValues.Rpm.class,
            description = "requests per minute per account (default: ${DEFAULT-VALUE})")
    private int rpm = LoadSettings.DEFAULT.rpm();

    @Option(names = "--signups-per-minute", paramLabel = "N", converter = FlagValues.SignupsPerMinute.class,
            description = "new simulated accounts signing up each minute while the kit runs, 0 for none"
                    + " (default: ${DEFAULT-VALUE})")
    private int signupsPerMinute = LoadGenerator.DEFAULT_SIGNUPS_PER_MINUTE;

    @Option(names = "--seed-notes", paramLabel = "N", converter = FlagValues.SeedNotes.class,
            description = "fill legacy at start with N notes in quiet accounts the users never touch, so a"
                    + " backfill has something to do (default: ${DEFAULT-VALUE})")
    private int seedNotes;

    @Option(names = "--headless", arity = "0",
            description = "no dashboard, logs to the terminal (default: automatic without a terminal)")
    private boolean headless;

    @Option(names = "--cli", arity = "0", description = "show the dashboard (the default when a terminal is attached)")
    private boolean cli; // nothing to do: says out loud what already happens in a terminal

    @Option(names = "--theme", paramLabel = "dark|light", converter = FlagValues.ThemeName.class,
            description = "dashboard colours, light for bright projectors (default: ${DEFAULT-VALUE})")
    private String theme = "dark";

    @Option(names = "--host", paramLabel = "HOST", converter = FlagValues.HostName.class,
            description = "address of the REST API (default: ${DEFAULT-VALUE})")
    private String host = "127.0.0.1";

    @Option(names = "--allowed-host", paramLabel = "NAME", converter = FlagValues.AllowedHost.class,
            description = "another name the REST API answers to besides localhost, 127.0.0.1, [::1] and --host,"
                    + " e.g. notely.test; repeatable")
    private List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", converter = FlagValues.PortNumber.class,
            description = "port of the REST API, 0 picks a free one (default: ${DEFAULT-VALUE})")
    private int port = 8080;

    @Option(names = "--log-level", paramLabel = "LEVEL", converter = FlagValues.LogLevel.class,
            description = "TRACE, DEBUG, INFO, WARN or ERROR (default: ${DEFAULT-VALUE})")
    private String logLevel = "INFO";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where the SQLite files live (default: .data/ in the kit folder)")
    private Path dataDir;

    @Option(names = "--store", paramLabel = "NAME=URL",
            description = "keep note store NAME (legacy, new or second) on a PostgreSQL server instead of in the data"
                    + " folder, e.g. new=jdbc:postgresql://127.0.0.1:5432/notely?user=kit&password=...; repeatable")
    private List<String> stores = new ArrayList<>();

    @Option(names = "--clean", arity = "0", description = "delete the kit's data files before starting")
    private boolean clean;

    @Option(names = "--proxy-source", paramLabel = "DIR",
            description = "deploy the DataProxy found under DIR (default: proxy/src/main/java)")
    private Path proxySource;

    @Option(names = "--rollout-wait", paramLabel = "DURATION", defaultValue = "30s", converter = FlagValues.RolloutWait.class,
            description = "how long old and new versions share traffic: 30s, 500ms, 2m or plain seconds"
                    + " (default: ${DEFAULT-VALUE})")
    private Duration rolloutWait;

    @Option(names = "--network-delay", paramLabel = "RANGE", converter = FlagValues.Delay.class,
            description = "simulated delay on each side of the proxy wire, e.g. 1-5ms, or 0 for none"
                    + " (default: ${DEFAULT-VALUE})")
    private NetworkDelay networkDelay = NetworkDelay.DEFAULT;

    @Option(names = "--backfill-rate", paramLabel = "N", converter = FlagValues.BackfillRate.class,
            description = "notes per second the backfill moves at most; + and - in the dashboard or POST /backfill"
                    + " change it live (default: ${DEFAULT-VALUE})")
    private int backfillRate = Backfill.DEFAULT_RATE;

    @Option(names = "--grade", paramLabel = "1|2|3", converter = FlagValues.Exercise.class,
            description = "grade the proxy sources against exercise 1, 2 or 3, then exit")
    private Integer grade;

    @Option(names = "--json", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "with --grade or --verify: write the results as JSON to FILE, or to stdout without one"
                    + " (--grade: Exercism's test-runner format)")
    private String json;

    @Option(names = "--no-watch", arity = "0",
            description = "do not compile and check the proxy sources on every save")
    private boolean noWatch;

    @Option(names = "--exercise", paramLabel = "1|2|3", converter = FlagValues.Exercise.class,
            description = "the exercise a save is checked against (default: the last one, remembered in the data"
                    + " folder, or 1)")
    private Integer exercise;

    @Option(names = "--deploy-on-save", arity = "0",
            description = "deploy every save that compiles (default: d deploys)")
    private boolean deployOnSave;

    @Option(names = "--start-with", paramLabel = "STAGE",
            description = "serve that stage's DataProxy as v1 while proxy/ stays as it is, e.g. exercise1-start")
    private String startWith;

    @Option(names = "--restore", arity = "0",
            description = "put the newest backup from .data/proxy-backups/ back into proxy/, then exit")
    private boolean restore;

    @Option(names = "--use-stage", paramLabel = "STAGE",
            description = "copy a stage's DataProxy into proxy/ (keeping a backup), then exit")
    private String useStage;

    @Option(names = "--verify", arity = "0",
            description = "compare the note stores in the data folder, then exit: 0 clean, 1 differences, 2 unreadable")
    private boolean verify;

    @Option(names = "--room", arity = "0",
            description = "run the instructor's room instead of a kit: a live page of every attendee's progress")
    private boolean room;

    @Option(names = "--room-port", paramLabel = "PORT", converter = FlagValues.PortNumber.class,
            description = "port of the room, on every interface of this machine (default: 7070)")
    private Integer roomPort;

    @Option(names = "--join", paramLabel = "HOST:PORT", converter = FlagValues.RoomAddress.class,
            description = "report this kit's progress to the instructor's room every 5 s (with --code and --name)")
    private String join;

    @Option(names = "--code", paramLabel = "CODE", converter = FlagValues.RoomCode.class,
            description = "with --join: the room's join code, 6 letters")
    private JoinCode code;

    @Option(names = "--name", paramLabel = "NAME", converter = FlagValues.AttendeeName.class,
            description = "with --join: your name as the room shows it, up to 40 characters")
    private String name;

    @Option(names = "--help", arity = "0", usageHelp = true, description = "show this list of flags and exit")
    private boolean help;

    /** The {@code --store} values, read as a whole once the flags are parsed. */
    private StoreServers storeServers;

    private Options() {
    }

    /**
     * @throws CommandLine.ParameterException for an unknown flag, a missing value, a flag given twice or a
     *                                        bad value, with one line naming the flag and the problem
     */
    public static Options parse(List<String> args) {
        Options options = new Options();
        CommandLine commandLine = commandLine(options);
        commandLine.parseArgs(args.toArray(String[]::new));
        if (options.json != null && options.grade == null && !options.verify) {
            throw new CommandLine.ParameterException(commandLine,
                    "--json goes with --grade or --verify: e.g. --grade 1 --json results.json");
        }
        if (options.verify && options.clean) {
            throw new CommandLine.ParameterException(commandLine,
                    "--verify reads the data as it is: leave out --clean");
        }
        options.checkRoomFlags(commandLine);
        try {
            options.storeServers = StoreServers.parse(options.stores);
        } catch (IllegalArgumentException e) {
            // Read as a whole, not value by value: a store given twice is a mistake too.
            String message = e.getMessage();
            throw new CommandLine.ParameterException(commandLine, message.startsWith("--store") ? message : "--store: " + message);
        }
        return options;
    }

    /** {@code --room} runs nothing but the room; {@code --join} needs its code and a name, and the two go together. */
    private void checkRoomFlags(CommandLine commandLine) {
        if (room && (join != null || grade != null || verify || useStage != null || generateLoad)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--room runs only the room: start it on its own, and the kit (with --join) in another terminal");
        }
        if (roomPort != null && !room) {
            throw new CommandLine.ParameterException(commandLine, "--room-port goes with --room: e.g. --room --room-port 7071");
        }
        if (join != null && (code == null || name == null)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--join needs the room's code and your name: --join HOST:PORT --code CODE --name NAME");
        }
        if (join == null && (code != null || name != null)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--code and --name go with --join: --join HOST:PORT --code CODE --name NAME");
        }
        if (join != null && (grade != null || verify || useStage != null)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--join goes with the running kit: leave out --grade, --verify and --use-stage");
        }
    }

    /** The usage text, written by picocli from the declaration. */
    static String usage() {
        return commandLine(new Options()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** The declaration as picocli reads it, for parsing, for the usage text and for tests. */
    static CommandLine commandLine(Options options) {
        return new CommandLine(options)
                .setExpandAtFiles(false) // an argument starting with @ is a value, not a file of arguments
                .setUsageHelpLongOptionsMaxWidth(24);
    }

    // ---- what the flags say, as the app reads it ------------------------------------------------

    public boolean help() {
        return help;
    }

    public boolean headless() {
        return headless;
    }

    public String theme() {
        return theme;
    }

    public String host() {
        return host;
    }

    public List<String> allowedHosts() {
        return List.copyOf(allowedHosts);
    }

    public int port() {
        return port;
    }

    public String logLevel() {
        return logLevel;
    }

    public boolean generateLoad() {
        return generateLoad;
    }

    public LoadSettings load() {
        return new LoadSettings(concurrency, notesPerAccount, rpm);
    }

    public int signupsPerMinute() {
        return signupsPerMinute;
    }

    public int seedNotes() {
        return seedNotes;
    }

    public boolean clean() {
        return clean;
    }

    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    public StoreServers storeServers() {
        return storeServers;
    }

    public Optional<Path> proxySource() {
        return Optional.ofNullable(proxySource);
    }

    public Duration rolloutWait() {
        return rolloutWait;
    }

    public NetworkDelay networkDelay() {
        return networkDelay;
    }

    public Optional<Integer> grade() {
        return Optional.ofNullable(grade);
    }

    public boolean json() {
        return json != null;
    }

    public Loop loop() {
        return new Loop(!noWatch, Optional.ofNullable(exercise), deployOnSave,
                json == null || json.isEmpty() ? Optional.empty() : Optional.of(Path.of(json)),
                Optional.ofNullable(startWith), restore);
    }

    public Optional<String> useStage() {
        return Optional.ofNullable(useStage);
    }

    public boolean verify() {
        return verify;
    }

    public int backfillRate() {
        return backfillRate;
    }

    public boolean room() {
        return room;
    }

    public int roomPort() {
        return roomPort == null ? RoomServer.DEFAULT_PORT : roomPort;
    }

    public Optional<RoomJoin> join() {
        return join == null ? Optional.empty() : Optional.of(new RoomJoin(join, code, name));
    }

    /** Every flag's value, by its name: two command lines that say the same are equal. */
    private Map<String, Object> values() {
        Map<String, Object> values = new TreeMap<>();
        for (OptionSpec option : commandLine(this).getCommandSpec().options()) {
            values.put(option.longestName(), option.getValue());
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Options o && values().equals(o.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "Options" + values();
    }
}
