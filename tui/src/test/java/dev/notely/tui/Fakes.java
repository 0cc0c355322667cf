package dev.notely.tui;

import dev.notely.api.Backfill;
import dev.notely.api.BackfillStatus;
import dev.notely.api.DeploymentState;
import dev.notely.api.Deployments;
import dev.notely.api.Verification;
import dev.notely.api.VerificationReport;
import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.ConflictException;
import dev.notely.store.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory stand-ins for the data sources the dashboard reads. */
final class Fakes {

    private Fakes() {
    }

    static final class Accounts implements AccountStore {
        final Map<UUID, Account> accounts = new LinkedHashMap<>();
        volatile boolean broken;

        synchronized Account add(String name, boolean migrating, String shard) {
            Account a = new Account(UUID.randomUUID(), name, migrating, shard);
            accounts.put(a.id(), a);
            return a;
        }

        @Override
        public synchronized List<Account> listAccounts() {
            if (broken) {
                throw new dev.notely.store.StoreException("disk on fire");
            }
            return new ArrayList<>(accounts.values());
        }

        @Override
        public synchronized Optional<Account> getAccount(UUID accountId) {
            return Optional.ofNullable(accounts.get(accountId));
        }

        @Override
        public synchronized void createAccount(Account account) {
            if (accounts.putIfAbsent(account.id(), account) != null) {
                throw new ConflictException("exists");
            }
        }

        @Override
        public synchronized void updateAccount(Account account) {
            if (accounts.replace(account.id(), account) == null) {
                throw new NotFoundException("account " + account.id() + " not found");
            }
        }

        @Override
        public void healthCheck() {
        }

        @Override
        public void close() {
        }
    }

    /** Deployments whose state is set by the test; deploy() can be held until the test lets it finish. */
    static final class Deploys implements Deployments {
        volatile DeploymentState state = DeploymentState.INITIAL;
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);
        volatile RuntimeException failure;

        @Override
        public int deploy() {
            int call = calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return call + 1;
        }

        final AtomicInteger rollbacks = new AtomicInteger();

        @Override
        public int rollback() {
            rollbacks.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return 1;
        }

        @Override
        public DeploymentState state() {
            return state;
        }
    }

    /** A verification whose answer the test sets; verify() is held until the test lets it finish. */
    static final class Verifier implements Verification {
        final AtomicInteger calls = new AtomicInteger();
        volatile CountDownLatch release = new CountDownLatch(1);
        volatile VerificationReport report = report(0);
        volatile RuntimeException failure;

        @Override
        public VerificationReport verify() {
            calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return report;
        }
    }

    /**
     * A report of 3 accounts and 10 notes, with {@code leftBehind} more notes of account "ada" (migrating)
     * still in legacy.
     */
    static VerificationReport report(int leftBehind) {
        UUID adaId = UUID.fromString("0a0a0a0a-0000-0000-0000-000000000000");
        List<String> stores = List.of("legacy", "new", "second");
        List<VerificationReport.Difference> differences = new ArrayList<>();
        for (int i = 0; i < leftBehind; i++) {
            differences.add(new VerificationReport.Difference(UUID.randomUUID(), VerificationReport.Kind.onlyIn("legacy"),
                    Map.of("legacy", java.time.Instant.parse("2025-08-13T10:00:00Z")), "in legacy, belongs in new"));
        }
        VerificationReport.AccountResult ada = new VerificationReport.AccountResult(adaId,
                Optional.of(new Account(adaId, "ada", true, null)), Optional.of("new"),
                List.of(new VerificationReport.KindCount(VerificationReport.Kind.onlyIn("legacy"), 0, leftBehind),
                        new VerificationReport.KindCount(VerificationReport.Kind.onlyIn("new"), 4, 0)), differences);
        List<VerificationReport.KindCount> kinds = List.of(
                new VerificationReport.KindCount(VerificationReport.Kind.onlyIn("legacy"), 6, leftBehind),
                new VerificationReport.KindCount(VerificationReport.Kind.onlyIn("new"), 4, 0),
                new VerificationReport.KindCount(VerificationReport.Kind.onlyIn("second"), 0, 0),
                new VerificationReport.KindCount(VerificationReport.Kind.SAME_VERSION, 0, 0),
                new VerificationReport.KindCount(VerificationReport.Kind.DIFFERENT_VERSIONS, 0, 0));
        int dirty = leftBehind > 0 ? 1 : 0;
        VerificationReport.Summary summary = new VerificationReport.Summary(3, 3 - dirty, dirty, 0, 10 + leftBehind,
                leftBehind, 0, kinds, dirty > 0 ? List.of(ada) : List.of());
        return new VerificationReport(java.time.Instant.now(), java.time.Duration.ofMillis(420), stores, summary,
                List.of(ada));
    }

    /** A backfill whose status the test sets; start, pause and new rates change it as the real one would. */
    static final class Backfills implements Backfill {
        volatile BackfillStatus status = new BackfillStatus(BackfillStatus.State.IDLE, Optional.empty(), 200, 200, 0, 0,
                0, OptionalLong.empty(), 0, 25, List.of());

        @Override
        public BackfillStatus status() {
            return status;
        }

        @Override
        public void start() {
            status = with(BackfillStatus.State.RUNNING, status.rate());
        }

        @Override
        public void pause() {
            status = with(BackfillStatus.State.PAUSED, status.rate());
        }

        @Override
        public void setRate(int notesPerSecond) {
            status = with(status.state(), notesPerSecond);
        }

        private BackfillStatus with(BackfillStatus.State state, int rate) {
            BackfillStatus s = status;
            return new BackfillStatus(state, s.message(), rate, rate, s.notesPerSecond(), s.moved(), s.left(),
                    s.etaSeconds(), s.apiP95Millis(), s.p95LimitMillis(), s.accounts());
        }
    }
}
