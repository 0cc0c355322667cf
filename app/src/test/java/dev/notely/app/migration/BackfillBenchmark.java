package dev.notely.app.migration;

import dev.notely.app.AppBenchmark;
import dev.notely.app.Await;
import dev.notely.app.data.Folders;
import dev.notely.app.Kit;
import dev.notely.app.LatencySample;
import dev.notely.app.Options;

import dev.notely.api.BackfillStatus;
import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.loadgen.LoadSettings;
import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The backfill, measured as the issue states its targets, in one run, each figure beside a floor: its
 * throughput alone (beside the same copies made straight on the stores, without a proxy), then at one
 * load of simulated users the API's latency without a backfill, with one at the default rate, and with one
 * asked to go as fast as it can (where it backs off for the users). The data proxy is exercise 1 with a
 * backfill ({@code app/src/test/resources/backfill-proxy}); the notes to move are written straight into
 * legacy.db beforehand, for migrating accounts.
 *
 * <p>Build and run as {@link AppBenchmark} says, with {@code dev.notely.app.migration.BackfillBenchmark [notes N]
 * [users ACCOUNTS RPM] [seconds S]}; every part stops by itself.
 */
public final class BackfillBenchmark {

    static final String USAGE = """
            usage: java -cp <app test classes, classes and dependencies> dev.notely.app.migration.BackfillBenchmark \\
                       [notes N] [users ACCOUNTS RPM] [seconds S]
              notes N             notes to move in each kit (default 20000)
              users ACCOUNTS RPM  simulated users beside the backfill (default 200 60)
              seconds S           each measured period with users (default 20)
            about 2.5 minutes with the defaults
            """;

    private static final int NOTES_PER_ACCOUNT = 50;
    private static final int FLOOR_NOTES = 2_000;
    private static final int PAGE = 50;
    private static final Duration SET_UP = Duration.ofSeconds(120);

    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int notes = 20_000;
        int users = 200;
        int rpm = 60;
        int seconds = 20;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "notes" -> notes = positive(args, ++i);
                    case "users" -> {
                        users = positive(args, ++i);
                        rpm = positive(args, ++i);
                    }
                    case "seconds" -> seconds = positive(args, ++i);
                    default -> throw new IllegalArgumentException("'" + args[i] + "' is not notes, users or seconds");
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("BackfillBenchmark: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        System.out.println("Notely backfill benchmark on " + AppBenchmark.machine());
        System.out.println("Each figure stands beside a FLOOR measured in the same run; compare a figure with its floor,");
        System.out.println("not with figures from another machine or run. The data proxy is exercise 1 with a backfill,");
        System.out.println("behind the default simulated network delay; the notes to move belong to migrating accounts.");
        Path tmp = Files.createTempDirectory("notely-backfill-bench");
        try {
            System.out.println();
            double floor = directCopies(tmp.resolve("floor"));
            alone(tmp.resolve("alone"), notes, floor);
            System.out.println();
            withUsers(tmp.resolve("users"), notes * 2, new LoadSettings(users, 3, rpm), seconds);
        } finally {
            Folders.deleteRecursively(tmp);
        }
        System.exit(0); // as Main does: a thread some library left running must not keep the benchmark from ending
    }

    private static int positive(String[] args, int index) {
        if (index >= args.length || !args[index].matches("\\d{1,7}") || Integer.parseInt(args[index]) == 0) {
            throw new IllegalArgumentException("a positive number is missing after " + args[index - 1]);
        }
        return Integer.parseInt(args[index]);
    }

    // ---------------------------------------------------------------- floor

    /** Notes per second moved by the router's own store calls, in this thread, without a proxy or the wire. */
    private static double directCopies(Path dir) throws Exception {
        List<UUID> owners = prefill(dir, FLOOR_NOTES);
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector())) {
            NoteStore legacy = stores.open(NoteStores.LEGACY);
            NoteStore fresh = stores.open(NoteStores.NEW);
            long start = System.nanoTime();
            int moved = 0;
            for (UUID owner : owners) {
                Optional<UUID> after = Optional.empty();
                List<Note> page;
                do {
                    page = legacy.pageNotes(owner, after, PAGE);
                    for (Note note : page) {
                        fresh.upsertNote(owner, note);
                        moved += legacy.removeMovedNote(owner, note) ? 1 : 0;
                    }
                    after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
                } while (page.size() == PAGE);
            }
            return moved / ((System.nanoTime() - start) / 1e9);
        }
    }

    // ---------------------------------------------------------------- alone

    private static void alone(Path dir, int notes, double floor) throws Exception {
        prefill(dir, notes);
        try (Kit kit = Kit.start(options(dir, 10_000))) {
            BackfillRunner backfill = kit.backfill();
            long start = System.nanoTime();
            backfill.start();
            BackfillStatus done = awaitDone(backfill, Duration.ofMinutes(10));
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf("backfill alone: %,d notes of %d migrating accounts, no users, rate asked 10,000 notes/s"
                    + " (pages of %d)%n", notes, notes / NOTES_PER_ACCOUNT, PAGE);
            System.out.printf("  backfill %,8.0f notes/s   %,d moved in %.1f s, %,d left%n", done.moved() / elapsed,
                    done.moved(), elapsed, done.left());
            System.out.printf("  FLOOR    %,8.0f notes/s   the same store calls (page, upsert into new, remove from"
                    + " legacy) in one thread, no proxy, no wire%n", floor);
        }
    }

    // ---------------------------------------------------------------- with users

    private static void withUsers(Path dir, int notes, LoadSettings settings, int seconds) throws Exception {
        prefill(dir, notes);
        long[] wire = AppBenchmark.wireDelay(options(dir, 200).networkDelay());
        LatencySample latencies = new LatencySample(200_000);
        try (Kit kit = Kit.start(options(dir, 200));
             NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort(), latencies::record)) {
            LoadGenerator load = LoadGenerator.start(client, kit.stats, settings);
            try {
                Await.until(SET_UP, "the simulated accounts to be set up",
                        () -> load.accountIds().size() == settings.concurrency());
                Thread.sleep(5_000); // warm-up period of steady traffic, not synchronization
                System.out.printf("at one load: %d simulated accounts x %d rpm (%.0f req/s offered); %d s measured each,"
                                + " after set-up and 5 s of warm-up; %,d notes of migrating accounts to move%n",
                        settings.concurrency(), settings.rpm(), settings.requestsPerSecond(), seconds, notes);
                BackfillRunner backfill = kit.backfill();
                Period none = measure(kit, load, latencies, backfill, seconds);
                backfill.setRate(200);
                backfill.start();
                Period polite = measure(kit, load, latencies, backfill, seconds);
                backfill.setRate(10_000);
                Period fast = measure(kit, load, latencies, backfill, seconds);
                backfill.pause();
                System.out.println("  API latency of the users' requests, and the backfill beside them:");
                none.print("no backfill      ", false);
                polite.print("backfill at 200/s", true);
                fast.print("backfill 10,000/s", true);
                System.out.printf("  FLOOR                  p95 %6.2f ms   simulated wire delay of one proxy call (client"
                        + " + server side), %d sampled%n", AppBenchmark.percentileMillis(wire, 0.95), wire.length);
                System.out.printf("  users' consistency misses %d, failed requests %d over the whole run   target 0 and 0%n",
                        load.misses(), load.failureCount());
                System.out.printf("  backfill p95 limit %.0f ms: above it the backfill halves its rate%n",
                        backfill.status().p95LimitMillis());
            } finally {
                load.close();
            }
        }
    }

    /** One measured period of users' traffic, and what the backfill did meanwhile. */
    private record Period(double p50, double p95, double p99, long requests, double notesPerSecond, double lowestRate,
                          boolean backedOff, double seconds, long failures, long misses) {

        void print(String label, boolean backfilling) {
            System.out.printf("  %s  p95 %6.2f ms  (p50 %5.2f, p99 %6.2f; %,d requests; %d failed, %d misses)%s%n",
                    label, p95, p50, p99, requests, failures, misses, backfilling
                            ? String.format("   backfill %,6.0f notes/s over %.0f s, lowest rate it kept to %,.0f/s%s",
                            notesPerSecond, seconds, lowestRate, backedOff ? " (backed off)" : "") : "");
        }
    }

    private static Period measure(Kit kit, LoadGenerator load, LatencySample latencies, BackfillRunner backfill,
                                  int seconds) throws InterruptedException {
        latencies.reset();
        long failures = load.failureCount();
        long misses = load.misses();
        long moved = backfill.status().moved();
        double lowest = Double.MAX_VALUE;
        boolean backedOff = false;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(250); // sampling the backfill's rate during the measured period
            BackfillStatus now = backfill.status();
            lowest = Math.min(lowest, now.effectiveRate());
            backedOff |= now.effectiveRate() < now.rate();
            if (now.state() == BackfillStatus.State.DONE) {
                System.out.println("  ! the backfill ran out of notes before the period ended: give more with notes N");
                break;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Period(latencies.percentileMillis(0.50), latencies.percentileMillis(0.95),
                latencies.percentileMillis(0.99), latencies.count(), (backfill.status().moved() - moved) / elapsed,
                lowest, backedOff, elapsed, load.failureCount() - failures, load.misses() - misses);
    }

    // ---------------------------------------------------------------- set-up

    private static Options options(Path dir, int rate) {
        return Options.parse(List.of("--headless", "--port", "0", "--data-dir", dir.toString(),
                "--proxy-source", BackfillRoutingTest.BACKFILL_PROXY.toString(), "--backfill-rate", String.valueOf(rate)));
    }

    private static BackfillStatus awaitDone(BackfillRunner backfill, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            BackfillStatus status = backfill.status();
            if (status.state() == BackfillStatus.State.DONE) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the backfill did not finish within " + timeout + ": " + status.state()
                        + status.message().map(m -> " (" + m + ")").orElse(""));
            }
            Thread.sleep(20); // polling the backfill's state
        }
    }

    /**
     * Migrating accounts of {@link #NOTES_PER_ACCOUNT} notes each, all in legacy, written in one transaction
     * (the kit's own writes sync each one, which would make setting up the slowest part).
     *
     * @return the accounts' ids
     */
    static List<UUID> prefill(Path dir, int notes) throws Exception {
        List<UUID> owners = new ArrayList<>();
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir);
             SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector())) {
            stores.open(NoteStores.LEGACY).healthCheck(); // creates the file and its table
            stores.open(NoteStores.NEW).healthCheck();
            for (int i = 0; i < (notes + NOTES_PER_ACCOUNT - 1) / NOTES_PER_ACCOUNT; i++) {
                Account account = new Account(UUID.randomUUID(), "backfilled " + i, true, null);
                accounts.createAccount(account);
                owners.add(account.id());
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("legacy.db"))) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO notes (id, creator, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)")) {
                long at = System.currentTimeMillis() - 86_400_000L;
                for (int n = 0; n < notes; n++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, owners.get(n / NOTES_PER_ACCOUNT).toString());
                    insert.setLong(3, at + n);
                    insert.setLong(4, at + n);
                    insert.setString(5, "A note nobody has written since the migration began, number " + n
                            + ": groceries, a phone number, a thought for later.");
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        return owners;
    }
}
