package dev.notely.checks;

import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import dev.notely.store.Failures;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Grades a {@code DataProxy} against exercise 1, 2 or 3: each check runs a scenario on fresh SQLite
 * stores through the router and says, in one line, what is still wrong.
 */
public final class Grader {

    /**
     * How long one check may spend in the router's code; far more than a correct router needs, even on a
     * slow laptop. The check's own work does not count (see {@link ProxyTime}).
     */
    public static final Duration TIME_LIMIT = Duration.ofSeconds(10);
    /** Once the router's time is up, how often to look for its code on a stack again, to say where it loops. */
    private static final Duration LOOK_AGAIN = Duration.ofMillis(50);
    /** A check is given up on after this many limits of the clock's time all the same. */
    private static final int LIMITS_IN_ALL = 10;

    private Grader() {
    }

    /**
     * Runs every check of the exercise against routers made by {@code routerFactory}, each with
     * {@link #TIME_LIMIT}.
     *
     * @throws IllegalArgumentException for an exercise other than 1, 2 or 3
     */
    public static List<CheckResult> grade(int exercise, Function<NoteStores, NoteRouter> routerFactory) {
        return grade(GradeRun.of(exercise, routerFactory));
    }

    /**
     * Runs every check of the run's exercise, as the run says.
     *
     * @throws IllegalArgumentException for an exercise other than 1, 2 or 3
     */
    public static List<CheckResult> grade(GradeRun run) {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : checks(run.exercise())) {
            run.starting().accept(check.name());
            CheckResult result = run(check, run.routerFactory(), run.timeLimit());
            run.finished().accept(result);
            results.add(result);
        }
        return results;
    }

    /**
     * Runs the one check of the exercise named {@code name}, as {@link #grade} would: the same verdict and
     * message. For running a check as a test of its own in an IDE ({@code proxy/}'s tests), where
     * {@code timeLimit} can be long enough for a breakpoint.
     *
     * @throws IllegalArgumentException for an exercise other than 1, 2 or 3, or a name it has no check of
     */
    public static CheckResult gradeOne(int exercise, String name, Function<NoteStores, NoteRouter> routerFactory,
                                       Duration timeLimit) {
        Check check = checks(exercise).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("exercise " + exercise + " has no check named '" + name + "'"));
        return run(check, routerFactory, timeLimit);
    }

    /**
     * {@code new <className>(stores)}, loaded from {@code loader}, for each router a check needs: how
     * {@code --grade} builds the attendee's {@code DataProxy}. Whatever the constructor throws comes out
     * as itself, so the check can name it and its line.
     */
    public static Function<NoteStores, NoteRouter> routerFactory(ClassLoader loader, String className) {
        return stores -> {
            try {
                Class<?> type = Class.forName(className, true, loader);
                return (NoteRouter) type.getConstructor(NoteStores.class).newInstance(stores);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IllegalStateException("cannot construct " + className + ": " + e, e);
            }
        };
    }

    /** The names of the exercise's checks, in the order they run. */
    /**
     * Loads what every check uses (the checks, the SQLite stores and their driver) with nothing timed, for
     * a grading JVM started ahead of need.
     */
    public static void warmUp() throws java.io.IOException {
        for (int exercise = 1; exercise <= 3; exercise++) {
            checkNames(exercise);
        }
        Fixture.warmUp();
    }

    public static List<String> checkNames(int exercise) {
        return checks(exercise).stream().map(Check::name).toList();
    }

    /** Prints each result as ✓ or ✗ with its reason, then a summary line. */
    public static void print(int exercise, List<CheckResult> results, PrintStream out) {
        out.println("Exercise " + exercise + switch (exercise) {
            case 1 -> ": move every note from legacy to new";
            case 2 -> ": shard notes by account over new and second";
            default -> ": move to new in stages, with a way back at every step";
        });
        for (CheckResult r : results) {
            out.println(r.passed() ? "  ✓ " + r.name() : "  ✗ " + r.name() + " — " + r.reason());
        }
        long passed = results.stream().filter(CheckResult::passed).count();
        if (passed == results.size() && exercise == 2) {
            out.println("All " + passed + " checks pass. Deploy in two steps, each rollout finished before the next:"
                    + " first this code with assignShard still answering Optional.empty() (d), then assignShard too"
                    + " (d again); only then move accounts (s on the accounts page) and start the backfill with b."
                    + " Both at once, and the version still serving cannot find a new account's notes.");
        } else if (passed == results.size()) {
            out.println("All " + passed + " checks pass. Deploy with d, wait for the rollout to finish, then "
                    + switch (exercise) {
                        case 1 -> "switch migration on (M on the accounts page), and start the backfill with b for the "
                                + "notes nobody writes.";
                        case 2 -> "move accounts (s on the accounts page), and start the backfill with b for the notes "
                                + "nobody writes.";
                        default -> "move accounts through the stages (] on the accounts page).";
                    });
        } else {
            String next = results.stream().filter(r -> !r.passed()).findFirst().orElseThrow().name();
            out.println(passed + " of " + results.size() + " checks pass. Next: " + next + ".");
        }
    }

    private static List<Check> checks(int exercise) {
        return switch (exercise) {
            case 1 -> ExerciseOne.checks();
            case 2 -> ExerciseTwo.checks();
            case 3 -> ExerciseThree.checks();
            default -> throw new IllegalArgumentException("there are exercises 1, 2 and 3, not " + exercise);
        };
    }

    /**
     * Runs one check on a daemon thread of its own and lets it spend at most {@code timeLimit} in the
     * router's code: an attendee's endless loop must not hang the grading, nor keep the JVM alive once
     * the report is printed. The limit is on the router's time, not the clock's: on a busy machine the
     * check's own work (opening stores, seeding notes) slows down too, and must neither count against the
     * attendee nor end the check before it reaches their loop, which could then not be located. Once the
     * router's time is up, the check is failed as soon as one of its threads is seen in the proxy's code,
     * so the report can say where; a check that finishes first was slow, not endless, and keeps its result.
     */
    static CheckResult run(Check check, Function<NoteStores, NoteRouter> factory, Duration timeLimit) {
        Fixture fixture;
        try {
            fixture = new Fixture(factory);
        } catch (IOException e) {
            return new CheckResult(check.name(), false, "cannot create a temporary data folder: " + e.getMessage()
                    + "; check that the temporary folder (java.io.tmpdir) is writable");
        }
        ProxyTime proxyTime = fixture.proxyTime();
        FutureTask<CheckResult> task = new FutureTask<>(() -> attempt(check, fixture));
        Thread runner = new Thread(task);
        runner.setName("check " + runner.getId() + ": " + check.name()); // unique, even beside a stranded runner
        runner.setDaemon(true);
        long limit = timeLimit.toNanos();
        long giveUp = System.nanoTime() + limit * LIMITS_IN_ALL;
        runner.start();
        try {
            while (true) {
                // The router's time grows no faster than the clock's, so it cannot run out any sooner.
                long left = limit - proxyTime.spentNanos();
                long wait = Math.min(left > 0 ? left : LOOK_AGAIN.toNanos(), giveUp - System.nanoTime());
                try {
                    return task.get(Math.max(wait, 1), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    boolean timeUp = proxyTime.spentNanos() >= limit;
                    String where = timeUp ? whereStuck(proxyTime.runningThreads()) : "";
                    if (!where.isEmpty() || System.nanoTime() - giveUp >= 0) {
                        runner.interrupt();
                        return new CheckResult(check.name(), false, timeUp
                                ? "did not finish within " + describe(timeLimit) + " — an endless loop?" + where
                                : "did not finish within " + describe(timeLimit.multipliedBy(LIMITS_IN_ALL)));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runner.interrupt();
            return new CheckResult(check.name(), false, "grading was interrupted");
        } catch (ExecutionException e) {
            return new CheckResult(check.name(), false, "DataProxy threw " + Failures.describe(e.getCause()));
        } finally {
            // After a timeout the abandoned thread may still use the stores; it can only fail, and only itself.
            fixture.close();
        }
    }

    private static CheckResult attempt(Check check, Fixture fixture) {
        try {
            check.scenario().run(fixture);
            return new CheckResult(check.name(), true, "");
        } catch (Check.Failed e) {
            return new CheckResult(check.name(), false, e.getMessage());
        } catch (Exception | LinkageError | StackOverflowError e) {
            return new CheckResult(check.name(), false, "DataProxy threw " + Failures.describe(e));
        }
    }

    /** {@code " (at DataProxy.java:57)"} for the first of {@code threads} found in the proxy's code. */
    private static String whereStuck(List<Thread> threads) {
        for (Thread thread : threads) {
            Throwable trace = new Throwable();
            trace.setStackTrace(thread.getStackTrace());
            String where = Failures.whereInProxy(trace);
            if (!where.isEmpty()) {
                return where;
            }
        }
        return "";
    }

    /** "10 s", or "500 ms" for a limit that is not whole seconds. */
    static String describe(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }
}
