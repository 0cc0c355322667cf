package dev.notely.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    private static final Logger log = LoggerFactory.getLogger(LogCaptureTest.class);

    @Test
    void keepsTheLastLinesAndTellsListeners() {
        LogCapture capture = LogCapture.attachToRoot();
        List<String> heard = new ArrayList<>();
        capture.addListener(heard::add);
        try {
            for (int i = 0; i < LogCapture.DEFAULT_CAPACITY + 5; i++) {
                log.info("line {}", i);
            }
        } finally {
            capture.detachFromRoot();
        }
        List<String> lines = capture.lines();
        assertEquals(LogCapture.DEFAULT_CAPACITY, lines.size());
        assertTrue(lines.get(0).endsWith("line 5"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).endsWith("line 1004"));
        assertTrue(lines.get(0).contains("INFO"), "formatted with level: " + lines.get(0));
        assertEquals(LogCapture.DEFAULT_CAPACITY + 5, heard.size());

        log.info("after detach");
        assertTrue(capture.lines().get(lines.size() - 1).endsWith("line 1004"), "detached capture stays quiet");
    }
}
