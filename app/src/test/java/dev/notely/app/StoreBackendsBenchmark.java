package dev.notely.app;

import dev.notely.app.data.Folders;
import dev.notely.app.grading.StageInstaller;

import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.loadgen.LoadSettings;
import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.StoreServers;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;

/**
 * The note store {@code new} on SQLite and on PostgreSQL, in one run. {@code ops}: point reads and
 * last-write-wins writes through the store as a proxy opens it (instrumented, pooled), one thread, each
 * beside its floor: the same statement on one plain JDBC connection, prepared once; for PostgreSQL also
 * {@code SELECT 1}, one round trip to the server. All four are measured in turn, call by call, so they
 * see the same machine. {@code load}: exercise 1's solution serving simulated users who all migrate, with
 * {@code new} on SQLite, then on PostgreSQL.
 *
 * <p>The server is the one {@code NOTELY_TEST_POSTGRES_URL} names (as for the tests); the benchmark works
 * in a schema of its own and drops it. Build as for {@link AppBenchmark}, then from the kit folder:
 * {@code java -cp "app/target/test-classes:app/target/classes:$(cat /tmp/bench-cp.txt)"
 * dev.notely.app.StoreBackendsBenchmark [ops [N]] [load [accounts rpm seconds]]}.
 */
public final class StoreBackendsBenchmark {

    static final String USAGE = """
            usage: NOTELY_TEST_POSTGRES_URL=jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD \\
                   java -cp <app test classes, classes and dependencies> dev.notely.app.StoreBackendsBenchmark [part [numbers]] ...
              ops [operations]                 point reads and writes of each kind (default 10000)      about 2 min
              load [accounts rpm seconds]      simulated users on exercise 1's solution, all migrating,
                                               new on SQLite then on PostgreSQL (default 200 60 30)      about 2 min
              no part: both with their defaults
            """;

    private static final int NOTES = 1_000;
    private static final int WARM_UP = 20_000;
    private static final Instant T0 = Instant.parse("2025-08-13T10:00:00Z");

    // The stores' own statements (a deleted note stays as a tombstone, so every one skips those).
    private static final String FIND = """
            SELECT id, creator, created_at, updated_at, content FROM notes
            WHERE id = ? AND creator = ? AND deleted_at IS NULL""";
    private static final String SQLITE_UPDATE = """
            UPDATE notes SET content = ?, updated_at = ?
            WHERE id = ? AND creator = ? AND deleted_at IS NULL AND updated_at < ?""";
    private static final String SQLITE_EXISTS = "SELECT EXISTS (SELECT 1 FROM notes WHERE id = ? AND creator = ? AND deleted_at IS NULL)";
    /** The PostgreSQL store's last-write-wins update: one statement, so one round trip. */
    private static final String POSTGRES_UPDATE = """
            WITH applied AS (
              UPDATE notes SET content = ?, updated_at = ?
              WHERE id = ? AND creator = ? AND deleted_at IS NULL AND updated_at < ?
              RETURNING id)
            SELECT EXISTS (SELECT 1 FROM applied)
                OR EXISTS (SELECT 1 FROM notes WHERE id = ? AND creator = ? AND deleted_at IS NULL)""";

    private StoreBackendsBenchmark() {
    }

    private record Part(String name, List<Integer> numbers) {
        int number(int index, int fallback) {
            return index < numbers.size() ? numbers.get(index) : fallback;
        }
    }

    public static void main(String[] args) throws Exception {
        String server = System.getenv("NOTELY_TEST_POSTGRES_URL");
        List<Part> parts;
        try {
            if (server == null || server.isBlank()) {
                throw new IllegalArgumentException("NOTELY_TEST_POSTGRES_URL names no PostgreSQL database");
            }
            parts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("StoreBackendsBenchmark: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        System.out.println("Store backends benchmark on " + AppBenchmark.machine());
        System.out.println("PostgreSQL " + serverVersion(server) + " at " + redacted(server));
        Path tmp = Files.createTempDirectory("notely-backends-bench");
        try {
            for (Part part : parts) {
                System.out.println();
                switch (part.name()) {
                    case "ops" -> ops(tmp.resolve("ops"), server, part.number(0, 10_000));
                    case "load" -> load(tmp.resolve("load"), server,
                            new LoadSettings(part.number(0, 200), 3, part.number(1, 60)), part.number(2, 30));
                    default -> throw new IllegalStateException(part.name());
                }
            }
        } finally {
            Folders.deleteRecursively(tmp);
        }
        System.exit(0); // as Main does: a pool's thread must not keep the benchmark from ending
    }

    private static List<Part> parse(String[] args) {
        List<String> known = List.of("ops", "load");
        List<Part> parts = new ArrayList<>();
        for (String arg : args) {
            if (known.contains(arg)) {
                parts.add(new Part(arg, new ArrayList<>()));
            } else if (arg.matches("\\d{1,6}") && !parts.isEmpty() && Integer.parseInt(arg) > 0) {
                parts.get(parts.size() - 1).numbers().add(Integer.parseInt(arg));
            } else {
                throw new IllegalArgumentException("'" + arg + "' is not a part or a positive number after one");
            }
        }
        int[] most = {1, 3};
        for (Part part : parts) {
            if (part.numbers().size() > most[known.indexOf(part.name())]) {
                throw new IllegalArgumentException("too many numbers after " + part.name());
            }
        }
        return parts.isEmpty() ? known.stream().map(name -> new Part(name, List.of())).toList() : parts;
    }

    // ---------------------------------------------------------------- ops

    private static void ops(Path dir, String server, int operations) throws Exception {
        Files.createDirectories(dir);
        try (Schema schema = Schema.create(server);
             SqliteNoteStores files = new SqliteNoteStores(dir.resolve("sqlite"), new StatsCollector());
             SqliteNoteStores onServer = new SqliteNoteStores(dir.resolve("postgres"), new StatsCollector(),
                     StoreServers.parse(List.of("new=" + schema.url())))) {
            UUID account = UUID.randomUUID();
            NoteStore sqliteStore = files.open("new");
            NoteStore postgresStore = onServer.open("new");
            List<Note> sqliteNotes = createNotes(sqliteStore, account, "note ");
            List<Note> sqlitePlainNotes = createNotes(sqliteStore, account, "plain note "); // written only by the floor
            List<Note> postgresNotes = createNotes(postgresStore, account, "note ");
            List<Note> postgresPlainNotes = createNotes(postgresStore, account, "plain note ");
            try (PlainSqlite sqlitePlain = new PlainSqlite(dir.resolve("sqlite").resolve("new.db"));
                 PlainPostgres postgresPlain = new PlainPostgres(schema.url())) {
                for (int i = 0; i < WARM_UP; i++) { // the JIT, the page caches and the pool, as in a running proxy
                    UUID s = sqliteNotes.get(i % NOTES).id();
                    UUID p = postgresNotes.get(i % NOTES).id();
                    sqlitePlain.find(account, s);
                    sqliteStore.getNote(account, s);
                    postgresPlain.find(account, p);
                    postgresStore.getNote(account, p);
                    postgresPlain.ping();
                }
                long[][] reads = new long[5][operations];
                for (int i = 0; i < operations; i++) {
                    UUID s = sqliteNotes.get(i % NOTES).id();
                    UUID p = postgresNotes.get(i % NOTES).id();
                    long t0 = System.nanoTime();
                    sqlitePlain.find(account, s);
                    long t1 = System.nanoTime();
                    sqliteStore.getNote(account, s);
                    long t2 = System.nanoTime();
                    postgresPlain.find(account, p);
                    long t3 = System.nanoTime();
                    postgresStore.getNote(account, p);
                    long t4 = System.nanoTime();
                    postgresPlain.ping();
                    long t5 = System.nanoTime();
                    reads[0][i] = t1 - t0;
                    reads[1][i] = t2 - t1;
                    reads[2][i] = t3 - t2;
                    reads[3][i] = t4 - t3;
                    reads[4][i] = t5 - t4;
                }
                long[][] writes = new long[4][operations];
                for (int i = 0; i < operations; i++) {
                    Instant at = T0.plusMillis(i + 1);
                    String content = "update " + i;
                    Note s = sqliteNotes.get(i % NOTES).withContent(content, at);
                    Note sp = sqlitePlainNotes.get(i % NOTES).withContent(content, at);
                    Note p = postgresNotes.get(i % NOTES).withContent(content, at);
                    Note pp = postgresPlainNotes.get(i % NOTES).withContent(content, at);
                    long t0 = System.nanoTime();
                    sqlitePlain.update(account, sp);
                    long t1 = System.nanoTime();
                    sqliteStore.updateNote(account, s);
                    long t2 = System.nanoTime();
                    postgresPlain.update(account, pp);
                    long t3 = System.nanoTime();
                    postgresStore.updateNote(account, p);
                    long t4 = System.nanoTime();
                    writes[0][i] = t1 - t0;
                    writes[1][i] = t2 - t1;
                    writes[2][i] = t3 - t2;
                    writes[3][i] = t4 - t3;
                }
                System.out.printf("ops: %,d point reads and %,d last-write-wins writes of each kind, one thread, %,d notes"
                        + " per store, after %,d warm-up reads%n", operations, operations, NOTES, WARM_UP);
                System.out.println("  store: `new` as a proxy opens it (instrumented; PostgreSQL through its pool);"
                        + " FLOOR: the same SQL on one plain JDBC connection, prepared once");
                System.out.println("  SQLite, a file with WAL and synchronous=FULL (commits wait for the disk):");
                report("read,  store      ", reads[1]);
                report("read,  FLOOR plain", reads[0]);
                report("write, store      ", writes[1]);
                report("write, FLOOR plain", writes[0]);
                System.out.println("  PostgreSQL, over TCP (commits wait for the server's WAL flush):");
                report("read,  store      ", reads[3]);
                report("read,  FLOOR plain", reads[2]);
                report("read,  FLOOR SELECT 1 (one round trip)", reads[4]);
                report("write, store      ", writes[3]);
                report("write, FLOOR plain", writes[2]);
                System.out.printf(Locale.ROOT, "  store over its floor, p50: SQLite read %.1fx, write %.1fx; PostgreSQL read"
                                + " %.1fx, write %.1fx%n", ratio(reads[1], reads[0]), ratio(writes[1], writes[0]),
                        ratio(reads[3], reads[2]), ratio(writes[3], writes[2]));
                System.out.printf(Locale.ROOT, "  PostgreSQL store over SQLite store, p50: read %.1fx, write %.1fx%n",
                        ratio(reads[3], reads[1]), ratio(writes[3], writes[1]));
            }
        }
    }

    private static List<Note> createNotes(NoteStore store, UUID account, String prefix) {
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < NOTES; i++) {
            Note n = new Note(UUID.randomUUID(), account, T0, T0, prefix + i);
            store.createNote(account, n);
            notes.add(n);
        }
        return notes;
    }

    /** The SQLite floor: the store's statements on one connection, with the store's pragmas. */
    private static final class PlainSqlite implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement find;
        private final PreparedStatement update;
        private final PreparedStatement exists;

        PlainSqlite(Path file) throws SQLException {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            connection = config.createConnection("jdbc:sqlite:" + file);
            find = connection.prepareStatement(FIND);
            update = connection.prepareStatement(SQLITE_UPDATE);
            exists = connection.prepareStatement(SQLITE_EXISTS);
        }

        void find(UUID account, UUID id) throws SQLException {
            readNote(find, account, id);
        }

        /** As the store does: the update and, when it matched nothing, the existence check, in one transaction. */
        void update(UUID account, Note note) throws SQLException {
            connection.setAutoCommit(false);
            try {
                update.setString(1, note.content());
                update.setLong(2, note.updatedAt().toEpochMilli());
                update.setString(3, note.id().toString());
                update.setString(4, account.toString());
                update.setLong(5, note.updatedAt().toEpochMilli());
                if (update.executeUpdate() == 0) {
                    exists.setString(1, note.id().toString());
                    exists.setString(2, account.toString());
                    try (ResultSet rs = exists.executeQuery()) {
                        rs.next();
                    }
                }
                connection.commit();
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

    /** The PostgreSQL floor: the store's statements on one connection, no pool and no JDBI. */
    private static final class PlainPostgres implements AutoCloseable {
        private final Connection connection;
        private final PreparedStatement find;
        private final PreparedStatement update;
        private final PreparedStatement ping;

        PlainPostgres(String url) throws SQLException {
            connection = DriverManager.getConnection(url);
            find = connection.prepareStatement(FIND);
            update = connection.prepareStatement(POSTGRES_UPDATE);
            ping = connection.prepareStatement("SELECT 1");
        }

        void find(UUID account, UUID id) throws SQLException {
            readNote(find, account, id);
        }

        void update(UUID account, Note note) throws SQLException {
            update.setString(1, note.content());
            update.setLong(2, note.updatedAt().toEpochMilli());
            update.setString(3, note.id().toString());
            update.setString(4, account.toString());
            update.setLong(5, note.updatedAt().toEpochMilli());
            update.setString(6, note.id().toString());
            update.setString(7, account.toString());
            try (ResultSet rs = update.executeQuery()) {
                rs.next();
            }
        }

        void ping() throws SQLException {
            try (ResultSet rs = ping.executeQuery()) {
                rs.next();
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static Note readNote(PreparedStatement find, UUID account, UUID id) throws SQLException {
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

    // ---------------------------------------------------------------- load

    private static void load(Path dir, String server, LoadSettings settings, int seconds) throws Exception {
        long[] wire = AppBenchmark.wireDelay(Options.parse(List.of()).networkDelay());
        System.out.printf("load: exercise 1's solution, %d accounts x %d rpm (%.0f req/s offered), every account"
                        + " migrating, default network delay; %d s measured after set-up and 5 s of warm-up%n",
                settings.concurrency(), settings.rpm(), settings.requestsPerSecond(), seconds);
        System.out.printf(Locale.ROOT, "  FLOOR             p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms   simulated wire delay"
                        + " of one proxy call%n", AppBenchmark.percentileMillis(wire, 0.50),
                AppBenchmark.percentileMillis(wire, 0.95), AppBenchmark.percentileMillis(wire, 0.99));
        loadOnce(dir.resolve("sqlite"), null, settings, seconds, "new on SQLite    ");
        try (Schema schema = Schema.create(server)) {
            loadOnce(dir.resolve("postgres"), schema.url(), settings, seconds, "new on PostgreSQL");
        }
    }

    private static void loadOnce(Path dataDir, String newUrl, LoadSettings settings, int seconds, String label)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--headless", "--port", "0", "--data-dir", dataDir.toString(),
                "--proxy-source", StageInstaller.stageSources(ControllerFixture.KIT_ROOT, "exercise1-complete").toString()));
        if (newUrl != null) {
            args.addAll(List.of("--store", "new=" + newUrl));
        }
        LatencySample latencies = new LatencySample(200_000);
        try (Kit kit = Kit.start(Options.parse(args));
             NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort(), latencies::record)) {
            LoadGenerator load = LoadGenerator.start(client, kit.stats, settings);
            try {
                Await.until(Duration.ofSeconds(120), "accounts to be set up", () -> load.accountIds().size() == settings.concurrency());
                for (Account account : client.listAccounts()) {
                    client.updateAccount(account.withMigrating(true));
                }
                Thread.sleep(5_000); // warm-up period of steady traffic, not synchronization
                latencies.reset();
                long requestsBefore = load.requests();
                long failuresBefore = load.failureCount();
                long missesBefore = load.misses();
                long start = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // the measured period
                double elapsed = (System.nanoTime() - start) / 1e9;
                Map<String, Long> counts = kit.stats.snapshot().noteCounts();
                System.out.printf(Locale.ROOT, "  %s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms   %.1f req/s, failed %d,"
                                + " misses %d; notes legacy %d, new %d%n", label, latencies.percentileMillis(0.50),
                        latencies.percentileMillis(0.95), latencies.percentileMillis(0.99),
                        (load.requests() - requestsBefore) / elapsed, load.failureCount() - failuresBefore,
                        load.misses() - missesBefore, counts.getOrDefault("legacy", 0L), counts.getOrDefault("new", 0L));
            } finally {
                load.close();
            }
        }
    }

    // ---------------------------------------------------------------- the server

    /** A schema of the benchmark's own on the server, dropped with everything in it at the end. */
    private record Schema(String server, String name) implements AutoCloseable {

        static Schema create(String server) throws SQLException {
            String name = "notely_bench_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + name);
            }
            return new Schema(server, name);
        }

        String url() {
            return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + name + " CASCADE");
            }
        }
    }

    private static String serverVersion(String server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server)) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    private static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    // ---------------------------------------------------------------- figures

    private static double ratio(long[] a, long[] b) {
        return (double) AppBenchmark.median(a) / AppBenchmark.median(b);
    }

    private static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "    %-38s p50 %8.1f us   p99 %8.1f us   max %8.1f us%n", label,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
    }
}
