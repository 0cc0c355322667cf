package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.Note;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two data proxies write the same SQLite files during a rollout. Separate connection pools (and, in
 * one test, separate JVMs) racing on one file must lose no acknowledged write and never hand
 * SQLITE_BUSY to the caller.
 */
class ConcurrentWritersTest {

    private static final int ROUNDS = 200;

    @TempDir
    Path dir;

    @Test
    void twoHandlesInOneProcessLoseNothing() throws Exception {
        Path file = dir.resolve("legacy.db");
        List<String> writers = List.of("a", "b", "c", "d");
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        List<SqliteNoteStore> handles = List.of(SqliteNoteStore.open("legacy", file), SqliteNoteStore.open("legacy", file));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers.size(); w++) {
                SqliteNoteStore handle = handles.get(w % 2);
                String writer = writers.get(w);
                done.add(pool.submit(() -> WriterWorkload.run(handle, writer, ROUNDS)));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // rethrows any exception a writer saw, SQLITE_BUSY included
            }
        } finally {
            pool.shutdownNow();
            handles.forEach(SqliteNoteStore::close);
        }
        assertEverythingLanded(file, writers);
    }

    @Test
    void twoProcessesLoseNothing() throws Exception {
        Path file = dir.resolve("legacy.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WriterMain.class.getName(), file.toString(), "child", String.valueOf(ROUNDS))
                .redirectErrorStream(true)
                .start();
        ChildOutput output = new ChildOutput(child);
        try (SqliteNoteStore store = SqliteNoteStore.open("legacy", file)) {
            // Both stores are open before either writes, so the two processes contend for the file.
            assertTrue(output.awaitLine(WriterMain.READY, Duration.ofSeconds(30)),
                    "the child writer did not open the store within 30 s:\n" + output);
            try (Writer go = child.outputWriter(StandardCharsets.UTF_8)) {
                go.write("go\n");
            }
            WriterWorkload.run(store, "parent", ROUNDS);
        } finally {
            child.getOutputStream().close(); // a child still waiting for the start signal gives up
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        output.awaitEnd(Duration.ofSeconds(10));
        assertEquals(0, child.exitValue(), "child writer failed:\n" + output);
        assertTrue(output.saw(WriterMain.DONE), output.toString());
        assertEverythingLanded(file, List.of("parent", "child"));
    }

    /** Collects a child's output lines as they come, so the test can wait for one with a deadline. */
    private static final class ChildOutput {

        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        ChildOutput(Process child) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = child.inputReader(StandardCharsets.UTF_8)) {
                    for (String line; (line = in.readLine()) != null; ) {
                        add(line);
                    }
                } catch (IOException e) {
                    add("(reading the child's output failed: " + e + ")");
                } finally {
                    synchronized (this) {
                        ended = true;
                        notifyAll();
                    }
                }
            }, "writer-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        private synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        synchronized boolean saw(String line) {
            return lines.contains(line);
        }

        /** Waits until {@code line} has been printed; false when the deadline passes or the output ends first. */
        synchronized boolean awaitLine(String line, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!lines.contains(line) && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return lines.contains(line);
        }

        synchronized void awaitEnd(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        @Override
        public synchronized String toString() {
            return String.join("\n", lines);
        }
    }

    private static void assertEverythingLanded(Path file, List<String> writers) {
        try (SqliteNoteStore store = SqliteNoteStore.open("legacy", file)) {
            for (String writer : writers) {
                for (int i = 0; i < ROUNDS; i++) {
                    Note own = store.getNote(WriterWorkload.ACCOUNT, WriterWorkload.ownNoteId(writer, i))
                            .orElseThrow(() -> new AssertionError("lost an acknowledged create"));
                    assertEquals(writer + " " + own.content().split(" ")[1], own.content());
                }
            }
            for (int s = 0; s < WriterWorkload.SHARED_NOTES; s++) {
                Note shared = store.getNote(WriterWorkload.ACCOUNT, WriterWorkload.sharedNoteId(s)).orElseThrow();
                int lastRound = ROUNDS - WriterWorkload.SHARED_NOTES + s;
                assertEquals(WriterWorkload.BASE.plusMillis(lastRound + 1), shared.updatedAt(),
                        "the newest acknowledged write wins");
                assertTrue(shared.content().endsWith(" " + lastRound), shared.content());
            }
            assertEquals((long) writers.size() * ROUNDS + WriterWorkload.SHARED_NOTES, store.totalNotes());
        }
    }
}
