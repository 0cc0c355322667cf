package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.notely.telemetry.LogCapture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** With the {@code access} logger at DEBUG every request is one line; below DEBUG, none. */
class AccessLogTest {

    @TempDir
    Path dir;
    private RestFixture api;
    private Logger access;
    private LogCapture capture;
    private final Semaphore written = new Semaphore(0);

    @BeforeEach
    void start() {
        api = new RestFixture(dir);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        access = context.getLogger(AccessLogHandler.LOGGER);
        capture = new LogCapture(100, "%level %logger %msg%n");
        capture.setContext(context);
        capture.start();
        capture.addListener(line -> written.release());
        access.addAppender(capture);
    }

    @AfterEach
    void stop() {
        access.detachAppender(capture);
        capture.stop();
        access.setLevel(null);
        api.close();
    }

    @Test
    void eachRequestIsOneDebugLineOnTheAccessLogger() throws InterruptedException {
        access.setLevel(Level.INFO);
        api.get("/accounts?quiet");
        access.setLevel(Level.DEBUG);
        String account = api.send("POST", "/accounts", "{\"name\":\"Ada\"}").json().getAsJsonObject().get("id").getAsString();
        api.get("/accounts/" + account + "/notes?x=1");
        api.get("/nowhere");

        // A line is written once its answer is complete, which may be just after the client has it.
        assertTrue(written.tryAcquire(3, 10, TimeUnit.SECONDS), "three access lines: " + capture.lines());
        List<String> lines = capture.lines();
        assertEquals(3, lines.size(), "none for the request made while DEBUG was off: " + lines);
        String created = line(lines, "\"POST /accounts\"");
        assertTrue(created.matches("DEBUG access 127\\.0\\.0\\.1 \"POST /accounts\" 201 \\d+ B \\d+\\.\\d ms"), created);
        assertTrue(line(lines, "\"GET /accounts/" + account + "/notes?x=1\" 200 ").startsWith("DEBUG access "), lines.toString());
        assertTrue(line(lines, "\"GET /nowhere\" 404 ").startsWith("DEBUG access "), lines.toString());
        assertFalse(String.join("\n", lines).contains("quiet"), lines.toString());
    }

    private static String line(List<String> lines, String part) {
        return lines.stream().filter(l -> l.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no access line with " + part + " in " + lines));
    }
}
