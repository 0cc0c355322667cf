package dev.notely.app.migration;

import dev.notely.app.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.VerificationReport;
import dev.notely.api.VerificationReport.AccountResult;
import dev.notely.api.VerificationReport.Difference;
import dev.notely.api.VerificationReport.Kind;
import dev.notely.api.VerificationReport.KindCount;
import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import dev.notely.store.ForwardingNoteStore;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification on real SQLite stores in a temporary data folder, with differences planted in the files by hand. */
class VerifierTest {

    private static final Instant T0 = Instant.parse("2025-08-13T10:00:00Z");

    @TempDir
    Path dir;

    private SqliteAccountStore accounts;
    private SqliteNoteStores stores;
    private NoteStore legacy;
    private NoteStore fresh;
    private NoteStore second;

    @BeforeEach
    void open() {
        accounts = SqliteAccountStore.open(dir);
        stores = new SqliteNoteStores(dir, new StatsCollector());
        legacy = stores.open(NoteStores.LEGACY);
        fresh = stores.open(NoteStores.NEW);
        second = stores.open(NoteStores.SECOND);
    }

    @AfterEach
    void close() {
        stores.close();
        accounts.close();
    }

    private Verifier verifier() {
        return new Verifier(accounts, stores, NoteStores.NAMES);
    }

    private Account account(String name, boolean migrating, String shard) {
        Account a = new Account(UUID.randomUUID(), name, migrating, shard);
        accounts.createAccount(a);
        return a;
    }

    private static List<Note> notes(NoteStore store, UUID accountId, int count) {
        List<Note> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Note n = new Note(UUID.randomUUID(), accountId, T0, T0.plusSeconds(i), "note " + i);
            store.createNote(accountId, n);
            made.add(n);
        }
        return made;
    }

    /** Runs SQL on a store's file with plain JDBC, as a person with the sqlite3 tool would. */
    private void sql(String store, String statement, Object... values) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(store + ".db"));
             PreparedStatement s = c.prepareStatement(statement)) {
            c.createStatement().execute("PRAGMA busy_timeout = 5000");
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    /** Writes many notes into a store's file in one transaction, where one call each would take a sync each. */
    private List<Note> bulk(String store, UUID accountId, int count) throws SQLException {
        List<Note> made = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(store + ".db"));
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO notes (id, creator, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                Note n = new Note(UUID.randomUUID(), accountId, T0, T0.plusSeconds(i), "note " + i);
                s.setString(1, n.id().toString());
                s.setString(2, accountId.toString());
                s.setLong(3, n.createdAt().toEpochMilli());
                s.setLong(4, n.updatedAt().toEpochMilli());
                s.setString(5, n.content());
                s.addBatch();
                made.add(n);
            }
            s.executeBatch();
            c.commit();
        }
        return made;
    }

    /** Copies a note's row into another store's file as it is. */
    private void plantCopy(String store, Note n) throws SQLException {
        sql(store, "INSERT INTO notes (id, creator, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)",
                n.id().toString(), n.creator().toString(), n.createdAt().toEpochMilli(), n.updatedAt().toEpochMilli(),
                n.content());
    }

    private static KindCount count(VerificationReport report, Kind kind) {
        return report.summary().kinds().stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
    }

    private static AccountResult result(VerificationReport report, Account a) {
        return report.accounts().stream().filter(r -> r.accountId().equals(a.id())).findFirst().orElseThrow();
    }

    private static Map<UUID, Difference> differences(AccountResult r) {
        return r.differences().stream().collect(Collectors.toMap(Difference::noteId, d -> d));
    }

    @Test
    void everyNoteWhereItsAccountsModeSaysIsClean() {
        Account plain = account("plain", false, null);
        Account migrated = account("migrated", true, null);
        Account sharded = account("sharded", true, "second");
        account("empty", false, null);
        notes(legacy, plain.id(), 3);
        notes(fresh, migrated.id(), 2);
        notes(second, sharded.id(), 4);

        VerificationReport report = verifier().verify();

        assertTrue(report.clean(), report.toString());
        assertEquals(4, report.summary().accountsChecked());
        assertEquals(4, report.summary().accountsClean());
        assertEquals(0, report.summary().accountsWithDifferences());
        assertEquals(9, report.summary().notesChecked());
        assertEquals(new KindCount(Kind.onlyIn("legacy"), 3, 0), count(report, Kind.onlyIn("legacy")));
        assertEquals(new KindCount(Kind.onlyIn("new"), 2, 0), count(report, Kind.onlyIn("new")));
        assertEquals(new KindCount(Kind.onlyIn("second"), 4, 0), count(report, Kind.onlyIn("second")));
        assertEquals(0, count(report, Kind.SAME_VERSION).total());
        assertEquals(0, count(report, Kind.DIFFERENT_VERSIONS).total());
        assertEquals(Optional.of("legacy"), result(report, plain).home());
        assertEquals(Optional.of("second"), result(report, sharded).home());
        assertTrue(report.summary().worst().isEmpty());
    }

    @Test
    void differencesPlantedInTheFilesAreAllReportedByKind() throws Exception {
        Account plain = account("plain", false, null);
        Account migrated = account("migrated", true, null);
        List<Note> legacyNotes = notes(legacy, plain.id(), 4);
        List<Note> newNotes = notes(fresh, migrated.id(), 6);
        assertTrue(verifier().verify().clean(), "clean before anything is planted");

        // One added: a note of a non-migrating account appears in new.
        Note added = new Note(UUID.randomUUID(), plain.id(), T0, T0, "added by hand");
        plantCopy("new", added);
        // One copied as it is: the same version in legacy and new.
        plantCopy("legacy", newNotes.get(0));
        // One changed in one store: same updatedAt, different content.
        plantCopy("legacy", newNotes.get(1));
        sql("legacy", "UPDATE notes SET content = 'changed by hand' WHERE id = ?", newNotes.get(1).id().toString());
        // One changed with its time: an older copy left behind.
        plantCopy("legacy", newNotes.get(2));
        sql("new", "UPDATE notes SET updated_at = updated_at + 5000, content = 'newer' WHERE id = ?",
                newNotes.get(2).id().toString());
        // One removed from where it belongs, a copy left in legacy.
        plantCopy("legacy", newNotes.get(3));
        sql("new", "DELETE FROM notes WHERE id = ?", newNotes.get(3).id().toString());

        VerificationReport report = verifier().verify();

        assertFalse(report.clean());
        assertEquals(new KindCount(Kind.onlyIn("legacy"), 4, 1), count(report, Kind.onlyIn("legacy")));
        assertEquals(new KindCount(Kind.onlyIn("new"), 2, 1), count(report, Kind.onlyIn("new")));
        assertEquals(new KindCount(Kind.SAME_VERSION, 0, 1), count(report, Kind.SAME_VERSION));
        assertEquals(new KindCount(Kind.DIFFERENT_VERSIONS, 0, 2), count(report, Kind.DIFFERENT_VERSIONS));
        assertEquals(11, report.summary().notesChecked());
        assertEquals(5, report.summary().notesUnexpected());
        assertEquals(2, report.summary().accountsWithDifferences());
        assertEquals(0, report.summary().accountsClean());
        assertEquals(0, report.summary().notesSettled(), "nothing was being written");

        Map<UUID, Difference> ofPlain = differences(result(report, plain));
        assertEquals(Set.of(added.id()), ofPlain.keySet());
        assertEquals(Kind.onlyIn("new"), ofPlain.get(added.id()).kind());
        assertEquals("in new, belongs in legacy", ofPlain.get(added.id()).reason());

        Map<UUID, Difference> ofMigrated = differences(result(report, migrated));
        assertEquals(Set.of(newNotes.get(0).id(), newNotes.get(1).id(), newNotes.get(2).id(), newNotes.get(3).id()),
                ofMigrated.keySet());
        assertEquals(Kind.SAME_VERSION, ofMigrated.get(newNotes.get(0).id()).kind());
        assertEquals("in legacy and new (the same version), belongs in new only",
                ofMigrated.get(newNotes.get(0).id()).reason());
        Difference changed = ofMigrated.get(newNotes.get(1).id());
        assertEquals(Kind.DIFFERENT_VERSIONS, changed.kind());
        assertTrue(changed.reason().contains("same updatedAt but different content"), changed.reason());
        Difference older = ofMigrated.get(newNotes.get(2).id());
        assertEquals(Kind.DIFFERENT_VERSIONS, older.kind());
        assertEquals(Map.of("legacy", newNotes.get(2).updatedAt(), "new", newNotes.get(2).updatedAt().plusSeconds(5)),
                older.copies());
        assertTrue(older.reason().contains("different updatedAt"), older.reason());
        assertEquals(Kind.onlyIn("legacy"), ofMigrated.get(newNotes.get(3).id()).kind());
        assertEquals("in legacy, belongs in new", ofMigrated.get(newNotes.get(3).id()).reason());

        assertEquals(migrated.id(), report.summary().worst().get(0).accountId(), "the most differences first");
        assertEquals(migrated.id(), report.accounts().get(0).accountId());
        assertTrue(legacyNotes.stream().noneMatch(n -> ofPlain.containsKey(n.id())), "plain's legacy notes are fine");
    }

    @Test
    void exerciseThreesAccountsBelongInBothStoresWhileBothAreWritten() throws Exception {
        Account dual = account("dual", false, null);
        accounts.updateAccount(dual.withStage(MigrationStage.DUAL_WRITE));
        Account complete = account("complete", false, null);
        accounts.updateAccount(complete.withStage(MigrationStage.COMPLETE));
        List<Note> copied = notes(legacy, dual.id(), 3);
        copied.forEach(n -> fresh.upsertNote(dual.id(), n));
        Note notCopied = notes(legacy, dual.id(), 1).get(0);
        Note stale = copied.get(2);
        sql("new", "UPDATE notes SET updated_at = updated_at + 5000, content = 'newer' WHERE id = ?", stale.id().toString());
        notes(fresh, complete.id(), 2);
        Note leftInLegacy = notes(legacy, complete.id(), 1).get(0);

        VerificationReport report = verifier().verify();

        Map<UUID, Difference> ofDual = differences(result(report, dual));
        assertEquals(Set.of(notCopied.id(), stale.id()), ofDual.keySet(), "two copies of the same version are in place");
        assertEquals("in legacy, belongs in legacy and new, the same version in each", ofDual.get(notCopied.id()).reason());
        assertEquals(Kind.DIFFERENT_VERSIONS, ofDual.get(stale.id()).kind());
        assertEquals(Optional.of("legacy and new"), result(report, dual).home());
        assertEquals(new KindCount(Kind.SAME_VERSION, 2, 0), count(report, Kind.SAME_VERSION));
        Map<UUID, Difference> ofComplete = differences(result(report, complete));
        assertEquals(Set.of(leftInLegacy.id()), ofComplete.keySet());
        assertEquals("in legacy, belongs in new", ofComplete.get(leftInLegacy.id()).reason());
    }

    @Test
    void whatIsExpectedFollowsEachAccountsMode() {
        Account waiting = account("waiting", false, null);
        Account migrating = account("migrating", true, null);
        Account moved = account("moved", true, "second");
        notes(legacy, waiting.id(), 2);    // not migrating: legacy is home
        notes(legacy, migrating.id(), 3);  // migrating: these are left behind
        notes(fresh, moved.id(), 1);       // its shard is second: this one is in the wrong shard
        notes(second, moved.id(), 2);

        VerificationReport report = verifier().verify();

        assertTrue(result(report, waiting).clean());
        AccountResult behind = result(report, migrating);
        assertEquals(3, behind.unexpected());
        assertTrue(behind.differences().stream().allMatch(d -> d.reason().equals("in legacy, belongs in new")));
        AccountResult sharded = result(report, moved);
        assertEquals(1, sharded.unexpected());
        assertEquals("in new, belongs in second", sharded.differences().get(0).reason());
        assertEquals(new KindCount(Kind.onlyIn("legacy"), 2, 3), count(report, Kind.onlyIn("legacy")));
        assertEquals(new KindCount(Kind.onlyIn("second"), 2, 0), count(report, Kind.onlyIn("second")));

        // Once legacy holds nothing, an account that is not migrating lives in new (the world of exercise 2).
        for (Note n : legacy.pageNotes(migrating.id(), Optional.empty(), 10)) {
            fresh.upsertNote(migrating.id(), n);
            legacy.removeMovedNote(migrating.id(), n);
        }
        for (Note n : legacy.pageNotes(waiting.id(), Optional.empty(), 10)) {
            fresh.upsertNote(waiting.id(), n);
            legacy.removeMovedNote(waiting.id(), n);
        }
        accounts.updateAccount(migrating.withMigrating(false));
        VerificationReport after = verifier().verify();
        assertTrue(result(after, waiting).clean(), after.toString());
        assertTrue(result(after, migrating).clean(), after.toString());
        assertEquals(Optional.of("new"), result(after, waiting).home());
    }

    @Test
    void notesOfAnAccountThatHasNoRowAreReported() {
        account("someone", false, null);
        UUID nobody = UUID.randomUUID();
        notes(legacy, nobody, 2);

        VerificationReport report = verifier().verify();

        assertFalse(report.clean());
        assertEquals(2, report.summary().accountsChecked());
        assertEquals(1, report.summary().accountsWithoutRow());
        AccountResult orphan = report.accounts().get(0);
        assertEquals(nobody, orphan.accountId());
        assertTrue(orphan.account().isEmpty() && orphan.home().isEmpty());
        assertEquals(2, orphan.unexpected());
        assertTrue(orphan.differences().get(0).reason().contains("no account has this id"), orphan.toString());
        assertEquals(new KindCount(Kind.onlyIn("legacy"), 0, 2), count(report, Kind.onlyIn("legacy")));
    }

    @Test
    void accountsWithMoreNotesThanAPageAreReadWhole() throws Exception {
        Account big = account("big", true, null);
        bulk("new", big.id(), Verifier.PAGE * 2 + 7);
        List<Note> left = bulk("legacy", big.id(), Verifier.PAGE + 1);

        VerificationReport report = verifier().verify();

        assertEquals(Verifier.PAGE * 3 + 8, report.summary().notesChecked());
        assertEquals(left.size(), report.summary().notesUnexpected());
        assertEquals(left.stream().map(Note::id).collect(Collectors.toSet()), differences(result(report, big)).keySet());
    }

    /**
     * Accounts moving from shard to shard while verification runs: each move updates the account, copies
     * its note to the new shard and removes the old copy. Between those writes the note is out of place (in
     * the old shard, in both), and a verification reading it then must not call it a difference.
     */
    @Test
    void notesBeingMovedWhileVerifiedAreNeverReported() throws Exception {
        List<Account> movers = new ArrayList<>();
        List<Note> moving = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Account a = account("mover-" + i, true, "new");
            movers.add(a);
            moving.add(notes(fresh, a.id(), 1).get(0));
        }
        Account steady = account("steady", false, null);
        notes(legacy, steady.id(), 20);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger moves = new AtomicInteger();
        ExecutorService mover = Executors.newSingleThreadExecutor();
        Future<?> moved = mover.submit(() -> {
            while (!stop.get()) {
                for (int i = 0; i < movers.size() && !stop.get(); i++) {
                    Account a = accounts.getAccount(movers.get(i).id()).orElseThrow();
                    String to = "new".equals(a.shard()) ? "second" : "new";
                    Note n = moving.get(i);
                    accounts.updateAccount(a.withShard(to));
                    stores.open(to).upsertNote(a.id(), n);
                    stores.open(a.shard()).removeMovedNote(a.id(), n);
                    moves.incrementAndGet();
                }
            }
            return null;
        });
        try {
            long[] settled = {0};
            int[] runs = {0};
            // Verify again and again while the mover works, until some verification caught a note mid-move.
            Await.until(Duration.ofSeconds(60), "a verification to catch a move in flight", () -> {
                VerificationReport report = verifier().verify();
                assertEquals(List.of(), report.accounts().stream().flatMap(r -> r.differences().stream()).toList(),
                        "moves in flight are not differences");
                assertEquals(61, report.summary().accountsChecked());
                settled[0] += report.summary().notesSettled();
                runs[0]++;
                return settled[0] > 0 && runs[0] >= 5 && moves.get() > 100;
            });
        } finally {
            stop.set(true);
            moved.get(30, TimeUnit.SECONDS);
            mover.shutdown();
        }
    }

    /**
     * Users writing in every store at once, accounts being created with notes, nothing out of place: the
     * verification reports nothing, however its reads interleave with the writes.
     */
    @Test
    void aVerificationUnderLoadWithNoDifferencesReportsNone() throws Exception {
        List<Account> users = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String shard = i % 3 == 0 ? null : i % 3 == 1 ? "new" : "second";
            Account a = account("user-" + i, shard != null, shard);
            users.add(a);
            notes(stores.open(new Placement(true).homes(a).get(0)), a.id(), 5);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        AtomicInteger created = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(3);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers.add(load.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    Account a = users.get(random.nextInt(users.size()));
                    NoteStore home = stores.open(new Placement(true).homes(a).get(0));
                    List<Note> mine = home.pageNotes(a.id(), Optional.empty(), 50);
                    int op = random.nextInt(3);
                    if (op == 0 || mine.isEmpty()) {
                        Instant now = Instant.now();
                        home.createNote(a.id(), new Note(UUID.randomUUID(), a.id(), now, now, "new"));
                    } else if (op == 1) {
                        Note n = mine.get(random.nextInt(mine.size()));
                        home.updateNote(a.id(), n.withContent("edited", n.updatedAt().plusMillis(1)));
                    } else {
                        home.deleteNote(a.id(), mine.get(random.nextInt(mine.size())).id());
                    }
                    writes.incrementAndGet();
                }
                return null;
            }));
        }
        // New accounts: the row first, then notes, as the API does; a verification may read the notes first.
        writers.add(load.submit(() -> {
            while (!stop.get()) {
                Account a = new Account(UUID.randomUUID(), "late-" + created.get(), true, null);
                accounts.createAccount(a);
                notes(fresh, a.id(), 2);
                created.incrementAndGet();
            }
            return null;
        }));
        try {
            int[] runs = {0};
            Await.until(Duration.ofSeconds(60), "verifications beside a few hundred writes", () -> {
                VerificationReport report = verifier().verify();
                assertTrue(report.clean(), "nothing is out of place, yet: "
                        + report.accounts().stream().flatMap(r -> r.differences().stream()).toList());
                assertTrue(report.summary().notesChecked() >= 100, report.summary().toString());
                return ++runs[0] >= 5 && writes.get() > 300 && created.get() > 20;
            });
        } finally {
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
            load.shutdown();
        }
    }

    @Test
    void aVerificationAskedForWhileOneRunsSharesIt() throws Exception {
        Account a = account("a", false, null);
        notes(legacy, a.id(), 3);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger scans = new AtomicInteger();
        NoteStores held = name -> {
            NoteStore store = stores.open(name);
            return new ForwardingNoteStore(store) {
                @Override
                protected <T> T around(String operation, java.util.function.Supplier<T> call) {
                    if (operation.equals("pageAccounts") && name.equals(NoteStores.LEGACY) && scans.getAndIncrement() == 0) {
                        inside.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return call.get();
                }
            };
        };
        SharedVerification shared = new SharedVerification(new Verifier(accounts, held, NoteStores.NAMES));
        VerificationReport[] reports = new VerificationReport[2];
        Thread first = new Thread(() -> reports[0] = shared.verify(), "first-caller");
        Thread second = new Thread(() -> reports[1] = shared.verify(), "second-caller");
        try {
            first.start();
            assertTrue(inside.await(30, TimeUnit.SECONDS), "the first verification started");
            second.start();
            // Waiting on the running verification's result, not blocked or running a second one.
            Await.until(Duration.ofSeconds(10), "the second caller to wait", () -> second.getState() == Thread.State.WAITING);
            release.countDown();
            first.join(30_000);
            second.join(30_000);
            assertTrue(reports[0] != null && reports[0].clean(), "the first caller's report");
            assertSame(reports[0], reports[1], "the second caller got the running one's report");
            assertEquals(1, scans.get(), "the stores were read once");
            assertEquals(3, shared.verify().summary().notesChecked(), "the next one runs afresh");
            assertEquals(2, scans.get());
        } finally {
            release.countDown();
            first.join(30_000);
            second.join(30_000);
        }
    }
}
