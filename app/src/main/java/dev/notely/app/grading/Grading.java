package dev.notely.app.grading;

import dev.notely.app.data.Folders;
import dev.notely.app.deploy.KitClasspath;
import dev.notely.app.deploy.ProxyCompiler;

import dev.notely.checks.CheckResult;
import dev.notely.checks.Grader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code --grade N}: compiles the proxy sources exactly as a deployment would, then runs the graded
 * checks of exercise N on them in a JVM of their own ({@link GradingJvm}, started while they compile), so a {@code System.exit}, a
 * halt or a hang in the attendee's code is a failed check, not the end of the grading. Everything it
 * writes, the checks' scratch stores included, goes in one temporary folder removed at the end. With
 * {@code --json} the outcome is one JSON document on stdout instead of lines for a person ({@link GradeReport}).
 */
public final class Grading {

    /** Time for the whole grading beyond each check's own limit: starting the JVM, the report. */
    private static final Duration SLACK = Duration.ofSeconds(60);

    private Grading() {
    }

    /** @return 0 when every check passes, 1 when some fail, the sources do not compile, or the grading stops early */
    public static int run(int exercise, Path sourceRoot, Path kitRoot, PrintStream out) {
        return run(exercise, sourceRoot, kitRoot, GradeReport.text(out));
    }

    /** As {@link #run(int, Path, Path, PrintStream)}, telling {@code report} how it goes. */
    public static int run(int exercise, Path sourceRoot, Path kitRoot, GradeReport report) {
        int exit = grade(exercise, sourceRoot, kitRoot, report);
        report.end();
        return exit;
    }

    private static int grade(int exercise, Path sourceRoot, Path kitRoot, GradeReport report) {
        Path work;
        try {
            work = Files.createTempDirectory("notely-grade");
        } catch (IOException e) {
            report.error(null, "cannot create a temporary folder: " + e.getMessage());
            return 1;
        }
        try {
            report.heading("grading " + Folders.display(kitRoot, sourceRoot) + " against exercise " + exercise);
            Path scratch = work.resolve("scratch");
            Process child;
            try {
                Files.createDirectories(scratch);
                // Started first: the JVM boots and loads the checks while the sources compile.
                child = GradingJvm.start(scratch);
            } catch (IOException e) {
                report.error(null, "cannot start the JVM that grades: " + e.getMessage());
                return 1;
            }
            try {
                Path classes = work.resolve("classes");
                try {
                    new ProxyCompiler(sourceRoot, KitClasspath.current(), kitRoot).compile(classes);
                } catch (RuntimeException e) {
                    report.error(null, e.getMessage());
                    return 1;
                }
                return gradeInChild(child, exercise, classes, report);
            } finally {
                stop(child);
            }
        } finally {
            try {
                Folders.deleteRecursively(work);
            } catch (IOException e) {
                System.err.println("(could not remove " + work + ": " + e.getMessage() + ")");
            }
        }
    }

    /** Ends the grading JVM and waits for it, so its scratch files can go. */
    private static void stop(Process child) {
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
        try {
            child.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int gradeInChild(Process child, int exercise, Path classes, GradeReport report) {
        try {
            GradingJvm.ask(child, exercise, classes, report instanceof GradeReport.Json);
        } catch (IOException e) {
            report.error(null, "the JVM that grades did not start: " + e.getMessage());
            return 1;
        }
        String[] current = {null};
        boolean[] finished = {false};
        Thread relay = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                finished[0] = GradingJvm.read(lines, new GradingJvm.Output() {
                    @Override
                    public void starting(String check) {
                        current[0] = check;
                        report.starting(check);
                    }

                    @Override
                    public void result(CheckResult result) {
                        report.result(result);
                    }

                    @Override
                    public void line(String text) {
                        report.line(text);
                    }
                });
            } catch (IOException e) {
                // the child is gone; what it said so far is out
            }
        }, "grading-output");
        relay.start();
        Duration limit = Grader.TIME_LIMIT.multipliedBy(Grader.checkNames(exercise).size()).plus(SLACK);
        try {
            if (!child.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                relay.join(5_000);
                report.error(current[0], "grading did not finish within " + limit.toSeconds() + " s");
                return 1;
            }
            relay.join(5_000);
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            report.error(current[0], "grading was interrupted");
            return 1;
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        if (!finished[0]) {
            String stopped = "the grading stopped during this check: the process ended with exit code "
                    + child.exitValue() + ". Does DataProxy call System.exit or Runtime.halt? In the kit that would end "
                    + "the data proxy itself.";
            report.error(current[0], current[0] == null ? "loading DataProxy — " + stopped : stopped);
            return 1;
        }
        return child.exitValue() == 0 ? 0 : 1;
    }
}
