package dev.notely.store.sqlite;

import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Point reads and last-write-wins writes through an instrumented {@link NoteStore}, one thread, each
 * printed beside its floor: the same statement through plain JDBC, prepared once, on the same file with
 * the same pragmas. The two are measured in turn, call by call, so both see the same machine.
 *
 * <p>Run from the repository root (the folder's disk decides the cost of an fsync; the default is the
 * temp folder):
 * <pre>
 * mvn -q -pl store -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=$PWD/store/target/bench.classpath
 * java -cp store/target/test-classes:store/target/classes:$(cat store/target/bench.classpath) \
 *     dev.notely.store.sqlite.StoreBenchmark [FOLDER]
 * </pre>
 */
public final class StoreBenchmark {

    private static final int OPERATIONS = 10_000;
    private static final int NOTES = 1_000;
    /** Calls of each kind before measuring; JDBI's call path is deep, and fewer left part of it uncompiled. */
    private static final int WARM_UP = 100_000;

    private static final String FIND = """
            SELECT id, creator, created_at, updated_at, content FROM notes WHERE id = ? AND creator = ?""";
    private static final String UPDATE = """
            UPDATE notes SET content = ?, updated_at = ? WHERE id = ? AND creator = ? AND updated_at < ?""";
    private static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM notes WHERE id = ? AND creator = ?)";

    public static void main(String[] args) throws Exception {
        Path parent = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(parent, "notely-store-bench");
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector())) {
            NoteStore store = stores.open("legacy");
            UUID account = UUID.randomUUID();
            Instant t0 = Instant.parse("2025-08-13T10:00:00Z");
            List<Note> notes = createNotes(store, account, t0, "note ");
            List<Note> plainNotes = createNotes(store, account, t0, "plain note "); // written only by the floor

            try (Plain plain = new Plain(dir.resolve("legacy.db"))) {
                for (int i = 0; i < WARM_UP; i++) { // warm up the JIT and the page cache, as a running proxy would be
                    UUID id = notes.get(i % NOTES).id();
                    plain.find(account, id);
                    store.getNote(account, id);
                }
                long[] plainReads = new long[OPERATIONS];
                long[] reads = new long[OPERATIONS];
                for (int i = 0; i < OPERATIONS; i++) {
                    UUID id = notes.get(i % NOTES).id();
                    long start = System.nanoTime();
                    plain.find(account, id);
                    long middle = System.nanoTime();
                    store.getNote(account, id);
                    reads[i] = System.nanoTime() - middle;
                    plainReads[i] = middle - start;
                }
                long[] plainWrites = new long[OPERATIONS];
                long[] writes = new long[OPERATIONS];
                for (int i = 0; i < OPERATIONS; i++) {
                    Instant at = t0.plusMillis(i + 1);
                    Note newer = notes.get(i % NOTES).withContent("update " + i, at);
                    Note plainNewer = plainNotes.get(i % NOTES).withContent("update " + i, at);
                    long start = System.nanoTime();
                    plain.update(account, plainNewer);
                    long middle = System.nanoTime();
                    store.updateNote(account, newer);
                    writes[i] = System.nanoTime() - middle;
                    plainWrites[i] = middle - start;
                }
                System.out.printf("store benchmark: %d point reads, %d last-write-wins writes, one thread, %s%n",
                        OPERATIONS, OPERATIONS, dir);
                report("read,  plain SQLite", plainReads);
                report("read,  store       ", reads);
                report("write, plain SQLite", plainWrites);
                report("write, store       ", writes);
                System.out.printf("store p50 / plain SQLite p50: read %.1fx, write %.1fx%n",
                        (double) p50(reads) / p50(plainReads), (double) p50(writes) / p50(plainWrites));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Note> createNotes(NoteStore store, UUID account, Instant at, String prefix) {
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < NOTES; i++) {
            Note n = new Note(UUID.randomUUID(), account, at, at, prefix + i);
            store.createNote(account, n);
            notes.add(n);
        }
        return notes;
    }

    /** The floor: what the store's statements cost through plain JDBC, prepared once, with no framework. */
    private static final class Plain implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement find;
        private final PreparedStatement update;
        private final PreparedStatement exists;

        Plain(Path file) throws SQLException {
            connection = SqliteDatabase.connectionConfig(true).createConnection("jdbc:sqlite:" + file);
            find = connection.prepareStatement(FIND);
            update = connection.prepareStatement(UPDATE);
            exists = connection.prepareStatement(EXISTS);
        }

        Note find(UUID account, UUID id) throws SQLException {
            find.setString(1, id.toString());
            find.setString(2, account.toString());
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("note " + id + " is missing");
                }
                return new Note(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)),
                        Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5));
            }
        }

        /** As {@code updateNote}: the update and, when it matched nothing, the existence check, in one transaction. */
        boolean update(UUID account, Note note) throws SQLException {
            connection.setAutoCommit(false);
            try {
                update.setString(1, note.content());
                update.setLong(2, note.updatedAt().toEpochMilli());
                update.setString(3, note.id().toString());
                update.setString(4, account.toString());
                update.setLong(5, note.updatedAt().toEpochMilli());
                boolean found = update.executeUpdate() > 0;
                if (!found) {
                    exists.setString(1, note.id().toString());
                    exists.setString(2, account.toString());
                    try (ResultSet rs = exists.executeQuery()) {
                        found = rs.next() && rs.getBoolean(1);
                    }
                }
                connection.commit();
                return found;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static long p50(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s p50 %8.1f us   p99 %8.1f us   max %8.1f us%n", label,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }
}
