package dev.notely.store.sqlite;

import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Point reads and last-write-wins writes through an instrumented {@link NoteStore}, one thread.
 * Run with: {@code mvn -q -pl store exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.notely.store.sqlite.StoreBenchmark [-Dexec.args=FOLDER]} (the folder's disk decides the
 * cost of an fsync; the default is the temp folder)
 */
public final class StoreBenchmark {

    private static final int OPERATIONS = 10_000;
    private static final int NOTES = 1_000;

    public static void main(String[] args) throws Exception {
        Path parent = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(parent, "notely-store-bench");
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector())) {
            NoteStore store = stores.open("legacy");
            UUID account = UUID.randomUUID();
            Instant t0 = Instant.parse("2025-08-13T10:00:00Z");
            List<Note> notes = new ArrayList<>();
            for (int i = 0; i < NOTES; i++) {
                Note n = new Note(UUID.randomUUID(), account, t0, t0, "note " + i);
                store.createNote(account, n);
                notes.add(n);
            }
            for (int i = 0; i < 20_000; i++) { // warm up the JIT and the page cache, as a running proxy would be
                store.getNote(account, notes.get(i % NOTES).id());
            }
            long[] reads = new long[OPERATIONS];
            for (int i = 0; i < OPERATIONS; i++) {
                UUID id = notes.get(i % NOTES).id();
                long start = System.nanoTime();
                store.getNote(account, id);
                reads[i] = System.nanoTime() - start;
            }
            long[] writes = new long[OPERATIONS];
            for (int i = 0; i < OPERATIONS; i++) {
                Note n = notes.get(i % NOTES);
                Note newer = n.withContent("update " + i, t0.plusMillis(i + 1));
                long start = System.nanoTime();
                store.updateNote(account, newer);
                writes[i] = System.nanoTime() - start;
            }
            System.out.printf("store benchmark: %d point reads, %d last-write-wins writes, one thread, %s%n",
                    OPERATIONS, OPERATIONS, dir);
            report("read ", reads);
            report("write", writes);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s p50 %8.1f us   p99 %8.1f us   max %8.1f us%n", label,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }
}
