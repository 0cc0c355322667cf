package dev.notely.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.notely.proxyhost.ProxyLogging;
import dev.notely.wire.ProxyWire;

/**
 * The app's logging, set up in code as its proxies' is: reading an XML file is class loading and parsing
 * that every start waits for. It steps aside for a {@code logback-test.xml} (the tests'), a file named with
 * {@code -Dlogback.configurationFile}, and in a proxy process, which {@link ProxyLogging} sets up.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class KitLogging extends ContextAwareBase implements Configurator {

    /** Time, level, class and message: the dashboard's log page shows the same lines. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ProxyWire.LOG_PATTERN_PROPERTY) != null
                || System.getProperty("logback.configurationFile") != null
                || KitLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ProxyLogging.install(context, PATTERN, Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
