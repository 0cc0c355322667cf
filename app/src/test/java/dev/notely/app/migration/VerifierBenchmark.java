package dev.notely.app.migration;

import dev.notely.app.AppBenchmark;
import dev.notely.app.data.Folders;

import dev.notely.api.VerificationReport;
import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteAccountStore;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Verification time for 100 000 notes (target: under 10 s on the 2-core machine), beside a floor measured in
 * the same run: a plain SQLite full-table scan of the same files (every note row, every column, and the
 * accounts table) through raw JDBC, which is the least any verification of these files must read.
 *
 * <p>Two shapes of the same 100 000 notes: few accounts with many notes (1 000 × 100) and many accounts with
 * few (20 000 × 5, the shape simulated users make); half the accounts not migrating (notes in legacy), a
 * quarter migrated to new, a quarter sharded to second. Each shape is verified clean, then with 1 % of the
 * migrated accounts' notes left behind in legacy, which adds the re-checks (their pauses are counted).
 *
 * <p>Build as BENCHMARKS.md says, then from the kit folder: {@code java -cp
 * "app/target/test-classes:app/target/classes:$(cat /tmp/bench-cp.txt)" dev.notely.app.migration.VerifierBenchmark
 * [accounts notes-per-account ...]}.
 */
public final class VerifierBenchmark {

    static final double TARGET_SECONDS = 10;
    private static final int RUNS = 3;

    private VerifierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<int[]> shapes = new ArrayList<>();
        if (args.length == 0) {
            shapes.add(new int[] {1_000, 100});
            shapes.add(new int[] {20_000, 5});
        } else if (args.length % 2 == 0 && Arrays.stream(args).allMatch(a -> a.matches("[1-9]\\d{0,6}"))) {
            for (int i = 0; i < args.length; i += 2) {
                shapes.add(new int[] {Integer.parseInt(args[i]), Integer.parseInt(args[i + 1])});
            }
        } else {
            System.err.println("usage: VerifierBenchmark [accounts notes-per-account ...]   (default: 1000 100 20000 5)");
            System.exit(2);
            return;
        }
        System.out.println("Notely verification benchmark on " + AppBenchmark.machine());
        System.out.println("Each figure is the median of " + RUNS + " runs after one warm-up, beside a FLOOR measured in turn");
        System.out.println("with it: a plain SQLite scan of every note row and the accounts table of the same files.");
        Path tmp = Files.createTempDirectory("notely-verify-bench");
        try {
            for (int[] shape : shapes) {
                run(tmp.resolve(shape[0] + "x" + shape[1]), shape[0], shape[1]);
            }
        } finally {
            Folders.deleteRecursively(tmp);
        }
        System.exit(0);
    }

    private static void run(Path dir, int accountCount, int perAccount) throws Exception {
        Files.createDirectories(dir);
        System.out.println();
        long total = (long) accountCount * perAccount;
        System.out.printf(Locale.ROOT, "%,d accounts × %,d notes = %,d notes%n", accountCount, perAccount, total);
        List<UUID> migrated = fill(dir, accountCount, perAccount);
        measure(dir, "clean", total);
        int left = leaveBehind(dir, migrated, perAccount);
        measure(dir, "1 % out of place (" + String.format(Locale.ROOT, "%,d", left) + " notes, re-checked "
                + Verifier.RECHECKS + "× " + Verifier.RECHECK_PAUSE.toMillis() + " ms apart)", total);
    }

    private static void measure(Path dir, String label, long notes) throws Exception {
        long[] verify = new long[RUNS];
        long[] floor = new long[RUNS];
        VerificationReport last = null;
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir);
             SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector())) {
            Verifier verifier = new Verifier(accounts, stores, NoteStores.NAMES);
            verifier.verify(); // warm-up: the JIT, the page cache, the connections
            scan(dir);
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                last = verifier.verify();
                verify[i] = System.nanoTime() - start;
                start = System.nanoTime();
                long rows = scan(dir);
                floor[i] = System.nanoTime() - start;
                if (rows < notes) {
                    throw new IllegalStateException("the floor read " + rows + " rows, not " + notes);
                }
            }
        }
        if (last.summary().notesChecked() != notes) {
            throw new IllegalStateException("verified " + last.summary().notesChecked() + " notes, not " + notes);
        }
        double seconds = median(verify) / 1e9;
        System.out.printf(Locale.ROOT, "  %s%n", label);
        System.out.printf(Locale.ROOT, "    verification %6.2f s  (%,.0f notes/s; runs %s)   target < %.0f s: %s%n", seconds,
                notes / seconds, runs(verify), TARGET_SECONDS, seconds < TARGET_SECONDS ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "    FLOOR        %6.2f s  (plain SQLite scan of the same rows; runs %s)%n",
                median(floor) / 1e9, runs(floor));
        System.out.printf(Locale.ROOT, "    found: %,d unexpected, %,d settled; %s%n", last.summary().notesUnexpected(),
                last.summary().notesSettled(), VerificationText.headline(last));
    }

    /** The accounts and their notes, written with plain JDBC in one transaction per file. Returns the migrated accounts. */
    private static List<UUID> fill(Path dir, int accountCount, int perAccount) throws SQLException {
        // The kit makes the files and their schema; the rows go in fast.
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir);
             SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector())) {
            NoteStores.NAMES.forEach(stores::open);
            accounts.healthCheck();
        }
        List<UUID> migrated = new ArrayList<>();
        try (Connection accountsDb = connect(dir.resolve("accounts.db"));
             Connection legacy = connect(dir.resolve("legacy.db"));
             Connection fresh = connect(dir.resolve("new.db"));
             Connection second = connect(dir.resolve("second.db"));
             PreparedStatement account = accountsDb.prepareStatement(
                     "INSERT INTO accounts (id, name, is_migrating, shard) VALUES (?, ?, ?, ?)");
             PreparedStatement inLegacy = legacy.prepareStatement(INSERT);
             PreparedStatement inNew = fresh.prepareStatement(INSERT);
             PreparedStatement inSecond = second.prepareStatement(INSERT)) {
            long t0 = 1_755_079_200_000L;
            for (int a = 0; a < accountCount; a++) {
                UUID id = UUID.randomUUID();
                int group = a % 4; // 0, 1: not migrating; 2: migrated to new; 3: sharded to second
                account.setString(1, id.toString());
                account.setString(2, "bench-" + a);
                account.setInt(3, group >= 2 ? 1 : 0);
                account.setString(4, group == 3 ? "second" : null);
                account.addBatch();
                if (group == 2) {
                    migrated.add(id);
                }
                PreparedStatement home = group < 2 ? inLegacy : group == 2 ? inNew : inSecond;
                for (int n = 0; n < perAccount; n++) {
                    home.setString(1, UUID.randomUUID().toString());
                    home.setString(2, id.toString());
                    home.setLong(3, t0 + n);
                    home.setLong(4, t0 + n);
                    home.setString(5, "note " + n + " of account " + a + ", a line of text as people write them");
                    home.addBatch();
                }
            }
            account.executeBatch();
            inLegacy.executeBatch();
            inNew.executeBatch();
            inSecond.executeBatch();
            for (Connection c : List.of(accountsDb, legacy, fresh, second)) {
                c.commit();
            }
        }
        return migrated;
    }

    /** Moves 1 % of the migrated accounts' notes back to legacy, as if nobody had written them since. */
    private static int leaveBehind(Path dir, List<UUID> migrated, int perAccount) throws SQLException {
        int goal = Math.max(1, migrated.size() * perAccount / 100);
        int moved = 0;
        try (Connection fresh = connect(dir.resolve("new.db"));
             Statement attach = fresh.createStatement()) {
            attach.execute("ATTACH DATABASE '" + dir.resolve("legacy.db").toString().replace("'", "''") + "' AS legacy");
            try (PreparedStatement copy = fresh.prepareStatement(
                         "INSERT INTO legacy.notes (id, creator, created_at, updated_at, content) "
                                 + "SELECT id, creator, created_at, updated_at, content FROM main.notes WHERE creator = ? "
                                 + "ORDER BY id LIMIT ?");
                 PreparedStatement remove = fresh.prepareStatement(
                         "DELETE FROM main.notes WHERE id IN (SELECT id FROM legacy.notes WHERE creator = ?)")) {
                for (UUID account : migrated) {
                    if (moved >= goal) {
                        break;
                    }
                    int take = Math.min(perAccount, goal - moved);
                    copy.setString(1, account.toString());
                    copy.setInt(2, take);
                    moved += copy.executeUpdate();
                    remove.setString(1, account.toString());
                    remove.executeUpdate();
                }
            }
            fresh.commit();
        }
        return moved;
    }

    private static final String INSERT =
            "INSERT INTO notes (id, creator, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)";

    /** The floor: every live note row of every store and every account row, all columns read, plain JDBC. */
    private static long scan(Path dir) throws SQLException {
        long rows = 0;
        try (Connection c = connect(dir.resolve("accounts.db"));
             ResultSet r = c.createStatement().executeQuery("SELECT id, name, is_migrating, shard FROM accounts")) {
            while (r.next()) {
                r.getString(1);
                r.getString(2);
                r.getInt(3);
                r.getString(4);
            }
        }
        for (String store : NoteStores.NAMES) {
            try (Connection c = connect(dir.resolve(store + ".db"));
                 ResultSet r = c.createStatement().executeQuery(
                         "SELECT id, creator, created_at, updated_at, content FROM notes WHERE deleted_at IS NULL")) {
                while (r.next()) {
                    r.getString(1);
                    r.getString(2);
                    r.getLong(3);
                    r.getLong(4);
                    r.getString(5);
                    rows++;
                }
            }
        }
        return rows;
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        c.setAutoCommit(false);
        return c;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String runs(long[] nanos) {
        return String.join(" ", Arrays.stream(nanos).mapToObj(n -> String.format(Locale.ROOT, "%.2f", n / 1e9)).toList());
    }
}
