package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard on a real terminal (a detached tmux pane, so no TTY is needed to run the suite), in a JVM
 * whose {@code System.out} drops escape sequences as {@code mvn -B exec:java} does. Skipped without tmux.
 */
class TerminalOutputTest {

    private static final int COLUMNS = 100;
    private static final int ROWS = 30;
    // Generous: a JVM starting on a machine whose cores are busy with other builds.
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private final String session = "notely-tui-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @Test
    void theDashboardDrawsOnTheTerminalAndGivesItBackWhateverWrapsSystemOut() throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed: skipping the real-terminal test (install tmux to run it)");
        Path exit = tmp.resolve("exit");
        Path script = tmp.resolve("run.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + StrippedStdoutDashboard.class.getName() + "\n"
                + "echo $? > '" + exit + "'\n"
                + "sleep 600\n"); // keeps the pane, and what the program left on it, until the test ends
        try {
            tmux("new-session", "-d", "-s", session, "-x", String.valueOf(COLUMNS), "-y", String.valueOf(ROWS),
                    "bash '" + script + "'");

            List<String> drawn = awaitPane("the dashboard's help line", pane -> pane.stream().anyMatch(l -> l.contains("q quit")));
            String screen = String.join("\n", drawn);
            // Only a terminal that got the escape sequences answers the size query and places each row.
            assertTrue(drawn.get(ROWS - 1).startsWith(" ←/→ pages · d deploy · q quit"), "help on the last row:\n" + screen);
            assertTrue(drawn.get(0).startsWith(" Notely  [1 Overview]"), "tabs on the first row:\n" + screen);
            assertEquals(COLUMNS - 1, drawn.get(0).stripTrailing().length(), "the title bar spans the width:\n" + screen);
            assertTrue(drawn.stream().anyMatch(l -> l.startsWith(" Deployment ───")), "box drawing:\n" + screen);
            assertFalse(screen.contains(StrippedStdoutDashboard.BEFORE), "drawn on the alternate screen:\n" + screen);

            tmux("send-keys", "-t", session, "q");
            List<String> after = awaitPane("the program to exit after q", pane -> Files.exists(exit) && sizeOf(exit) > 0);
            assertEquals("0", Files.readString(exit).strip(), String.join("\n", after));
            String restored = String.join("\n", awaitPane("the last line", pane -> pane.stream()
                    .anyMatch(l -> l.contains(StrippedStdoutDashboard.AFTER))));
            assertTrue(restored.contains(StrippedStdoutDashboard.BEFORE), "the terminal as before:\n" + restored);
            assertFalse(restored.contains("Notely"), "no dashboard left on the terminal:\n" + restored);
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // not written yet
        }
    }

    private List<String> awaitPane(String what, Predicate<List<String>> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<String> pane = capturePane();
        while (!condition.test(pane)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; the pane shows:\n" + String.join("\n", pane));
            }
            Thread.sleep(100); // polling interval
            pane = capturePane();
        }
        return pane;
    }

    private List<String> capturePane() throws Exception {
        return List.of(tmux("capture-pane", "-p", "-t", session).split("\n", -1));
    }

    private static String tmux(String... args) throws Exception {
        Process p = new ProcessBuilder(concat("tmux", args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tmux " + String.join(" ", args) + " did not return");
        }
        return out;
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static boolean tmuxInstalled() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
