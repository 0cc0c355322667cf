package dev.notely.app;

import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.GradeReport;
import dev.notely.app.grading.Grading;
import dev.notely.app.grading.StageInstaller;
import dev.notely.app.migration.VerifyCommand;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.notely.store.StoreException;
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
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of the kit: reads the flags, starts everything (see {@link Kit}) and shows the dashboard,
 * or runs headless. Quitting the dashboard, Ctrl+C and SIGTERM all stop the simulated users, the API
 * and every proxy, close the stores and exit 0.
 */
public final class Main {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(Main.class);
    /** The console appender's name in logback.xml. */
    private static final String CONSOLE_APPENDER = "STDERR";

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
        Optional<String> badSource = checkProxySource(options);
        if (badSource.isPresent()) {
            System.err.println("notely: --proxy-source: " + badSource.get());
            System.exit(2);
            return;
        }
        int exit = options.useStage().isPresent() ? useStage(options)
                : options.grade().isPresent() ? grade(options)
                : options.verify() ? verify(options)
                : run(options);
        // Exit explicitly: server threads would otherwise keep the JVM (or Maven's) running.
        System.exit(exit);
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

    private static int useStage(Options options) {
        KitPaths paths = KitPaths.resolve(options);
        return new StageInstaller(paths.root(), paths.dataDir().resolve("proxy-backups"))
                .install(options.useStage().orElseThrow(), System.out, System.err);
    }

    private static int grade(Options options) {
        KitPaths paths = KitPaths.resolve(options);
        return Grading.run(options.grade().orElseThrow(), paths.proxySource(options), paths.root(),
                options.json() ? GradeReport.json(System.out) : GradeReport.text(System.out));
    }

    /** {@code --verify}: the data folder's stores compared, without starting the kit. */
    static int verify(Options options) {
        return VerifyCommand.run(KitPaths.resolve(options).dataDir(), options.storeServers(), options.json(),
                System.out, System.err);
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
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE_APPENDER);
        if (console != null) {
            root.detachAppender(console); // log lines would scribble over the screen; the log page shows them
        }
        try {
            DashboardServices services = new DashboardServices(kit.stats, kit.accounts(),
                    account -> kit.deployments().router().countNotes(account.details()), kit.deployments(),
                    Optional.of(kit.backfill()), kit.verification(), kit.stages(), capture, kit.misses());
            new Dashboard(services, Theme.parse(options.theme())).run(screen);
        } finally {
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
