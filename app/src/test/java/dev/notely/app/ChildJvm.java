package dev.notely.app;


import dev.notely.app.deploy.ProxyLauncher;
import dev.notely.app.deploy.KitClasspath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM started with plain {@code java}, timed from launch to the first output line that says it
 * is ready. The line is noticed by the thread reading the output as it arrives, not by polling, so a
 * start of tens of milliseconds (the floor) is measured as precisely as one of seconds (the kit).
 */
public final class ChildJvm implements AutoCloseable {

    /** What the kit prints once its API answers; the port is group 1. */
    static final Pattern API_LINE = Pattern.compile("Notely API on http://127\\.0\\.0\\.1:(\\d+)");
    static final Pattern STARTED_LINE = Pattern.compile("^" + TrivialMain.STARTED + "$");

    /** The line that said the JVM is ready, and when it was read. */
    public record Ready(Matcher match, long nanosSinceLaunch) {
    }

    final Process process;
    private final long launchedAt;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Ready> ready = new CompletableFuture<>();
    /** Lines printed after the ready line, for {@link #roundTrip}; null when nothing is to answer. */
    private final BlockingQueue<String> later;

    private ChildJvm(List<String> command, Pattern readyLine, boolean answers) throws IOException {
        later = answers ? new LinkedBlockingQueue<>() : null;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        launchedAt = System.nanoTime();
        process = builder.start();
        Thread reader = new Thread(() -> read(readyLine), "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The kit as a person starts it: {@code java -cp <kit> Main --headless --port 0 --data-dir <dir>} and {@code flags}. */
    static ChildJvm kit(Path dataDir, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", KitClasspath.join(AppProcess.runtimeClasspath()),
                Main.class.getName(), "--headless", "--port", "0", "--data-dir", dataDir.toString(),
                // What proxy/ ships as, not proxy/ itself, which attendees edit: the figures stay comparable.
                "--proxy-source", ControllerFixture.START_STAGE.toString()));
        command.addAll(List.of(flags));
        return new ChildJvm(command, API_LINE, false);
    }

    /** What {@code --room} prints once it listens: port in group 1, join code in group 2. */
    public static final Pattern ROOM_LINE = Pattern.compile("Room open at http://[^ ]+:(\\d+)/\\?code=([A-Z]{6})");

    /** The instructor's room as a person starts it: {@code java -cp <kit> Main --room} and {@code flags}. */
    public static ChildJvm room(String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", KitClasspath.join(AppProcess.runtimeClasspath()),
                Main.class.getName(), "--room"));
        command.addAll(List.of(flags));
        return new ChildJvm(command, ROOM_LINE, false);
    }

    /** {@link TrivialMain} alone on the class path of an otherwise empty folder. */
    public static ChildJvm trivial(Path emptyDir, boolean stay) throws IOException {
        return trivial(emptyDir, List.of(), stay);
    }

    /** {@link TrivialMain} alone on the class path of an otherwise empty folder, with these JVM flags. */
    public static ChildJvm trivial(Path emptyDir, List<String> jvmFlags, boolean stay) throws IOException {
        Path classFile = emptyDir.resolve(TrivialMain.class.getName().replace('.', '/') + ".class");
        if (!Files.exists(classFile)) {
            Files.createDirectories(classFile.getParent());
            try (var in = TrivialMain.class.getResourceAsStream(TrivialMain.class.getSimpleName() + ".class")) {
                Files.write(classFile, in.readAllBytes());
            }
        }
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", emptyDir.toString(), TrivialMain.class.getName()));
        if (stay) {
            command.add("stay");
        }
        return new ChildJvm(command, STARTED_LINE, stay);
    }

    private static String javaBinary() {
        return ProxyLauncher.currentJava().toString();
    }

    private void read(Pattern readyLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                long at = System.nanoTime();
                output.add(line);
                if (ready.isDone()) {
                    if (later != null) {
                        later.add(line);
                    }
                } else {
                    Matcher m = readyLine.matcher(line);
                    if (m.find()) {
                        ready.complete(new Ready(m, at - launchedAt));
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        ready.completeExceptionally(new IllegalStateException("the JVM ended its output before saying it was ready:\n"
                + String.join("\n", output)));
    }

    /** Waits for the ready line. */
    public Ready awaitReady(Duration timeout) throws InterruptedException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("not ready within " + timeout.toSeconds() + " s:\n" + String.join("\n", output));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Writes {@code line} to the JVM's input and waits until it prints the same line; for a
     * {@link TrivialMain} that stays, a round trip through its pipes. Returns the nanoseconds it took.
     */
    public long roundTrip(String line, Duration timeout) throws IOException, InterruptedException {
        if (later == null) {
            throw new IllegalStateException("this JVM does not answer lines");
        }
        long start = System.nanoTime();
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        long deadline = start + timeout.toNanos();
        for (String answer = ""; !answer.equals(line); ) {
            answer = later.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (answer == null) {
                throw new IllegalStateException("no answer to '" + line + "' within " + timeout.toMillis() + " ms");
            }
        }
        return System.nanoTime() - start;
    }

    /** Nanoseconds since this JVM was launched. */
    long nanosSinceLaunch() {
        return System.nanoTime() - launchedAt;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Asks the JVM to stop (SIGTERM, as Ctrl+C would), waits for it, and ends by force whatever it
     * started that is still running after that.
     */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            process.getOutputStream().close(); // a TrivialMain that stays ends when its input closes
        } catch (IOException e) {
            // already closed
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                if (child.isAlive() && !child.onExit().thenApply(h -> true).completeOnTimeout(false, 10, TimeUnit.SECONDS).join()) {
                    child.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    String output() {
        return String.join("\n", output);
    }
}
