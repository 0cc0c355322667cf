package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard on a real terminal (a detached tmux pane, so no TTY is needed to run the suite), in a JVM
 * whose {@code System.out} drops escape sequences as {@code mvn -B exec:java} does. Skipped without tmux.
 */
class TerminalOutputTest {

    private static final int COLUMNS = Dashboard.WIDE_HEADER; // every tab with its title
    private static final int ROWS = 30;

    @TempDir
    Path tmp;

    @Test
    void theDashboardDrawsOnTheTerminalAndGivesItBackWhateverWrapsSystemOut() throws Exception {
        assumeTrue(Tmux.installed(), "tmux is not installed: skipping the real-terminal test (install tmux to run it)");
        Path exit = tmp.resolve("exit");
        try (Tmux tmux = Tmux.dashboard(tmp, COLUMNS, ROWS, exit)) {
            List<String> drawn = tmux.awaitPane("the dashboard's help line", pane -> pane.stream().anyMatch(l -> l.contains("q quit")));
            String screen = String.join("\n", drawn);
            // Only a terminal that got the escape sequences answers the size query and places each row.
            assertTrue(drawn.get(ROWS - 1).startsWith(" ←/→ pages · "), "help on the last row:\n" + screen);
            assertTrue(drawn.get(0).startsWith(" Notely  [1 Overview]"), "tabs on the first row:\n" + screen);
            assertEquals(COLUMNS - 1, drawn.get(0).stripTrailing().length(), "the title bar spans the width:\n" + screen);
            assertTrue(drawn.stream().anyMatch(l -> l.startsWith(" Deployment ───")), "box drawing:\n" + screen);
            assertFalse(screen.contains(StrippedStdoutDashboard.BEFORE), "drawn on the alternate screen:\n" + screen);

            tmux.sendKeys("q");
            List<String> after = tmux.awaitPane("the program to exit after q", pane -> Files.exists(exit) && sizeOf(exit) > 0);
            assertEquals("0", Files.readString(exit).strip(), String.join("\n", after));
            String restored = String.join("\n", tmux.awaitPane("the last line", pane -> pane.stream()
                    .anyMatch(l -> l.contains(StrippedStdoutDashboard.AFTER))));
            assertTrue(restored.contains(StrippedStdoutDashboard.BEFORE), "the terminal as before:\n" + restored);
            assertFalse(restored.contains("Notely"), "no dashboard left on the terminal:\n" + restored);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // not written yet
        }
    }
}
