package dev.notely.app.loop;

import dev.notely.checks.GradeMain;
import dev.notely.checks.Grader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A grading JVM started ahead of need: it loads the checks, says {@link #READY}, then waits for one line,
 * {@code <exercise> TAB <classes folder> TAB <router class>}, and grades exactly as {@code --grade} does
 * ({@link GradeMain}), ending the process when done. A save then pays for the checks, not for a JVM start.
 */
public final class GradeOnRequest {

    static final String READY = "notely-grade ready";

    private GradeOnRequest() {
    }

    public static void main(String[] args) throws Exception {
        for (int exercise = 1; exercise <= 3; exercise++) {
            Grader.checkNames(exercise); // loads the checks and what they use while nobody waits
        }
        System.out.println(READY);
        System.out.flush();
        String job = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (job == null) {
            Runtime.getRuntime().halt(0); // the kit stopped, or no longer needs this one
        }
        String[] parts = job.split("\t");
        GradeMain.main(new String[] {parts[0], parts[1], parts[2], GradeMain.JSON});
    }
}
