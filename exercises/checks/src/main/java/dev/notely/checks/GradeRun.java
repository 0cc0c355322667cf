package dev.notely.checks;

import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One grading of an exercise: which checks, the routers they run against, how long each may take, and who
 * hears of each check as it starts and ends.
 *
 * @param routerFactory a fresh router for each one a check needs
 * @param timeLimit     how long one check may spend in the router's code
 * @param starting      told the name of each check before it runs
 * @param finished      told each result as soon as it is known
 */
public record GradeRun(int exercise, Function<NoteStores, NoteRouter> routerFactory, Duration timeLimit,
                       Consumer<String> starting, Consumer<CheckResult> finished) {

    /** Every check of the exercise, each within {@link Grader#TIME_LIMIT}, told to no one as it goes. */
    public static GradeRun of(int exercise, Function<NoteStores, NoteRouter> routerFactory) {
        return new GradeRun(exercise, routerFactory, Grader.TIME_LIMIT, name -> { }, result -> { });
    }

    public GradeRun withTimeLimit(Duration limit) {
        return new GradeRun(exercise, routerFactory, limit, starting, finished);
    }

    public GradeRun reporting(Consumer<String> onStart, Consumer<CheckResult> onResult) {
        return new GradeRun(exercise, routerFactory, timeLimit, onStart, onResult);
    }
}
