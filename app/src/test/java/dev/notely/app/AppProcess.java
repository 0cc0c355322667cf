package dev.notely.app;


import dev.notely.app.deploy.ProxyLauncher;
import dev.notely.app.deploy.KitClasspath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real app in a child JVM, as a person runs it, with its output collected line by line. */
public final class AppProcess implements AutoCloseable {

    private static final Pattern API_LINE = Pattern.compile("Notely API on http://127\\.0\\.0\\.1:(\\d+)");

    public final Process process;
    public final List<String> output;
    private final OutputLines lines;

    public AppProcess(Path dataDir, String... flags) throws IOException {
        this(java.util.Map.of(), dataDir, flags);
    }

    /** As {@link #AppProcess(Path, String...)}, with {@code environment} added to this JVM's. */
    public AppProcess(java.util.Map<String, String> environment, Path dataDir, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProxyLauncher.currentJava().toString(),
                "-cp", KitClasspath.join(runtimeClasspath()), Main.class.getName()));
        if (dataDir != null) {
            command.addAll(List.of("--data-dir", dataDir.toString()));
        }
        if (!List.of(flags).contains("--proxy-source")) {
            // Not proxy/, which attendees edit: the suite must pass whatever state their exercise is in.
            command.addAll(List.of("--proxy-source", ControllerFixture.START_STAGE.toString()));
        }
        command.addAll(List.of(flags));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        lines = new OutputLines(process, "app-output");
        output = lines.lines;
    }

    /**
     * The kit's class path without test classes (this module's, and the test jars of others), so the app
     * logs as it does for a person rather than by a test's logback-test.xml.
     */
    static List<Path> runtimeClasspath() {
        return KitClasspath.current().stream()
                .filter(p -> !p.endsWith("test-classes") && !p.getFileName().toString().endsWith("-tests.jar"))
                .toList();
    }

    /** Waits for the API to be up and returns its port. */
    public int awaitApiPort() {
        int[] port = {0};
        Await.until(Duration.ofSeconds(120), "the app to start: " + output, () -> {
            for (String line : output) {
                Matcher m = API_LINE.matcher(line);
                if (m.find()) {
                    port[0] = Integer.parseInt(m.group(1));
                    return true;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the app exited with " + process.exitValue() + ":\n" + String.join("\n", output));
            }
            return false;
        });
        return port[0];
    }

    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the app did not exit:\n" + String.join("\n", output));
        }
        lines.awaitEnd(10_000); // everything it printed, to the last line
        return process.exitValue();
    }

    public String text() {
        return lines.text();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
