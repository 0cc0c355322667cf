package dev.notely.checks;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Grades compiled proxy classes in a process of its own, so an attendee's {@code System.exit}, halt or
 * runaway thread ends or stalls this process, never the command that asked for the grade. Run by
 * {@code --grade}: {@code GradeMain <exercise> <classes folder> <router class>}. It prints
 * {@link #STARTING} before each check, the report, and {@link #FINISHED} last; exit 0 when all pass.
 */
public final class GradeMain {

    /** Printed with a check's name just before it runs, so a process that ends early names the check. */
    public static final String STARTING = "notely-grade starting: ";
    /** Printed once the whole report is out. */
    public static final String FINISHED = "notely-grade finished";

    private GradeMain() {
    }

    public static void main(String[] args) throws Exception {
        int exercise = Integer.parseInt(args[0]);
        Path classes = Path.of(args[1]);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                GradeMain.class.getClassLoader())) {
            List<CheckResult> results = Grader.grade(exercise, Grader.routerFactory(loader, args[2]), name -> {
                System.out.println(STARTING + name);
                System.out.flush();
            });
            Grader.print(exercise, results, System.out);
            System.out.println(FINISHED);
            System.out.flush();
            // Halt, not exit: a thread the attendee's code left running must not keep this process alive.
            Runtime.getRuntime().halt(results.stream().allMatch(CheckResult::passed) ? 0 : 1);
        }
    }
}
