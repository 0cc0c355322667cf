package dev.notely.app;

import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.BackupRestorer;
import dev.notely.app.grading.GradeRecord;
import dev.notely.app.grading.GradeReport;
import dev.notely.app.grading.Grading;
import dev.notely.app.grading.StageInstaller;
import dev.notely.app.migration.VerifyCommand;
import dev.notely.app.room.RoomLauncher;
import dev.notely.app.room.RoomText;
import dev.notely.room.JoinCode;
import dev.notely.room.RoomServer;
import dev.notely.room.RoomSettings;
import java.time.Clock;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.notely.proxyhost.ProxyLogging;
import dev.notely.store.StoreException;
import dev.notely.store.postgres.StorePasswords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import com.googlecode.lanterna.screen.Screen;
import dev.notely.telemetry.LogCapture;
import dev.notely.tui.Dashboard;
import dev.notely.tui.DashboardServices;
import dev.notely.tui.TerminalChoice;
import dev.notely.tui.Theme;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of the kit: reads the flags, starts everything (see {@link Kit}) and shows the dashboard,
 * or runs headless. Quitting the dashboard, Ctrl+C and SIGTERM all stop the simulated users, the API
 * and every proxy, close the stores and exit 0.
 */
public final class Main {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (CommandLine.ParameterException e) {
            System.err.println("notely: " + e.getMessage());
            System.err.print(Options.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.usage());
            return;
        }
        setLogLevel(options.logLevel());
        warnOfPasswordsInArguments(options);
        Optional<String> badSource = checkProxySource(options);
        if (badSource.isPresent()) {
            System.err.println("notely: --proxy-source: " + badSource.get());
            System.exit(2);
            return;
        }
        Optional<String> badStage = options.loop().startWith().filter(stage -> !StageInstaller.stages().contains(stage));
        if (badStage.isPresent()) {
            System.err.println("notely: --start-with: '" + badStage.get() + "' is not a stage; use one of "
                    + String.join(", ", StageInstaller.stages()));
            System.exit(2);
            return;
        }
        int exit = options.room() ? room(options)
                : options.useStage().isPresent() ? useStage(options)
                : options.loop().restore() ? restore(options)
                : options.grade().isPresent() ? grade(options)
                : options.verify() ? verify(options)
                : run(options);
        // Exit explicitly: server threads would otherwise keep the JVM (or Maven's) running.
        System.exit(exit);
    }

    /** Once: a password in {@code --store} works, but any user of this machine can read it in the process list. */
    static void warnOfPasswordsInArguments(Options options) {
        options.storeServers().urls().entrySet().stream()
                .filter(store -> StorePasswords.hasPassword(store.getValue()))
                .map(store -> StorePasswords.variable(store.getKey()))
                .reduce((a, b) -> a + " / " + b)
                .ifPresent(variables -> log.warn("a password in --store is visible to every user of this machine "
                        + "(ps): leave it out of the URL and put it in {} or ~/.pgpass instead", variables));
    }

    /** A {@code --proxy-source} given by hand must hold a DataProxy: a typo stops the kit instead of running it with nothing deployed. */
    static Optional<String> checkProxySource(Options options) {
        if (options.proxySource().isEmpty()) {
            return Optional.empty();
        }
        Path source = KitPaths.resolve(options).proxySource(options);
        if (!Files.isRegularFile(source.resolve(ProxyCompiler.ROUTER_SOURCE))) {
            return Optional.of(source + " holds no " + ProxyCompiler.ROUTER_SOURCE
                    + "; give the src/main/java folder of a stage, e.g. exercises/exercise1-complete/src/main/java");
        }
        return Optional.empty();
    }

    /**
     * {@code --room}: the instructor's room, on every interface, until Ctrl+C. Prints the page's address and
     * the line attendees start their kit with.
     */
    static int room(Options options) {
        if (!RoomLauncher.inRoomJvm()) {
            return RoomLauncher.run(Main.class.getName(), List.of("--room", "--room-port", String.valueOf(options.roomPort()),
                    "--log-level", options.logLevel()));
        }
        RoomLauncher.endWithParent();
        RoomServer room;
        try {
            room = RoomServer.start("0.0.0.0", options.roomPort(), JoinCode.random(), RoomSettings.DEFAULT,
                    Clock.systemUTC());
        } catch (IllegalStateException e) {
            System.err.println("notely: " + e.getMessage());
            return 1;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            room.close();
            System.out.println("room closed; it kept nothing");
            System.out.flush();
            closed.countDown();
        }, "room-shutdown"));
        System.out.print(RoomText.joinLines(RoomServer.lanAddresses(), room.port(), room.code()));
        System.out.flush();
        try {
            closed.await(); // until Ctrl+C or SIGTERM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static int useStage(Options options) {
        KitPaths paths = KitPaths.resolve(options);
        return new StageInstaller(paths.root(), paths.dataDir().resolve("proxy-backups"))
                .install(options.useStage().orElseThrow(), System.out, System.err);
    }

    private static int restore(Options options) {
        KitPaths paths = KitPaths.resolve(options);
        return new BackupRestorer(paths.root(), paths.dataDir().resolve("proxy-backups")).restore(System.out, System.err);
    }

    private static int grade(Options options) {
        KitPaths paths = KitPaths.resolve(options);
        int exercise = options.grade().orElseThrow();
        // Kept in the data folder, so a kit that joined a room (--join) can report how far its attendee is.
        return toJsonFile(options, out -> Grading.run(exercise, paths.proxySource(options), paths.root(),
                GradeRecord.recording(exercise, paths.dataDir(), options.json() ? GradeReport.json(out) : GradeReport.text(out))));
    }

    /** {@code --verify}: the data folder's stores compared, without starting the kit. */
    static int verify(Options options) {
        return toJsonFile(options, out -> VerifyCommand.run(KitPaths.resolve(options).dataDir(), options.storeServers(),
                options.json(), out, System.err));
    }

    /**
     * Runs {@code command} writing to {@code --json FILE} when one is given (Maven writes its own bytes
     * around a program's stdout, so a script cannot take JSON from there), else to stdout.
     */
    static int toJsonFile(Options options, java.util.function.ToIntFunction<PrintStream> command) {
        Optional<Path> file = options.loop().jsonFile();
        if (file.isEmpty()) {
            return command.applyAsInt(System.out);
        }
        Path target = file.get().toAbsolutePath();
        // Written once the command is done, and only if it had something to write: a script never finds half a
        // document, nor an empty file where the error went to stderr.
        java.io.ByteArrayOutputStream document = new java.io.ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(document, true, StandardCharsets.UTF_8)) {
            exit = command.applyAsInt(out);
        }
        if (document.size() == 0) {
            return exit;
        }
        try {
            Files.write(target, document.toByteArray());
        } catch (IOException e) {
            System.err.println("notely: --json: cannot write " + target + ": " + e.getMessage());
            return 2;
        }
        System.out.println("wrote " + target + (exit == 0 ? "" : " (exit " + exit + ")"));
        return exit;
    }

    static int run(Options options) {
        TerminalChoice where = TerminalChoice.decide(TerminalChoice.Environment.current());
        LogCapture capture = LogCapture.attachToRoot(); // from the start, so the log page has it all
        AtomicInteger exitCode = new AtomicInteger();
        AtomicBoolean stopRequested = new AtomicBoolean(); // by a signal, or by the app on its way out
        Kit kit;
        try {
            kit = Kit.prepare(options);
            // Before anything starts: a Ctrl+C or SIGTERM during start-up stops whatever is up by then.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopRequested.set(true);
                kit.close();
                System.out.flush();
                System.err.flush();
                // Ctrl+C and SIGTERM would otherwise end the JVM with 130/143; a clean stop is a clean exit.
                Runtime.getRuntime().halt(exitCode.get());
            }, "notely-shutdown"));
            kit.begin(options);
        } catch (RuntimeException | Error e) {
            if (stopRequested.get()) {
                return 0; // stopped while starting: what failed is the stopping, not the kit
            }
            if (e instanceof IllegalStateException || e instanceof StoreException) {
                log.error("cannot start: {}", e.getMessage());
            } else {
                log.error("cannot start: {}", e.toString(), e);
            }
            exitCode.set(1);
            return 1;
        }
        if (!options.headless() && where.kind() != TerminalChoice.Kind.NONE && showDashboard(kit, capture, options, where)) {
            kit.close();
            return 0;
        }
        log.info(options.headless() ? "running headless (--headless): press Ctrl+C to stop"
                : where.kind() == TerminalChoice.Kind.NONE ? "no dashboard: " + where.reason()
                + "; running headless, press Ctrl+C or send SIGTERM to stop"
                : "running headless; press Ctrl+C or send SIGTERM to stop");
        try {
            new CountDownLatch(1).await(); // until a signal runs the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kit.close();
        return 0;
    }

    /** Runs the dashboard until the user quits; false when no screen could be opened. */
    private static boolean showDashboard(Kit kit, LogCapture capture, Options options, TerminalChoice where) {
        Screen screen;
        try {
            screen = Dashboard.openScreen(where);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot open the dashboard in {} ({}); running headless. On Windows, WSL or Git Bash runs it "
                    + "in the terminal", where.reason(), e.getMessage());
            return false;
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender(ProxyLogging.CONSOLE_APPENDER);
        if (console != null) {
            root.detachAppender(console); // log lines would scribble over the screen; the log page shows them
        }
        kit.checkSourcesNow();
        try {
            DashboardServices services = DashboardServices.of(kit.stats, kit.accounts(),
                    account -> kit.deployments().router().countNotes(account.details()), kit.deployments(), capture)
                    .withBackfill(kit.backfill()).withVerification(kit.verification()).withStages(kit.stages())
                    .withFaults(kit.faults()).withChecks(kit.checks()).withMisses(kit.misses());
            Dashboard dashboard = new Dashboard(services, Theme.parse(options.theme()));
            kit.room().ifPresent(room -> room.tellVia(message -> {
                log.warn("{}", message);
                dashboard.notice(message);
            }));
            dashboard.run(screen);
        } finally {
            kit.room().ifPresent(room -> room.tellVia(message -> log.warn("{}", message)));
            try {
                screen.stopScreen();
            } catch (IOException | RuntimeException e) {
                System.err.println("could not restore the terminal: " + e.getMessage() + " (try: reset)");
            }
            if (console != null) {
                root.addAppender(console);
            }
        }
        return true;
    }

    static void setLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
