package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import com.googlecode.lanterna.input.KeyStroke;
import org.junit.jupiter.api.Test;

/** A line from outside the dashboard (the instructor's room out of reach) shows on the running dashboard. */
class NoticeTest {

    @Test
    void aNoticeShowsOnTheOverviewWhileTheDashboardRuns() throws Exception {
        try (ScreenHarness h = new ScreenHarness(120, 24)) {
            Thread ui = new Thread(() -> h.dashboard.run(h.screen), "dashboard-under-test");
            ui.start();
            h.dashboard.notice("the room at 10.0.0.5:7070 cannot be reached (connection refused); the kit works as before");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!h.text().contains("the room at 10.0.0.5:7070 cannot be reached")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the notice never showed:\n" + h.text());
                }
                Thread.sleep(10); // polling interval
            }
            h.terminal.addInput(new KeyStroke('q', false, false));
            ui.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(ui.isAlive());
        }
    }
}
