package dev.notely.app;

import dev.notely.wire.NetworkDelay;
import dev.notely.loadgen.LoadSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The app's command line, read and checked in one place. */
record Options(
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
        Optional<Path> proxySource,
        Duration rolloutWait,
        NetworkDelay networkDelay,
        Optional<Integer> grade,
        Optional<String> useStage) {

    static final Set<String> SWITCHES = Set.of("help", "headless", "cli", "gen", "clean");
    static final Set<String> VALUED = Set.of("theme", "host", "port", "log-level", "concurrency",
            "notes-per-account", "rpm", "data-dir", "proxy-source", "rollout-wait", "network-delay", "grade",
            "use-stage");
    static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    static final String USAGE = """
            usage: mvn -q -pl app exec:java -Dexec.args="[flags]"   (or: java -cp ... dev.notely.app.Main [flags])

              --gen                      start simulated users
              --concurrency N            simulated accounts (default 5)
              --notes-per-account K      notes each account keeps (default 3)
              --rpm R                    requests per minute per account (default 60)
              --headless                 no dashboard, logs to the terminal (automatic without a terminal)
              --cli                      show the dashboard (the default when a terminal is attached)
              --theme dark|light         dashboard colours (default dark)
              --host HOST                address of the REST API (default 127.0.0.1)
              --port PORT                port of the REST API (default 8080; 0 picks a free one)
              --log-level LEVEL          TRACE, DEBUG, INFO, WARN or ERROR (default INFO)
              --data-dir DIR             where the SQLite files live (default .data/ in the kit folder)
              --clean                    delete the kit's data files before starting
              --proxy-source DIR         deploy the DataProxy found under DIR (default proxy/src/main/java)
              --rollout-wait DURATION    how long old and new versions share traffic (default 30s)
              --network-delay RANGE      simulated delay on the proxy wire, e.g. 1-5ms (default) or 0
              --grade 1|2                grade the proxy sources against exercise 1 or 2, then exit
              --use-stage STAGE          copy a stage's DataProxy into proxy/ (keeping a backup), then exit
              --help                     this text
            """;

    /** @throws Flags.UsageException with one line saying what is wrong */
    static Options parse(List<String> args) {
        Flags f = Flags.parse(args, SWITCHES, VALUED);
        String theme = f.get("theme", t -> {
            String v = t.toLowerCase(Locale.ROOT);
            if (!v.equals("dark") && !v.equals("light")) {
                throw new IllegalArgumentException("'" + t + "' is not a theme: use dark or light");
            }
            return v;
        }, "dark");
        String logLevel = f.get("log-level", l -> {
            String v = l.toUpperCase(Locale.ROOT);
            if (!LOG_LEVELS.contains(v)) {
                throw new IllegalArgumentException("'" + l + "' is not a level: use one of " + String.join(", ", LOG_LEVELS));
            }
            return v;
        }, "INFO");
        String host = f.get("host", h -> {
            if (h.isBlank()) {
                throw new IllegalArgumentException("the host must not be empty");
            }
            return h;
        }, "127.0.0.1");
        LoadSettings defaults = LoadSettings.DEFAULT;
        LoadSettings load;
        try {
            load = new LoadSettings(
                    f.get("concurrency", Flags.intIn(1, 5_000), defaults.concurrency()),
                    f.get("notes-per-account", Flags.intIn(1, 1_000), defaults.notesPerAccount()),
                    f.get("rpm", Flags.intIn(1, 6_000), defaults.rpm()));
        } catch (IllegalArgumentException e) {
            throw new Flags.UsageException(e.getMessage());
        }
        Optional<Integer> grade = Optional.ofNullable(f.get("grade", Flags.intIn(1, 2), null));
        return new Options(
                f.has("help"),
                f.has("headless"),
                theme,
                host,
                f.get("port", Flags.intIn(0, 65_535), 8080),
                logLevel,
                f.has("gen"),
                load,
                f.has("clean"),
                Optional.ofNullable(f.get("data-dir", Path::of, null)),
                Optional.ofNullable(f.get("proxy-source", Path::of, null)),
                f.get("rollout-wait", Durations::parse, Duration.ofSeconds(30)),
                f.get("network-delay", NetworkDelay::parse, NetworkDelay.DEFAULT),
                grade,
                f.get("use-stage"));
    }
}
