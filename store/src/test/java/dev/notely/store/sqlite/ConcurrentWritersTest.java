package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.Note;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        Path childOutput = dir.resolve("child.log");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WriterMain.class.getName(), file.toString(), "child", String.valueOf(ROUNDS))
                .redirectErrorStream(true)
                .redirectOutput(childOutput.toFile())
                .start();
        try (SqliteNoteStore store = SqliteNoteStore.open("legacy", file)) {
            WriterWorkload.run(store, "parent", ROUNDS);
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child writer finished");
        String output = Files.readString(childOutput, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), "child writer failed:\n" + output);
        assertTrue(output.contains("done"), output);
        assertEverythingLanded(file, List.of("parent", "child"));
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
