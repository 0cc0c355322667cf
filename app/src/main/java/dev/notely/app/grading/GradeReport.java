package dev.notely.app.grading;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.notely.checks.CheckResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code --grade} tells its reader: lines for a person as they come, or, with {@code --json}, one
 * JSON document at the end in the shape of Exercism's test-runner results (version 2), which an
 * instructor's script can collect from a whole room.
 */
public interface GradeReport {

    /** What is being graded, before anything runs. */
    void heading(String text);

    /** A line the grading process printed that is not a marker: its report, or what the checked code printed. */
    void line(String text);

    /** A check began. */
    void starting(String check);

    /** A check's outcome. */
    void result(CheckResult result);

    /**
     * The grading could not run to the end: {@code message} says why; {@code check} names the check that was
     * running, if one was.
     */
    void error(String check, String message);

    /** Everything is said: a JSON report writes its document now. */
    void end();

    static GradeReport text(PrintStream out) {
        return new Text(out);
    }

    static GradeReport json(PrintStream out) {
        return new Json(out);
    }

    /** For people: everything as it comes, a ✗ line when the grading stops. */
    final class Text implements GradeReport {
        private final PrintStream out;

        Text(PrintStream out) {
            this.out = out;
        }

        @Override
        public void heading(String text) {
            out.println(text);
        }

        @Override
        public void line(String text) {
            out.println(text);
        }

        @Override
        public void starting(String check) {
        }

        @Override
        public void result(CheckResult result) {
            // the grading process prints its own report of these
        }

        @Override
        public void error(String check, String message) {
            out.println("✗ " + (check == null ? "" : check + " — ") + message);
        }

        @Override
        public void end() {
        }
    }

    /**
     * Exercism's results, version 2: {@code status} pass, fail (a check failed) or error (the grading could
     * not finish: compile error, an exit, a hang), {@code message} for an error, and per check {@code name},
     * {@code status}, {@code message} and, when the checked code printed something, {@code output}.
     */
    final class Json implements GradeReport {
        /** Exercism keeps at most this much of a test's output. */
        static final int MAX_OUTPUT_CHARS = 500;

        private final PrintStream out;
        private final Map<String, StringBuilder> output = new LinkedHashMap<>();
        private final List<CheckResult> results = new ArrayList<>();
        private String current;
        private String errorCheck;
        private String errorMessage;

        Json(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void heading(String text) {
        }

        @Override
        public synchronized void line(String text) {
            if (current != null) {
                StringBuilder printed = output.computeIfAbsent(current, k -> new StringBuilder());
                if (printed.length() <= MAX_OUTPUT_CHARS) {
                    printed.append(text).append('\n');
                }
            }
        }

        @Override
        public synchronized void starting(String check) {
            current = check;
        }

        @Override
        public synchronized void result(CheckResult result) {
            results.add(result);
            current = null;
        }

        @Override
        public synchronized void error(String check, String message) {
            errorCheck = check;
            errorMessage = check == null ? message : check + " — " + message;
        }

        @Override
        public synchronized void end() {
            JsonObject document = new JsonObject();
            document.addProperty("version", 2);
            boolean passed = results.stream().allMatch(CheckResult::passed);
            document.addProperty("status", errorMessage != null ? "error" : passed ? "pass" : "fail");
            document.add("message", errorMessage == null ? JsonNull.INSTANCE : new JsonPrimitive(errorMessage));
            JsonArray tests = new JsonArray();
            for (CheckResult result : results) {
                tests.add(test(result.name(), result.passed() ? "pass" : "fail", result.passed() ? null : result.reason()));
            }
            if (errorCheck != null && results.stream().noneMatch(r -> r.name().equals(errorCheck))) {
                tests.add(test(errorCheck, "error", errorMessage));
            }
            document.add("tests", tests);
            out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(document));
            out.flush();
        }

        private JsonObject test(String name, String status, String message) {
            JsonObject test = new JsonObject();
            test.addProperty("name", name);
            test.addProperty("status", status);
            test.add("message", message == null ? JsonNull.INSTANCE : new JsonPrimitive(message));
            StringBuilder printed = output.get(name);
            if (printed != null) {
                String text = printed.toString().stripTrailing();
                test.addProperty("output", text.length() > MAX_OUTPUT_CHARS ? text.substring(0, MAX_OUTPUT_CHARS) : text);
            }
            return test;
        }
    }
}
