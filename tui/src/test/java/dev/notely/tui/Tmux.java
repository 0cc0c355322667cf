package dev.notely.tui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A detached tmux session running one command, read back with {@code capture-pane}. */
final class Tmux implements AutoCloseable {

    // Generous: a JVM starting on a machine whose cores are busy with other builds.
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final String session = "notely-tui-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    static boolean installed() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@link StrippedStdoutDashboard} with {@code args} in a new session of the given size; once it
     * exits, its exit code is written to {@code exit} and the pane stays as the program left it.
     */
    static Tmux dashboard(Path dir, int columns, int rows, Path exit, String... args) throws Exception {
        Path script = dir.resolve("run.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + StrippedStdoutDashboard.class.getName() + " " + String.join(" ", args) + "\n"
                + "echo $? > '" + exit + "'\n"
                + "sleep 600\n"); // keeps the pane, and what the program left on it, until the test ends
        Tmux tmux = new Tmux();
        tmux.run("new-session", "-d", "-s", tmux.session, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                "bash '" + script + "'");
        return tmux;
    }

    void sendKeys(String keys) throws Exception {
        run("send-keys", "-t", session, keys);
    }

    void resize(int columns, int rows) throws Exception {
        run("resize-window", "-t", session, "-x", String.valueOf(columns), "-y", String.valueOf(rows));
    }

    List<String> awaitPane(String what, Predicate<List<String>> condition) throws Exception {
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

    /** The pane, one string per row (trailing blanks dropped by tmux). */
    List<String> capturePane() throws Exception {
        List<String> lines = new ArrayList<>(List.of(run("capture-pane", "-p", "-t", session).split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the newline after the last row
        }
        return lines;
    }

    @Override
    public void close() throws Exception {
        run("kill-session", "-t", session);
    }

    private static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("tmux");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tmux " + String.join(" ", args) + " did not return");
        }
        return out;
    }
}
