package dev.notely.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.notely.store.StoreException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the kit: reads the flags, starts everything (see {@link Kit}) and shows the dashboard,
 * or runs headless. Quitting the dashboard, Ctrl+C and SIGTERM all stop the simulated users, the API
 * and every proxy, close the stores and exit 0.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (Flags.UsageException e) {
            System.err.println("notely: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        setLogLevel(options.logLevel());
        int exit = options.useStage().isPresent() ? useStage(options)
                : options.grade().isPresent() ? grade(options)
                : run(options);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    private static int useStage(Options options) {
        KitPaths paths = KitPaths.resolve(options);
        return new StageInstaller(paths.root(), paths.dataDir().resolve("proxy-backups"))
                .install(options.useStage().orElseThrow(), System.out, System.err);
    }

    private static int grade(Options options) {
        KitPaths paths = KitPaths.resolve(options);
        return Grading.run(options.grade().orElseThrow(), paths.proxySource(options), paths.root(), System.out);
    }

    static int run(Options options) {
        Kit kit;
        try {
            kit = Kit.start(options);
        } catch (IllegalStateException | StoreException e) {
            log.error("cannot start: {}", e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kit.close();
            System.out.flush();
            System.err.flush();
            // Ctrl+C and SIGTERM would otherwise end the JVM with 130/143; a clean stop is a clean exit.
            Runtime.getRuntime().halt(0);
        }, "notely-shutdown"));
        log.info(options.headless() ? "running headless (--headless): press Ctrl+C to stop"
                : "no terminal attached: running headless; press Ctrl+C or send SIGTERM to stop");
        try {
            new CountDownLatch(1).await(); // until a signal runs the shutdown hook
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kit.close();
        return 0;
    }

    static void setLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
        }
    }
}
