package dev.notely.tui;

import dev.notely.api.DeploymentState;
import dev.notely.api.Deployments;
import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.ConflictException;
import dev.notely.store.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
}
