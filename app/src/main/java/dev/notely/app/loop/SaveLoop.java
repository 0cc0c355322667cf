package dev.notely.app.loop;

import dev.notely.api.Checks;
import dev.notely.api.ChecksStatus;
import dev.notely.api.ChecksStatus.Check;
import dev.notely.api.ChecksStatus.CompileError;
import dev.notely.api.DeploymentException;
import dev.notely.app.data.Folders;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.GradeRecord;
import dev.notely.checks.CheckResult;
import dev.notely.checks.Grader;
import dev.notely.store.InvalidInputException;
import dev.notely.telemetry.DaemonThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attendee's loop: a save of the proxy sources is compiled at once (a compile error shows with its
 * file, line and source line), and code that compiles is graded against the current exercise in a warm
 * child JVM; a newer save cancels the run of an older one. Nothing here deploys unless asked to
 * ({@code --deploy-on-save}): the serving version is untouched by a save.
 */
public final class SaveLoop implements Checks, AutoCloseable {

    /** Saves closer together than this are one: editors write a file in several steps. */
    static final Duration DEBOUNCE = Duration.ofMillis(60);
    private static final Logger log = LoggerFactory.getLogger(SaveLoop.class);

    private final ProxyCompiler compiler;
    private final Path kitRoot;
    private final Path workDir;
    private final Path dataDir;
    private final ExerciseChoice remembered;
    private final WarmGrader grader;
    private final Runnable deploy;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("save-loop"));
    private ScheduledFuture<?> pending;
    private WarmGrader.Run running;
    private long generation;
    private int exercise;
    private volatile ChecksStatus status;
    private SourceWatcher watcher;

    /**
     * @param deploy what a save that compiles also does: nothing, or a deployment ({@code --deploy-on-save})
     */
    public SaveLoop(ProxyCompiler compiler, Path kitRoot, Path dataDir, Optional<Integer> exerciseGiven, Runnable deploy)
            throws IOException {
        this.compiler = compiler;
        this.kitRoot = kitRoot;
        this.workDir = Files.createTempDirectory("notely-loop");
        this.dataDir = dataDir;
        this.remembered = new ExerciseChoice(dataDir);
        this.grader = new WarmGrader(workDir.resolve("grading"));
        this.deploy = deploy;
        this.exercise = exerciseGiven.or(remembered::read).orElse(1);
        if (exerciseGiven.isPresent()) {
            remembered.write(exercise);
        }
        this.status = ChecksStatus.idle(exercise, null);
    }

    /** Watches the sources from now on; the first save is checked in a JVM started then. */
    public void start(Path sourceRoot) throws IOException {
        watcher = new SourceWatcher(sourceRoot, this::saved);
    }

    /**
     * Checks the sources as they are and keeps a grading JVM warm from now on: for a person at the
     * dashboard, who should see where they stand before the first save. A kit without one (a script, a
     * test) only pays for the loop when a file is saved.
     */
    public void checkNow() {
        grader.warmUp();
        saved();
    }

    /** A save: compiles once the saves stop coming for {@link #DEBOUNCE}. Safe from any thread. */
    public synchronized void saved() {
        if (pending != null) {
            pending.cancel(false);
        }
        Instant at = Instant.now();
        try {
            pending = loop.schedule(() -> compileAndCheck(at), DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** The warm grading JVM's process id, while one waits. */
    Optional<Long> sparePid() {
        return grader.sparePid();
    }

    @Override
    public ChecksStatus status() {
        return status;
    }

    @Override
    public void setExercise(int chosen) {
        if (chosen < 1 || chosen > 3) {
            throw new InvalidInputException("exercise must be 1, 2 or 3, not " + chosen);
        }
        synchronized (this) {
            exercise = chosen;
            status = ChecksStatus.idle(chosen, null);
        }
        try {
            remembered.write(chosen);
        } catch (IOException e) {
            log.warn("cannot remember exercise {} in the data folder: {}", chosen, e.getMessage());
        }
        saved();
    }

    @Override
    public List<String> hints() {
        return HintSteps.read(kitRoot, status.exercise());
    }

    /** On the loop's thread: one save, compiled, then checked. */
    private void compileAndCheck(Instant savedAt) {
        long run;
        int against;
        synchronized (this) {
            run = ++generation;
            against = exercise;
            if (running != null) {
                running.cancel(); // a newer save: the older run's verdict would be about code that is gone
            }
        }
        status = new ChecksStatus(against, ChecksStatus.COMPILING, Optional.of(savedAt), status.checkedAt(),
                Optional.empty(), status.checks(), Optional.empty());
        Path classes = workDir.resolve("classes-" + run);
        ProxyCompiler.Outcome outcome;
        try {
            outcome = compiler.compileReporting(classes);
        } catch (DeploymentException e) {
            status = failed(against, savedAt, new CompileError("", 0, e.getMessage(), ""));
            log.warn("{}", e.getMessage());
            return;
        }
        if (!outcome.errors().isEmpty()) {
            ProxyCompiler.Problem first = outcome.errors().get(0);
            String file = first.file().map(compiler::display).orElse("");
            CompileError error = new CompileError(file, first.line(), first.message(),
                    first.file().map(f -> sourceLine(f, first.line())).orElse(""));
            status = failed(against, savedAt, error);
            log.info("✗ {}:{}: {}", file, first.line(), first.message());
            return;
        }
        removeOlderClasses(run);
        deploy.run();
        List<Check> checks = new ArrayList<>();
        for (String name : Grader.checkNames(against)) {
            checks.add(new Check(name, Check.PENDING, ""));
        }
        status = new ChecksStatus(against, ChecksStatus.CHECKING, Optional.of(savedAt), status.checkedAt(),
                Optional.empty(), checks, Optional.empty());
        try {
            WarmGrader.Run started = grader.grade(against, classes, new Progress(run));
            synchronized (this) {
                if (run == generation) {
                    running = started;
                } else {
                    started.cancel();
                }
            }
        } catch (IOException e) {
            status = withNote(status, ChecksStatus.DONE, "cannot grade: " + e.getMessage());
        }
    }

    private ChecksStatus failed(int against, Instant savedAt, CompileError error) {
        return new ChecksStatus(against, ChecksStatus.COMPILE_ERROR, Optional.of(savedAt), status.checkedAt(),
                Optional.of(error), status.checks(), Optional.empty());
    }

    private static ChecksStatus withNote(ChecksStatus s, String state, String note) {
        return new ChecksStatus(s.exercise(), state, s.savedAt(), Optional.of(Instant.now()), s.compileError(), s.checks(),
                Optional.of(note));
    }

    /** Updates the status as the checks of run {@code run} report, unless a newer save took over. */
    private final class Progress implements WarmGrader.Listener {
        private final long run;

        Progress(long run) {
            this.run = run;
        }

        @Override
        public void starting(String check) {
        }

        @Override
        public void result(CheckResult result) {
            update(s -> {
                List<Check> checks = new ArrayList<>(s.checks());
                for (int i = 0; i < checks.size(); i++) {
                    if (checks.get(i).name().equals(result.name())) {
                        checks.set(i, new Check(result.name(), result.passed() ? Check.PASS : Check.FAIL,
                                result.reason() == null ? "" : result.reason()));
                    }
                }
                return new ChecksStatus(s.exercise(), s.state(), s.savedAt(), s.checkedAt(), s.compileError(), checks,
                        s.note());
            });
        }

        @Override
        public void finished(Optional<String> problem) {
            ChecksStatus done;
            synchronized (SaveLoop.this) {
                if (run != generation) {
                    return; // a newer save took over
                }
                List<Check> checks = new ArrayList<>();
                for (Check c : status.checks()) {
                    checks.add(c.status().equals(Check.PENDING) && problem.isPresent()
                            ? new Check(c.name(), Check.ERROR, problem.get()) : c);
                }
                done = new ChecksStatus(status.exercise(), ChecksStatus.DONE, status.savedAt(),
                        Optional.of(Instant.now()), Optional.empty(), checks, problem);
            }
            // Kept before the status says done: whoever sees the verdict finds the record too.
            record(done);
            if (update(s -> done)) {
                log.info("exercise {}: {} of {} checks pass", done.exercise(), done.passed(), done.total());
            }
        }

        /** @return whether the change applied: no newer save took over */
        private boolean update(java.util.function.UnaryOperator<ChecksStatus> change) {
            synchronized (SaveLoop.this) {
                if (run == generation) {
                    status = change.apply(status);
                    return true;
                }
                return false;
            }
        }
    }

    /**
     * Keeps a finished run's outcome where {@code --grade} keeps its own, so a kit in a room reports the
     * checks the attendee sees on the dashboard. Only finished runs: a compile error while typing is not a verdict.
     */
    private void record(ChecksStatus done) {
        try {
            GradeRecord.of(done.exercise(), (int) done.passed(), done.total(), done.note().isPresent(),
                    done.checkedAt().orElseGet(Instant::now)).write(dataDir);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot keep exercise {}'s result in the data folder: {}", done.exercise(), e.getMessage());
        }
    }

    /** The line the compiler points at, as the file has it now. */
    private static String sourceLine(Path file, long line) {
        try {
            List<String> lines = Files.readAllLines(file);
            return line >= 1 && line <= lines.size() ? lines.get((int) line - 1) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void removeOlderClasses(long run) {
        try (var folders = Files.list(workDir)) {
            for (Path p : folders.filter(p -> p.getFileName().toString().startsWith("classes-")).toList()) {
                long n = Long.parseLong(p.getFileName().toString().substring("classes-".length()));
                if (n < run - 1) { // the one before may still be read by a run being cancelled
                    Folders.deleteRecursively(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the work folder goes as the kit stops
        }
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        loop.shutdownNow();
        synchronized (this) {
            generation++;
            if (running != null) {
                running.cancel();
            }
        }
        grader.close();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
            Folders.deleteRecursively(workDir);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", workDir, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
