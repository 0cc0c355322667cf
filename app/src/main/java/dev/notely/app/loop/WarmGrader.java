package dev.notely.app.loop;

import dev.notely.app.data.Folders;
import dev.notely.app.grading.GradingJvm;
import dev.notely.checks.CheckResult;
import dev.notely.telemetry.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Grades in child JVMs ({@link GradingJvm}), keeping one started and waiting, as the kit keeps a
 * standby proxy: the child that grades a save was booted before the save. Each child grades once, so
 * nothing of one save's code lives on into the next, and cancelling a run is ending its process.
 */
final class WarmGrader implements AutoCloseable {

    /** What a run tells as it goes. */
    interface Listener {
        void starting(String check);

        void result(CheckResult result);

        /** The run ended; {@code problem} says why it stopped early, if it did. */
        void finished(Optional<String> problem);
    }

    /** A grading under way. */
    record Run(Process process, CompletableFuture<Void> done) {
        void cancel() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private record Child(Process process, Path scratch, BufferedReader output) {
    }

    private final Path workDir;
    private Child spare;
    private boolean closed;

    WarmGrader(Path workDir) {
        this.workDir = workDir;
    }

    /** Starts the spare child now, so the first save does not wait for it. */
    synchronized void warmUp() {
        if (spare == null && !closed) {
            spare = startChild().orElse(null);
        }
    }

    /**
     * Grades {@code classes} against {@code exercise} in the spare child (or a new one), then starts the next spare.
     *
     * @throws IOException when no grading JVM can be started
     */
    Run grade(int exercise, Path classes, Listener listener) throws IOException {
        Child child;
        synchronized (this) {
            if (closed) {
                throw new IOException("the kit is stopping");
            }
            child = spare != null && spare.process().isAlive() ? spare : startChild().orElseThrow(
                    () -> new IOException("cannot start a JVM to grade in"));
            spare = null;
        }
        GradingJvm.ask(child.process(), exercise, classes, true);
        CompletableFuture<Void> done = new CompletableFuture<>();
        DaemonThreads.named("grading-relay").newThread(() -> relay(child, listener, done)).start();
        DaemonThreads.named("grading-spare").newThread(this::warmUp).start();
        return new Run(child.process(), done);
    }

    private void relay(Child child, Listener listener, CompletableFuture<Void> done) {
        String[] current = {null};
        boolean finished = false;
        try {
            finished = GradingJvm.read(child.output(), new GradingJvm.Output() {
                @Override
                public void starting(String check) {
                    current[0] = check;
                    listener.starting(check);
                }

                @Override
                public void result(CheckResult result) {
                    listener.result(result);
                }
            });
            child.process().waitFor();
        } catch (IOException e) {
            // the child is gone: said below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            child.process().descendants().forEach(ProcessHandle::destroyForcibly);
            remove(child.scratch());
        }
        listener.finished(finished ? Optional.empty() : Optional.of("the grading stopped"
                + (current[0] == null ? "" : " during " + current[0]) + " (exit code "
                + (child.process().isAlive() ? "?" : child.process().exitValue())
                + "): does DataProxy call System.exit or Runtime.halt?"));
        done.complete(null);
    }

    private Optional<Child> startChild() {
        try {
            Files.createDirectories(workDir);
            Path scratch = Files.createTempDirectory(workDir, "grade");
            Process process = GradingJvm.start(scratch);
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            return Optional.of(new Child(process, scratch, output));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void remove(Path scratch) {
        try {
            Folders.deleteRecursively(scratch);
        } catch (IOException e) {
            // in the loop's work folder, removed as the kit stops
        }
    }

    /** The waiting child's process id, for measuring what it costs. */
    synchronized Optional<Long> sparePid() {
        return spare == null ? Optional.empty() : Optional.of(spare.process().pid());
    }

    /** Ends the spare; runs under way are the caller's to cancel. */
    @Override
    public void close() {
        Child last;
        synchronized (this) {
            closed = true;
            last = spare;
            spare = null;
        }
        if (last != null) {
            last.process().destroyForcibly();
            remove(last.scratch());
        }
    }
}
