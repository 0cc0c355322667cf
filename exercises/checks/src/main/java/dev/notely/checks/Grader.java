package dev.notely.checks;

import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import dev.notely.store.RouterErrors;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Grades a {@code DataProxy} against exercise 1 or 2: each check runs a scenario on fresh SQLite
 * stores through the router and says, in one line, what is still wrong.
 */
public final class Grader {

    private Grader() {
    }

    /**
     * Runs every check of the exercise against routers made by {@code routerFactory}.
     *
     * @throws IllegalArgumentException for an exercise other than 1 or 2
     */
    public static List<CheckResult> grade(int exercise, Function<NoteStores, NoteRouter> routerFactory) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks(exercise)) {
            results.add(run(check, routerFactory));
        }
        return results;
    }

    /** The names of the exercise's checks, in the order they run. */
    public static List<String> checkNames(int exercise) {
        return checks(exercise).stream().map(Check::name).toList();
    }

    /** Prints each result as ✓ or ✗ with its reason, then a summary line. */
    public static void print(int exercise, List<CheckResult> results, PrintStream out) {
        out.println("Exercise " + exercise + (exercise == 1 ? ": move every note from legacy to new"
                : ": shard notes by account over new and second"));
        for (CheckResult r : results) {
            out.println(r.passed() ? "  ✓ " + r.name() : "  ✗ " + r.name() + " — " + r.reason());
        }
        long passed = results.stream().filter(CheckResult::passed).count();
        if (passed == results.size()) {
            out.println("All " + passed + " checks pass. Deploy with d, wait for the rollout to finish, then "
                    + (exercise == 1 ? "switch migration on (M on the accounts page)." : "move accounts (s on the accounts page)."));
        } else {
            String next = results.stream().filter(r -> !r.passed()).findFirst().orElseThrow().name();
            out.println(passed + " of " + results.size() + " checks pass. Next: " + next + ".");
        }
    }

    private static List<Check> checks(int exercise) {
        return switch (exercise) {
            case 1 -> ExerciseOne.checks();
            case 2 -> ExerciseTwo.checks();
            default -> throw new IllegalArgumentException("there are exercises 1 and 2, not " + exercise);
        };
    }

    private static CheckResult run(Check check, Function<NoteStores, NoteRouter> factory) {
        try (Fixture fixture = new Fixture(factory)) {
            check.scenario().run(fixture);
            return new CheckResult(check.name(), true, "");
        } catch (Check.Failed e) {
            return new CheckResult(check.name(), false, e.getMessage());
        } catch (Exception | LinkageError | StackOverflowError e) {
            return new CheckResult(check.name(), false, "DataProxy threw " + RouterErrors.describe(e));
        }
    }
}
