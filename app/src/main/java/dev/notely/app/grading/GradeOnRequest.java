package dev.notely.app.grading;

import dev.notely.checks.GradeMain;
import dev.notely.checks.Grader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A grading JVM started ahead of need: it loads the checks and opens scratch stores once, says {@link #READY}, then waits for one line,
 * {@code <exercise> TAB <classes folder> TAB <router class> [TAB --json]}, and grades exactly as
 * {@link GradeMain} does, ending the process when done. Whoever asks then pays for the checks, not for a
 * JVM start: the loop keeps one waiting between saves, and {@code --grade} starts one while it compiles.
 */
public final class GradeOnRequest {

    /** The child's first line, once the checks are loaded. */
    public static final String READY = "notely-grade ready";

    private GradeOnRequest() {
    }

    public static void main(String[] args) throws Exception {
        Grader.warmUp(); // loads the checks and what they use while nobody waits
        System.out.println(READY);
        System.out.flush();
        String job = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (job == null) {
            Runtime.getRuntime().halt(0); // the kit stopped, or no longer needs this one
        }
        String[] parts = job.split("\t");
        GradeMain.main(Arrays.copyOf(parts, Math.min(parts.length, 4)));
    }
}
