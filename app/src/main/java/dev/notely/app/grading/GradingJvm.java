package dev.notely.app.grading;

import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.ProxyLauncher;
import dev.notely.checks.GradeMain;
import dev.notely.wire.ProxyWire;
import dev.notely.checks.CheckResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM that grades ({@link GradeOnRequest}): started before it is needed, then told what to grade.
 * {@code --grade} and the save loop both grade in one, so a check behaves the same in both.
 */
public final class GradingJvm {

    /**
     * Small heap and one GC thread, so the waiting child costs little beside the kit; the client compiler
     * alone, because checks run for seconds, not minutes: {@code --grade 1}'s child took 4.4 s with the
     * defaults and 3.3 s with these flags (LoopBenchmark's machine, quiet).
     */
    public static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto", "-Xms16m", "-Xmx192m",
            "-XX:MaxMetaspaceSize=128m", "-Xss512k", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1");

    /** What a grading JVM says, as its markers tell it. */
    public interface Output {
        /** A check began. */
        void starting(String check);

        /** A check's outcome. */
        void result(CheckResult result);

        /** A line that is no marker: the report, or what the checked code printed. */
        default void line(String text) {
        }
    }

    private GradingJvm() {
    }

    /**
     * Reads a grading JVM's output to its end, telling {@code output} what each line is.
     *
     * @return whether the JVM said it finished ({@link GradeMain#FINISHED}); false when it ended early
     */
    public static boolean read(BufferedReader lines, Output output) throws IOException {
        boolean finished = false;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith(GradeMain.STARTING)) {
                output.starting(line.substring(GradeMain.STARTING.length()));
            } else if (line.startsWith(GradeMain.RESULT)) {
                Optional<CheckResult> result = GradeMain.parseResult(line.substring(GradeMain.RESULT.length()));
                if (result.isPresent()) {
                    output.result(result.get());
                } else {
                    output.line(line);
                }
            } else if (line.equals(GradeMain.FINISHED)) {
                finished = true;
            } else if (!line.equals(GradeOnRequest.READY)) {
                output.line(line);
            }
        }
        return finished;
    }

    /**
     * Starts a grading JVM whose temporary files go in {@code scratch}; it loads the checks, then waits for
     * {@link #ask}. Its output and errors come on one stream.
     */
    public static Process start(Path scratch) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProxyLauncher.currentJava().toString());
        command.addAll(FLAGS);
        command.addAll(List.of("-Djava.io.tmpdir=" + scratch,
                "-D" + ProxyWire.LOG_PATTERN_PROPERTY + "=%-5level %logger{0} - %msg%n",
                "-D" + ProxyWire.LOG_LEVEL_PROPERTY + "=WARN",
                "-Dfile.encoding=UTF-8",
                "-cp", KitClasspath.join(KitClasspath.current()), GradeOnRequest.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * Tells a started grading JVM to grade {@code classes} against {@code exercise}; with {@code json} it
     * leaves the report to the caller and prints only the markers and what the checked code prints.
     */
    public static void ask(Process child, int exercise, Path classes, boolean json) throws IOException {
        try (Writer job = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            job.write(exercise + "\t" + classes + "\t" + ProxyWire.ROUTER_CLASS + (json ? "\t" + GradeMain.JSON : "") + "\n");
        }
    }
}
