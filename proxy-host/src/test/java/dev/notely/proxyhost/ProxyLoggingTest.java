package dev.notely.proxyhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import dev.notely.wire.ProxyWire;
import org.junit.jupiter.api.Test;

/** A proxy JVM sets its logging up in code; any other JVM keeps its XML configuration. */
class ProxyLoggingTest {

    @Test
    void proxyLoggingFollowsTheLaunchersPropertiesAndStepsAsideElsewhere() {
        LoggerContext context = new LoggerContext();
        ProxyLogging logging = new ProxyLogging();
        logging.setContext(context);
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, logging.configure(context), "not a proxy JVM");
        System.setProperty(ProxyWire.LOG_PATTERN_PROPERTY, "%-5level %logger{0} - %msg%n");
        System.setProperty(ProxyWire.LOG_LEVEL_PROPERTY, "WARN");
        try {
            assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, logging.configure(context));
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertEquals(Level.WARN, root.getLevel());
            assertTrue(root.getAppender("STDERR").isStarted());
            assertEquals(Level.WARN, context.getLogger("io.undertow").getLevel());
            assertEquals(Level.WARN, context.getLogger("com.zaxxer.hikari").getLevel(), "the pool's start and stop lines");
        } finally {
            System.clearProperty(ProxyWire.LOG_PATTERN_PROPERTY);
            System.clearProperty(ProxyWire.LOG_LEVEL_PROPERTY);
            context.stop();
        }
    }
}
