package dev.notely.app.migration;

import dev.notely.api.Backfill;
import dev.notely.api.BackfillStatus;
import dev.notely.api.BackfillStatus.State;
import dev.notely.api.rpc.RpcClient;
import dev.notely.store.Account;
import dev.notely.store.BackfillResult;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import dev.notely.store.AccountStore;
import dev.notely.store.sqlite.SqliteBackfillStore;
import dev.notely.store.sqlite.SqliteBackfillStore.AccountProgress;
import dev.notely.store.sqlite.SqliteBackfillStore.RunState;
import dev.notely.telemetry.ApiKey;
import dev.notely.telemetry.DaemonThreads;
import dev.notely.telemetry.StatsCollector.WindowFigures;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kit's backfill: one thread that walks every account, asking the deployed router (through the
 * traffic split, like a user's request) to bring the next page of the account's notes to where they
 * belong, until every account says it is done.
 *
 * <ul>
 *   <li><b>Throttled.</b> It keeps to a rate in notes per second, changeable while it runs; pages are a
 *       tenth of a second's worth, at most {@link BackfillSettings#maxPage} notes, and at most
 *       {@link BackfillThrottle#PAGE_BESIDE_USERS} while users are active, so one page never holds the
 *       proxy's lock for long.</li>
 *   <li><b>Polite.</b> While the p95 of the users' requests is above a limit it backs off
 *       ({@link BackfillThrottle}).</li>
 *   <li><b>Resumable.</b> Each page is saved as it finishes ({@link SqliteBackfillStore}), with whether the
 *       backfill runs: after a restart, even a crash, it goes on where it was, redoing at most the page
 *       that was in flight for one account.</li>
 *   <li><b>Stubborn.</b> A failed page (a proxy restarting, a rollout, a store busy) is tried again with
 *       growing pauses; a data proxy without a backfill is asked again now and then, so a deployment that
 *       adds one lets it go on.</li>
 * </ul>
 *
 * "Notes left" are counted in the stores directly ({@link NotesLeft}).
 */
public final class BackfillRunner implements Backfill, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackfillRunner.class);

    private final AccountStore accounts;
    private final NoteRouter router;
    private final SqliteBackfillStore ledger;
    private final BackfillSettings settings;
    private final BackfillThrottle throttle;
    private final NotesLeft notesLeft;
    private final Thread worker;

    // Guarded by this.
    private boolean wanted;
    private State state;
    private String message;
    private int failuresInARow;
    private long kicks;
    private boolean closed;
    private Map<UUID, AccountProgress> progress;
    private final Deque<UUID> queue = new ArrayDeque<>();
    /**
     * Reads where the last backfill on this data was; nothing runs until {@link #begin()}.
     *
     * @param router       the router user traffic goes through, so pages reach whichever version serves
     * @param stores       stores of its own, for counting the notes left
     * @param usersLatency the users' requests over the last few seconds
     * @throws dev.notely.store.StoreException when the saved progress cannot be read
     */
    public BackfillRunner(AccountStore accounts, NoteRouter router, NoteStores stores, SqliteBackfillStore ledger,
                   Supplier<WindowFigures> usersLatency, BackfillSettings settings) {
        this.accounts = accounts;
        this.router = router;
        this.ledger = ledger;
        this.settings = settings;
        this.throttle = new BackfillThrottle(usersLatency, settings);
        this.notesLeft = new NotesLeft(accounts, stores);
        Optional<RunState> saved = ledger.runState();
        this.progress = new HashMap<>(ledger.progress());
        this.state = saved.map(s -> switch (s) {
            case RUNNING -> State.RUNNING;
            case PAUSED -> State.PAUSED;
            case DONE -> State.DONE;
        }).orElse(State.IDLE);
        this.worker = DaemonThreads.named("backfill").newThread(this::work);
    }

    /** Whether an API request is a user's (a note or account route), whose latency the backfill must not spoil. */
    public static boolean usersRequest(ApiKey key) {
        return key.route().startsWith("/accounts");
    }

    /** Starts the worker; a backfill that was running when the kit stopped, however it stopped, goes on. */
    public void begin() {
        synchronized (this) {
            if (state == State.RUNNING) {
                wanted = true;
                throttle.started(false);
                long done = progress.values().stream().filter(AccountProgress::done).count();
                log.info("backfill resumes where it was: {} accounts done and {} notes moved so far in this pass",
                        done, movedTotal());
            }
        }
        worker.start();
    }

    // ---- control ------------------------------------------------------------------------------

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the backfill is stopping with the kit");
        }
        kicks++; // a waiting retry goes at once
        if (wanted) {
            notifyAll();
            return;
        }
        boolean newPass = state == State.IDLE || state == State.DONE;
        if (newPass) {
            ledger.beginPass();
            progress = new HashMap<>();
            queue.clear();
            log.info("backfill started: pass {} over every account at {} notes/s", ledger.passes(), throttle.rate());
        } else {
            ledger.setRunState(RunState.RUNNING);
            log.info("backfill resumed at {} notes/s", throttle.rate());
        }
        wanted = true;
        state = State.RUNNING;
        message = null;
        failuresInARow = 0;
        notesLeft.recountNext();
        throttle.started(newPass);
        notifyAll();
    }

    @Override
    public synchronized void pause() {
        if (!wanted) {
            return;
        }
        wanted = false;
        state = State.PAUSED;
        message = null;
        notesLeft.recountNext();
        notifyAll();
        log.info("backfill paused after {} notes moved; start it again to go on where it is", movedTotal());
        ledger.setRunState(RunState.PAUSED);
    }

    @Override
    public synchronized void setRate(int notesPerSecond) {
        BackfillSettings.requireRate(notesPerSecond);
        if (throttle.setRate(notesPerSecond)) {
            log.info("backfill rate set to {} notes/s", notesPerSecond);
            notifyAll(); // a page waiting out the old rate waits out the new one instead
        }
    }


    // ---- status -------------------------------------------------------------------------------

    @Override
    public BackfillStatus status() {
        Map<UUID, Long> left = notesLeft.perAccount();
        List<Account> all = accounts.listAccounts();
        synchronized (this) {
            List<BackfillStatus.AccountProgress> rows = new ArrayList<>(all.size());
            long leftTotal = 0;
            for (Account a : all) {
                AccountProgress p = progress.get(a.id());
                long accountLeft = left.getOrDefault(a.id(), 0L);
                leftTotal += accountLeft;
                rows.add(new BackfillStatus.AccountProgress(a.id(), a.name(), p == null ? 0 : p.moved(), accountLeft,
                        p != null && p.done()));
            }
            double perSecond = wanted ? throttle.notesPerSecond(System.nanoTime()) : 0;
            OptionalLong eta = leftTotal == 0 ? OptionalLong.of(0)
                    : perSecond > 0 ? OptionalLong.of((long) Math.ceil(leftTotal / perSecond)) : OptionalLong.empty();
            return new BackfillStatus(state, Optional.ofNullable(message), throttle.rate(), throttle.effectiveRate(),
                    perSecond, movedTotal(), leftTotal, eta, throttle.usersP95(), throttle.p95Limit(), rows);
        }
    }

    private long movedTotal() {
        return progress.values().stream().mapToLong(AccountProgress::moved).sum();
    }

    /**
     * The notes left for one account, counted afresh rather than taken from the last status (see
     * {@link NotesLeft#now}).
     */
    public long leftNow(Account account) {
        return notesLeft.now(account);
    }

    // ---- the worker ---------------------------------------------------------------------------

    private void work() {
        while (true) {
            synchronized (this) {
                while (!wanted && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
            }
            long pageStart = System.nanoTime();
            Optional<Integer> moved;
            try {
                moved = page();
            } catch (UnsupportedOperationException e) {
                waitAfterTrouble(State.UNSUPPORTED, e.getMessage() == null ? "this DataProxy has no backfill" : e.getMessage(),
                        settings.unsupportedRetry());
                continue;
            } catch (RuntimeException e) {
                waitAfterTrouble(State.FAILING, e.getMessage() == null ? e.toString() : e.getMessage(), null);
                continue;
            }
            if (moved.isEmpty()) {
                finishPass();
                continue;
            }
            recovered();
            throttle.adjustForUsers();
            pace(pageStart, Math.max(1, moved.get()));
        }
    }

    /**
     * Runs one page for the first account of the pass not done yet.
     *
     * @return the notes it moved; empty when every account is done
     */
    private Optional<Integer> page() {
        UUID id = nextAccount();
        if (id == null) {
            return Optional.empty();
        }
        Optional<Account> account = accounts.getAccount(id);
        if (account.isEmpty()) {
            saved(id, BackfillResult.done(0));
            return Optional.of(0);
        }
        Optional<UUID> after;
        int limit;
        synchronized (this) {
            AccountProgress p = progress.get(id);
            after = p == null ? Optional.empty() : p.after();
        }
        limit = throttle.pageLimit();
        BackfillResult result = router.backfill(account.get().details(), after, limit);
        if (result == null) {
            throw new IllegalStateException("DataProxy.backfill returned nothing for account " + id);
        }
        if (!result.isDone() && result.moved() == 0 && result.nextPage().equals(after)) {
            throw new IllegalStateException("DataProxy.backfill for account " + id + " moved nothing and gave back the "
                    + "page it was asked for, so it would be asked for that page for ever: return "
                    + "BackfillResult.done(0) when an account has nothing more to bring");
        }
        saved(id, result);
        return Optional.of(result.moved());
    }

    /** The first account of the pass that is not done; the accounts are listed again when the list runs out, so new ones are seen. */
    private UUID nextAccount() {
        synchronized (this) {
            while (!queue.isEmpty() && isDone(queue.peekFirst())) {
                queue.pollFirst();
            }
            if (!queue.isEmpty()) {
                return queue.peekFirst();
            }
        }
        List<Account> all = accounts.listAccounts();
        synchronized (this) {
            for (Account a : all) {
                if (!isDone(a.id())) {
                    queue.addLast(a.id());
                }
            }
            return queue.peekFirst();
        }
    }

    private boolean isDone(UUID id) {
        AccountProgress p = progress.get(id);
        return p != null && p.done();
    }

    private void saved(UUID id, BackfillResult result) {
        ledger.savePage(id, result.nextPage(), result.moved());
        synchronized (this) {
            AccountProgress before = progress.get(id);
            progress.put(id, new AccountProgress(id, result.nextPage(), result.isDone(),
                    (before == null ? 0 : before.moved()) + result.moved()));
            if (result.isDone()) {
                queue.remove(id);
            }
        }
        throttle.pageDone(result.moved());
    }

    private void finishPass() {
        synchronized (this) {
            if (!wanted) {
                return; // paused as the pass ended: the next start finds nothing to do and says done
            }
            wanted = false;
            state = State.DONE;
            message = null;
            notesLeft.recountNext();
            log.info("backfill done: {} notes moved in {} accounts", movedTotal(), progress.size());
        }
        ledger.setRunState(RunState.DONE);
    }

    private synchronized void recovered() {
        if (failuresInARow > 0 && wanted) {
            log.info("backfill goes on after {} failed attempt{}", failuresInARow, failuresInARow == 1 ? "" : "s");
        }
        failuresInARow = 0;
        if (wanted && (state == State.FAILING || state == State.UNSUPPORTED)) {
            if (state == State.UNSUPPORTED) {
                log.info("backfill goes on: the data proxy serving now has a backfill");
            }
            state = State.RUNNING;
            message = null;
        }
    }

    /**
     * Says what went wrong (once per kind of trouble, not once per attempt) and waits before the next
     * attempt: {@code pause}, or for a failure a pause that doubles with each one in a row.
     */
    private void waitAfterTrouble(State trouble, String why, Duration pause) {
        Duration wait;
        synchronized (this) {
            if (closed || !wanted) {
                return; // paused or stopping while the page failed: nothing to try again now
            }
            failuresInARow++;
            wait = pause != null ? pause : retryPause(failuresInARow);
            boolean news = state != trouble || !why.equals(message);
            state = trouble;
            message = why;
            if (news && trouble == State.UNSUPPORTED) {
                log.warn("backfill waits: {}; it asks again every {} s and goes on once the deployed version has one",
                        why, wait.toSeconds());
            } else if (news) {
                log.warn("backfill page failed: {}; trying again in {} ms", why, wait.toMillis());
            }
        }
        waitForRetry(System.nanoTime() + wait.toNanos());
    }

    private Duration retryPause(int failures) {
        long millis = settings.firstRetry().toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.longestRetry().toMillis()));
    }

    /** Waits until the page's notes fit the rate; a new rate, a pause or closing cuts the wait short. */
    private void pace(long pageStart, int notes) {
        synchronized (this) {
            while (wanted && !closed) {
                long due = throttle.dueAfter(pageStart, notes);
                long left = due - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Waits until {@code due}, or until paused, closed, or started again. */
    private void waitForRetry(long due) {
        synchronized (this) {
            long kicked = kicks;
            while (wanted && !closed && kicks == kicked) {
                long left = due - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Stops the worker after the page in flight, if any, without changing what is saved: a backfill that
     * runs now goes on when the kit starts again.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (worker.isAlive()) {
            try {
                // A page in flight ends within the proxy call's timeout.
                worker.join(RpcClient.CALL_TIMEOUT.plusSeconds(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
