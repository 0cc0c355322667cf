package dev.notely.checks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Grades compiled proxy classes in a process of its own, so an attendee's {@code System.exit}, halt or
 * runaway thread ends or stalls this process, never the command that asked for the grade. Run by
 * {@code --grade}: {@code GradeMain <exercise> <classes folder> <router class> [--json]}. It prints
 * {@link #STARTING} before each check, {@link #RESULT} with each check's outcome once it is known, the
 * report (not with {@code --json}: the caller writes its own from the results), and {@link #FINISHED}
 * last; exit 0 when all pass.
 */
public final class GradeMain {

    /** Printed with a check's name just before it runs, so a process that ends early names the check. */
    public static final String STARTING = "notely-grade starting: ";
    /** Printed with a check's outcome as one line of JSON ({@code name}, {@code passed}, {@code reason}). */
    public static final String RESULT = "notely-grade result: ";
    /** Printed once the whole report is out. */
    public static final String FINISHED = "notely-grade finished";
    /** The last argument that leaves the report to the caller. */
    public static final String JSON = "--json";

    private GradeMain() {
    }

    public static void main(String[] args) throws Exception {
        // Halt, not exit: a thread the attendee's code left running must not keep this process alive.
        Runtime.getRuntime().halt(grade(args, System.out));
    }

    /**
     * Grades as {@link #main} does, printing to {@code out}, and answers the exit status: 0 when every check
     * passes, 1 otherwise.
     */
    static int grade(String[] args, PrintStream out) throws IOException {
        quietInjectedFailures();
        int exercise = Integer.parseInt(args[0]);
        Path classes = Path.of(args[1]);
        boolean json = args.length > 3 && args[3].equals(JSON);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                GradeMain.class.getClassLoader())) {
            GradeRun run = GradeRun.of(exercise, Grader.routerFactory(loader, args[2])).reporting(name -> {
                out.println(STARTING + name);
                out.flush();
            }, result -> {
                out.println(RESULT + resultLine(result));
                out.flush();
            });
            List<CheckResult> results = Grader.grade(run);
            if (!json) {
                Grader.print(exercise, results, out);
            }
            out.println(FINISHED);
            out.flush();
            return results.stream().allMatch(CheckResult::passed) ? 0 : 1;
        }
    }

    /**
     * Checks make stores fail on purpose, and a router that handles it well logs a warning each time (a
     * second write that failed, a shadow read that failed): expected, so kept out of the report.
     */
    private static void quietInjectedFailures() {
        for (String name : new String[] {"dev.notely.store.ShadowReads", "dev.notely.proxy"}) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        }
    }

    /** A result as one line of JSON: names and reasons may hold any character, a line break included. */
    static String resultLine(CheckResult result) {
        JsonObject line = new JsonObject();
        line.addProperty("name", result.name());
        line.addProperty("passed", result.passed());
        line.addProperty("reason", result.reason());
        return line.toString();
    }

    /** The result a {@link #RESULT} line carries (the text after the prefix); empty when it is not one. */
    public static Optional<CheckResult> parseResult(String text) {
        try {
            JsonObject line = JsonParser.parseString(text).getAsJsonObject();
            return Optional.of(new CheckResult(line.get("name").getAsString(), line.get("passed").getAsBoolean(),
                    line.get("reason").getAsString()));
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
