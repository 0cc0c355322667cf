package dev.notely.app.migration;

import dev.notely.app.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.BackfillStatus;
import dev.notely.api.BackfillStatus.State;
import dev.notely.api.ProxyUnavailableException;
import dev.notely.store.Account;
import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.MigrationStage;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.StoreRouter;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteBackfillStore;
import dev.notely.store.sqlite.SqliteBackfillStore.RunState;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.StatsCollector.WindowFigures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill runner over real SQLite stores, with a router in this process that moves a migrating
 * account's legacy notes to new (as exercise 1's does) and lets a test make its pages fail, decline or block.
 */
class BackfillRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2025-08-13T10:00:00Z");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private SqliteAccountStore accounts;
    private SqliteNoteStores stores;
    private Router router;

    /** One page asked of the router: for which account, after which note, how many at most. */
    record Call(UUID account, Optional<UUID> after, int limit) {
    }

    /** Exercise 1's backfill, with hooks: each call is recorded, then {@code before} may throw or block. */
    class Router extends StoreRouter {
        final NoteStore legacy = stores.open(NoteStores.LEGACY);
        final NoteStore fresh = stores.open(NoteStores.NEW);
        final List<Call> calls = new CopyOnWriteArrayList<>();
        volatile Supplier<RuntimeException> before = () -> null;
        /** Runs after a page has moved its notes, before the runner hears of it; may block or throw. */
        volatile Runnable after = () -> { };

        Router() {
            super(stores.open(NoteStores.LEGACY));
        }

        @Override
        public BackfillResult backfill(AccountDetails account, Optional<UUID> from, int limit) {
            calls.add(new Call(account.accountId(), from, limit));
            RuntimeException fault = before.get();
            if (fault != null) {
                throw fault;
            }
            if (!account.isMigrating()) {
                return BackfillResult.done(0);
            }
            List<Note> page = legacy.pageNotes(account.accountId(), from, limit);
            int moved = 0;
            for (Note n : page) {
                fresh.upsertNote(account.accountId(), n);
                moved += legacy.removeMovedNote(account.accountId(), n) ? 1 : 0;
            }
            after.run();
            return BackfillResult.after(moved, page, limit);
        }

        List<Call> callsFor(Account a) {
            return calls.stream().filter(c -> c.account().equals(a.id())).toList();
        }
    }

    private void openStores() {
        accounts = own(SqliteAccountStore.open(dir));
        stores = own(new SqliteNoteStores(dir, new StatsCollector()));
        router = new Router();
    }

    private <T extends AutoCloseable> T own(T resource) {
        open.add(resource);
        return resource;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static BackfillSettings settings(int rate, int maxPage) {
        return new BackfillSettings(rate, 25, 20, maxPage, Duration.ofMillis(50), Duration.ofMillis(200),
                Duration.ofMillis(50), Duration.ofMillis(100));
    }

    private BackfillRunner runner(BackfillSettings settings) {
        return runner(settings, () -> new WindowFigures(0, 0));
    }

    private BackfillRunner runner(BackfillSettings settings, Supplier<WindowFigures> users) {
        BackfillRunner runner = own(new BackfillRunner(accounts, router, stores, own(SqliteBackfillStore.open(dir)),
                users, settings));
        runner.begin();
        return runner;
    }

    /** An account with {@code notes} notes in legacy, their ids in id order. */
    private Account account(String name, boolean migrating, int notes) {
        Account a = new Account(UUID.randomUUID(), name, migrating, null);
        accounts.createAccount(a);
        for (int i = 0; i < notes; i++) {
            Instant at = T0.plusSeconds(i);
            router.legacy.createNote(a.id(), new Note(UUID.randomUUID(), a.id(), at, at, name + " " + i));
        }
        return a;
    }

    private List<Note> notesOf(Account a) {
        List<Note> all = new ArrayList<>(router.legacy.pageNotes(a.id(), Optional.empty(), 1_000));
        all.addAll(router.fresh.pageNotes(a.id(), Optional.empty(), 1_000));
        return all;
    }

    private static void awaitState(BackfillRunner runner, State state) {
        Await.until(WAIT, "backfill " + state.word() + ", now " + runner.status().state().word()
                + runner.status().message().map(m -> ": " + m).orElse(""), () -> runner.status().state() == state);
    }

    @Test
    void walksEveryAccountPageByPageAndEndsDone() {
        openStores();
        Account many = account("many", true, 25);
        Account none = account("none", true, 0);
        Account few = account("few", true, 7);
        Account staying = account("staying", false, 5);
        BackfillRunner runner = runner(settings(10_000, 10));
        BackfillStatus before = runner.status();
        assertEquals(State.IDLE, before.state());
        assertEquals(32, before.left(), "the migrating accounts' notes in legacy; the others' belong there");
        assertEquals(0, before.moved());

        runner.start();
        awaitState(runner, State.DONE);

        assertEquals(0, router.legacy.countNotes(many.id()));
        assertEquals(25, router.fresh.countNotes(many.id()));
        assertEquals(7, router.fresh.countNotes(few.id()));
        assertEquals(5, router.legacy.countNotes(staying.id()), "not migrating: left where it belongs");
        assertEquals(List.of(Optional.empty(), Optional.of(nthId(many, 9)), Optional.of(nthId(many, 19))),
                router.callsFor(many).stream().map(Call::after).toList(), "pages of 10, each after the last one's end");
        assertEquals(1, router.callsFor(none).size());
        assertEquals(1, router.callsFor(staying).size());
        BackfillStatus after = runner.status();
        assertEquals(32, after.moved());
        assertEquals(0, after.left());
        assertEquals(1.0, after.fraction());
        assertTrue(after.accounts().stream().allMatch(BackfillStatus.AccountProgress::done), after.accounts().toString());
        assertEquals(25, after.accounts().get(0).moved());
        try (SqliteBackfillStore ledger = SqliteBackfillStore.open(dir)) {
            assertEquals(Optional.of(RunState.DONE), ledger.runState());
        }
    }

    @Test
    void anAccountThatBelongsInBothStoresHasTheCopiesStillToMakeLeft() {
        openStores();
        Account staged = account("staged", false, 6);
        accounts.updateAccount(staged.withStage(MigrationStage.DUAL_WRITE));
        router.legacy.pageNotes(staged.id(), Optional.empty(), 2).forEach(n -> router.fresh.upsertNote(staged.id(), n));
        BackfillRunner runner = runner(settings(10_000, 10));
        assertEquals(4, runner.status().left(), "6 notes in legacy, 2 copied to new so far");
        assertEquals(4, runner.leftNow(staged.withStage(MigrationStage.DUAL_WRITE)), "counted afresh for the account alone");
        assertEquals(2, runner.leftNow(staged), "at off the notes belong in legacy alone: the copies in new are not home");
    }

    /** The id of the account's n-th note in id order, as the stores page them. */
    private UUID nthId(Account a, int n) {
        return notesOf(a).stream().map(Note::id).sorted((x, y) -> x.toString().compareTo(y.toString())).toList().get(n);
    }

    @Test
    void startingAgainAfterDoneBeginsANewPass() {
        openStores();
        Account a = account("a", true, 3);
        BackfillRunner runner = runner(settings(10_000, 50));
        runner.start();
        awaitState(runner, State.DONE);
        Instant at = T0.plusSeconds(100);
        router.legacy.createNote(a.id(), new Note(UUID.randomUUID(), a.id(), at, at, "written to legacy since"));
        Await.until(WAIT, "the new note counted as left", () -> runner.status().left() == 1);

        runner.start();
        awaitState(runner, State.DONE);
        assertEquals(1, runner.status().moved(), "a new pass counts from zero");
        assertEquals(0, router.legacy.countNotes(a.id()));
        try (SqliteBackfillStore ledger = SqliteBackfillStore.open(dir)) {
            assertEquals(2, ledger.passes());
        }
    }

    @Test
    void keepsToItsRateAndTakesANewOneWhileItRuns() {
        openStores();
        Account a = account("a", true, 400);
        BackfillRunner runner = runner(settings(20, 50)); // 20 notes/s: pages of 2, 10 pages a second
        long start = System.nanoTime();
        runner.start();
        Await.until(WAIT, "12 notes moved", () -> runner.status().moved() >= 12);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 0.45, "12 notes at 20 notes/s take at least half a second (the first page goes at once): "
                + seconds + " s");
        assertTrue(router.calls.stream().allMatch(c -> c.limit() == 2), "a tenth of a second's worth per page");

        runner.setRate(10_000);
        awaitState(runner, State.DONE);
        assertEquals(50, router.calls.get(router.calls.size() - 1).limit(), "pages grow with the rate, up to the most");
        assertEquals(400, router.fresh.countNotes(a.id()));
        assertEquals(10_000, runner.status().rate());
    }

    @Test
    void pausedItStopsAndStartedItGoesOnWhereItWas() {
        openStores();
        Account a = account("a", true, 60);
        Account b = account("b", true, 10);
        BackfillRunner runner = runner(settings(50, 50)); // pages of 5
        runner.start();
        Await.until(WAIT, "a first pages", () -> runner.status().moved() >= 10);
        runner.pause();
        assertEquals(State.PAUSED, runner.status().state());
        try (SqliteBackfillStore ledger = SqliteBackfillStore.open(dir)) {
            assertEquals(Optional.of(RunState.PAUSED), ledger.runState(), "saved, for a restart");
        }
        assertEquals(0.0, runner.status().notesPerSecond(), "paused moves nothing");

        runner.start();
        awaitState(runner, State.DONE);
        assertEquals(0, router.legacy.totalNotes());
        assertEquals(70, router.fresh.totalNotes());
        assertPagesFollowOn(router.callsFor(a));
        assertEquals(70, runner.status().moved());
    }

    /** Each page starts after the last note of the one before: no page skipped, none done twice. */
    private void assertPagesFollowOn(List<Call> calls) {
        assertPagesFollowOn(calls, false);
    }

    /** @param retried whether a page refused before it did anything may be asked for again */
    private void assertPagesFollowOn(List<Call> calls, boolean retried) {
        Optional<UUID> expected = Optional.empty();
        Call previous = null;
        for (Call c : calls) {
            if (retried && c.equals(previous)) {
                continue;
            }
            previous = c;
            assertEquals(expected, c.after(), "pages " + calls);
            List<Note> all = new ArrayList<>(router.fresh.pageNotes(c.account(), c.after(), c.limit()));
            expected = all.size() < c.limit() ? expected : Optional.of(all.get(all.size() - 1).id());
        }
    }

    @Test
    void aDataProxyWithoutABackfillIsSaidAndItGoesOnOnceOneHas() {
        openStores();
        Account a = account("a", true, 12);
        router.before = () -> new UnsupportedOperationException("this DataProxy has no backfill");
        BackfillRunner runner = runner(settings(10_000, 50));
        runner.start();
        awaitState(runner, State.UNSUPPORTED);
        assertEquals(Optional.of("this DataProxy has no backfill"), runner.status().message());
        Await.until(WAIT, "asked again", () -> router.calls.size() >= 3);
        assertEquals(12, router.legacy.countNotes(a.id()));

        router.before = () -> null; // a deployment with a backfill
        awaitState(runner, State.DONE);
        assertEquals(12, router.fresh.countNotes(a.id()));
        assertEquals(Optional.empty(), runner.status().message());
    }

    @Test
    void failingPagesAreTriedAgainUntilTheyWorkAndNothingIsLost() {
        openStores();
        Account a = account("a", true, 30);
        Account b = account("b", true, 30);
        BackfillRunner runner = runner(settings(10_000, 10));
        // The proxy restarts after a few pages: a while of refused calls.
        int[] calls = {0};
        router.before = () -> ++calls[0] > 2 && calls[0] <= 8
                ? new ProxyUnavailableException("no data proxy available: v1 is restarting") : null;
        runner.start();
        awaitState(runner, State.DONE);
        assertEquals(0, router.legacy.totalNotes());
        assertEquals(60, router.fresh.totalNotes());
        assertTrue(router.calls.size() >= 14, "six refused calls were tried again: " + router.calls.size());
        assertPagesFollowOn(router.callsFor(a), true);
        assertPagesFollowOn(router.callsFor(b), true);
        assertEquals(60, runner.status().moved());
    }

    @Test
    void aFailureIsShownWhileItLasts() {
        openStores();
        account("a", true, 5);
        router.before = () -> new ProxyUnavailableException("no data proxy available: v2 kept crashing");
        BackfillRunner runner = runner(settings(10_000, 10));
        runner.start();
        awaitState(runner, State.FAILING);
        assertEquals(Optional.of("no data proxy available: v2 kept crashing"), runner.status().message());
        assertTrue(runner.status().active());
        runner.pause();
        assertEquals(State.PAUSED, runner.status().state());
        assertEquals(Optional.empty(), runner.status().message());
    }

    @Test
    void aRouterThatNeverGetsFurtherIsAFailureNotALoop() {
        openStores();
        Account a = account("a", true, 5);
        UUID stuck = UUID.randomUUID();
        router = new Router() {
            @Override
            public BackfillResult backfill(AccountDetails account, Optional<UUID> from, int limit) {
                calls.add(new Call(account.accountId(), from, limit));
                return new BackfillResult(0, from.orElse(stuck));
            }
        };
        BackfillRunner runner = runner(settings(10_000, 10));
        runner.start();
        awaitState(runner, State.FAILING);
        assertTrue(runner.status().message().orElseThrow().contains("gave back the page it was asked for"),
                runner.status().message().toString());
        assertTrue(router.callsFor(a).stream().allMatch(c -> c.after().equals(Optional.of(stuck)) || c.after().isEmpty()));
    }

    @Test
    void itBacksOffWhileTheUsersAreSlowAndRecoversOnceTheyAreNot() {
        openStores();
        account("a", true, 0);
        router = new Router() {
            @Override
            public BackfillResult backfill(AccountDetails account, Optional<UUID> from, int limit) {
                calls.add(new Call(account.accountId(), from, limit));
                return new BackfillResult(limit, UUID.randomUUID()); // an account without end
            }
        };
        WindowFigures[] users = {new WindowFigures(200, 10)};
        BackfillRunner runner = runner(settings(400, 50), () -> users[0]);
        runner.start();
        assertEquals(25, runner.status().p95LimitMillis(), 1e-9);
        Await.until(WAIT, "going at about the full rate", () -> runner.status().notesPerSecond() >= 300);
        assertTrue(router.calls.stream().allMatch(c -> c.limit() == BackfillThrottle.PAGE_BESIDE_USERS),
                "short pages while users are active, though 400 notes/s would make pages of 40: " + router.calls);
        users[0] = new WindowFigures(200, 80);
        Await.until(WAIT, "backing off", () -> runner.status().effectiveRate() < 400);
        double halved = runner.status().effectiveRate();
        assertTrue(halved <= 200 && halved >= 100, "half the rate it achieved, at most half the rate asked: " + halved);
        assertEquals(80, runner.status().apiP95Millis(), 1e-9);
        Await.until(WAIT, "halved again while still slow", () -> runner.status().effectiveRate() <= halved / 2);
        Await.until(WAIT, "pages shrink with it", () -> router.calls.get(router.calls.size() - 1).limit() < 10);

        users[0] = new WindowFigures(3, 500); // three requests say nothing about a p95
        Await.until(WAIT, "back at full rate", () -> runner.status().effectiveRate() == 400);
        assertEquals(State.RUNNING, runner.status().state());
        runner.pause();
    }

    @Test
    void usersAlreadySlowBeforeItStartsRaiseTheLimit() {
        openStores();
        account("a", true, 0);
        router = new Router() {
            @Override
            public BackfillResult backfill(AccountDetails account, Optional<UUID> from, int limit) {
                calls.add(new Call(account.accountId(), from, limit));
                return new BackfillResult(limit, UUID.randomUUID());
            }
        };
        WindowFigures[] users = {new WindowFigures(200, 40)}; // a busy machine: above 25 ms without a backfill
        BackfillRunner runner = runner(settings(400, 50), () -> users[0]);
        runner.start();
        assertEquals(80, runner.status().p95LimitMillis(), 1e-9, "twice their p95 before it started");
        Await.until(WAIT, "pages at the full rate", () -> router.calls.size() >= 10);
        assertEquals(400, runner.status().effectiveRate(), 1e-9, "40 ms is how it was before: no back-off");
        users[0] = new WindowFigures(200, 81);
        Await.until(WAIT, "backing off once the users get slower than that", () -> runner.status().effectiveRate() < 400);
        runner.pause();
    }

    /**
     * As after kill -9: a runner stops for good half-way through a page whose notes the router has already
     * moved. A new runner on the same accounts.db goes on by itself, redoing only that page.
     */
    @Test
    void anAbandonedBackfillGoesOnFromItsSavedPlaceRedoingAtMostThePageInFlight() throws Exception {
        openStores();
        Account a = account("a", true, 35);
        Account b = account("b", true, 30);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        router.after = () -> {
            if (router.calls.size() == 3) { // a's third page: its notes are moved, the runner never hears of it
                stuck.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("this runner is gone");
            }
        };
        BackfillRunner first = new BackfillRunner(accounts, router, stores, own(SqliteBackfillStore.open(dir)),
                () -> new WindowFigures(0, 0), new BackfillSettings(10_000, 25, 20, 10, Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(1)));
        first.begin();
        first.start();
        try {
            assertTrue(stuck.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the third page is in flight");
            resumeAfterAbandoning(a, b);
        } finally {
            never.countDown(); // the first runner's page fails now; it must not touch anything after
            first.close();
        }
    }

    private void resumeAfterAbandoning(Account a, Account b) {
        List<Call> before = List.copyOf(router.calls);
        assertEquals(30, router.fresh.countNotes(a.id()), "the two pages saved and the page in flight moved their notes");

        router.after = () -> { };
        router.calls.clear();
        BackfillRunner second = runner(settings(10_000, 10));
        awaitState(second, State.DONE);

        assertEquals(before.get(2), router.calls.get(0), "the second runner starts with the page that was in flight");
        assertEquals(List.of(Optional.of(nthId(a, 19))), router.callsFor(a).stream().map(Call::after).toList(),
                "a's last page, after the 20 notes of the two pages saved; it finds the rest of a's notes");
        assertEquals(4, router.callsFor(b).size(), "b from its start: 10, 10, 10, then an empty page");
        assertEquals(0, router.legacy.totalNotes());
        assertEquals(65, router.fresh.totalNotes(), "every note moved, none lost");
        assertEquals(State.DONE, second.status().state());
        assertEquals(55, second.status().moved(), "what the saved pages moved: the page in flight was never heard of");
    }

    @Test
    void aPausedBackfillStaysPausedAfterARestart() {
        openStores();
        Account a = account("a", true, 100);
        BackfillRunner first = runner(settings(50, 50));
        first.start();
        Await.until(WAIT, "some pages", () -> first.status().moved() >= 10);
        first.pause();
        first.close();
        long moved = first.status().moved();
        int calls = router.calls.size();

        BackfillRunner second = runner(settings(50, 50));
        BackfillStatus status = second.status();
        assertEquals(State.PAUSED, status.state());
        assertEquals(moved, status.moved(), "the pass's progress is kept");
        assertEquals(100 - moved, status.left());
        assertEquals(calls, router.calls.size(), "nothing runs until started");
        assertFalse(status.active());
        second.setRate(10_000);
        second.start();
        awaitState(second, State.DONE);
        assertEquals(100, router.fresh.countNotes(a.id()));
    }
}
