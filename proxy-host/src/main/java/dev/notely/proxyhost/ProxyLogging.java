package dev.notely.proxyhost;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.notely.wire.ProxyWire;
import java.util.List;

/**
 * Logging of a data-proxy process, set up in code: reading logback.xml costs a proxy JVM about a
 * sixth of its start-up, and every deployment waits for that. The app marks its proxies with
 * {@value #PATTERN_PROPERTY}; in any other JVM (the app, the tests) this steps aside for the XML files.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ProxyLogging extends ContextAwareBase implements Configurator {

    /** The line pattern; the app reads each line's level from its start. */
    private static final String PATTERN_PROPERTY = ProxyWire.LOG_PATTERN_PROPERTY;
    private static final String LEVEL_PROPERTY = ProxyWire.LOG_LEVEL_PROPERTY;
    /** The name of the console appender {@link #install} adds. */
    public static final String CONSOLE_APPENDER = "STDERR";
    static final List<String> QUIET = List.of("org.xnio", "io.undertow", "org.jboss", "org.jdbi", "com.zaxxer.hikari");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String pattern = System.getProperty(PATTERN_PROPERTY);
        if (pattern == null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        install(context, pattern, Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * The kit's console logging, the same in the app and its proxies: lines in {@code pattern} on stderr
     * (an appender named {@value #CONSOLE_APPENDER}), the root at {@code level}, the libraries' chatter at WARN.
     */
    public static void install(LoggerContext context, String pattern, Level level) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(CONSOLE_APPENDER);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(stderr);
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
    }
}
