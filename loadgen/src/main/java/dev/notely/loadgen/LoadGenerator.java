package dev.notely.loadgen;

import dev.notely.api.client.ApiException;
import dev.notely.api.client.NotelyClient;
import dev.notely.api.NoticedMiss;
import dev.notely.store.Account;
import dev.notely.telemetry.ConsistencyMiss;
import dev.notely.telemetry.DaemonThreads;
import dev.notely.telemetry.StatsCollector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated users: each account is created through the REST API, gets its notes, and then acts on
 * its own schedule, checking every answer. After a restart the users carry on with the accounts and notes
 * of the earlier run. A bounded pool of threads serves all accounts (a thousand
 * accounts do not mean a thousand threads); an account's ticks never overlap.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("loadgen");
    /**
     * A request spends about 10 ms in flight with the default network delay, so 1 000 requests a second
     * keep about ten threads busy. More threads than that only add queueing: measured on two cores,
     * 48 threads for 1 000 req/s tripled the p95 against 16-20.
     */
    static final int MAX_THREADS = 32;
    private static final double REQUESTS_PER_SECOND_PER_THREAD = 50;
    /** How simulated accounts are named, {@code user-<run>-<n>}: people's accounts are never taken over. */
    /** Sign-ups per run at most: each adds an account's requests per minute to the load for good. */
    static final int MAX_SIGNUPS = 60;
    public static final int MAX_SIGNUPS_PER_MINUTE = 600;
    /** The sign-ups a kit's users make unless told otherwise. */
    public static final int DEFAULT_SIGNUPS_PER_MINUTE = 6;
    static final Pattern SIMULATED_NAME = Pattern.compile("user-[0-9a-f]{4}-[0-9]+");

    private final NotelyClient api;
    private final StatsCollector stats;
    private final LoadSettings settings;
    private final Tally tally = new Tally();
    private final LongAdder missCount = new LongAdder();
    private final List<SimulatedAccount> accounts = new ArrayList<>();
    /** Accounts that signed up while the kit ran; only the scheduler's thread adds to it. */
    private final List<SimulatedAccount> signedUp = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final int signupsPerMinute;
    private String run;
    private final ScheduledThreadPoolExecutor pool;
    private final long startNanos = System.nanoTime();

    private final Consumer<NoticedMiss> witness;

    private LoadGenerator(NotelyClient api, StatsCollector stats, LoadSettings settings, Consumer<NoticedMiss> witness,
                          int signupsPerMinute) {
        if (signupsPerMinute < 0 || signupsPerMinute > MAX_SIGNUPS_PER_MINUTE) {
            throw new IllegalArgumentException("sign-ups per minute must be between 0 and " + MAX_SIGNUPS_PER_MINUTE
                    + ", was " + signupsPerMinute);
        }
        this.signupsPerMinute = signupsPerMinute;
        this.api = api;
        this.witness = witness;
        this.stats = stats;
        this.settings = settings;
        int threads = (int) Math.max(2, Math.min(Math.min(MAX_THREADS, settings.concurrency()),
                Math.ceil(settings.requestsPerSecond() / REQUESTS_PER_SECOND_PER_THREAD)));
        this.pool = new ScheduledThreadPoolExecutor(threads, DaemonThreads.named("user", true));
        pool.setRemoveOnCancelPolicy(true);
    }

    /** Starts the simulated users; returns at once. Stop with {@link #close()}. */
    public static LoadGenerator start(NotelyClient api, StatsCollector stats, LoadSettings settings) {
        return start(api, stats, settings, miss -> { }, 0);
    }

    /** @param witness told of every miss, with the request that saw it, so the kit can explain it */
    public static LoadGenerator start(NotelyClient api, StatsCollector stats, LoadSettings settings,
                                      Consumer<NoticedMiss> witness) {
        return start(api, stats, settings, witness, 0);
    }

    /**
     * @param signupsPerMinute new accounts signing up while the users run (at most {@link #MAX_SIGNUPS} in all):
     *                         a new account is given its shard while two versions may serve, which is what
     *                         exercise 2 is about
     */
    public static LoadGenerator start(NotelyClient api, StatsCollector stats, LoadSettings settings,
                                      Consumer<NoticedMiss> witness, int signupsPerMinute) {
        LoadGenerator generator = new LoadGenerator(api, stats, settings, witness, signupsPerMinute);
        generator.schedule();
        log.info("simulated users: {} accounts, about {} notes each, {} requests per minute each ({} requests/s)",
                settings.concurrency(), settings.notesPerAccount(), settings.rpm(),
                String.format("%.1f", settings.requestsPerSecond()));
        return generator;
    }

    private void schedule() {
        long periodMicros = TimeUnit.MINUTES.toMicros(1) / settings.rpm();
        run = UUID.randomUUID().toString().substring(0, 4);
        List<Account> earlier = earlierAccounts();
        if (!earlier.isEmpty()) {
            log.info("simulated users carry on with {} accounts of an earlier run", earlier.size());
        }
        for (int i = 1; i <= settings.concurrency(); i++) {
            SimulatedAccount account = i <= earlier.size()
                    ? SimulatedAccount.adopt(earlier.get(i - 1), settings.notesPerAccount())
                    : new SimulatedAccount("user-" + run + "-" + i, settings.notesPerAccount());
            accounts.add(account);
            SplittableRandom random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
            // Spread the first ticks over one period so accounts do not act in lockstep.
            long firstDelay = ThreadLocalRandom.current().nextLong(periodMicros);
            pool.scheduleAtFixedRate(() -> tick(account, random), firstDelay, periodMicros, TimeUnit.MICROSECONDS);
        }
        if (signupsPerMinute > 0) {
            long every = TimeUnit.MINUTES.toMicros(1) / signupsPerMinute;
            pool.scheduleAtFixedRate(() -> signUp(periodMicros), every, every, TimeUnit.MICROSECONDS);
        }
    }

    /** A new user: its first tick, at once, creates the account and its first notes; the next ones read them. */
    private void signUp(long periodMicros) {
        if (signedUp.size() >= MAX_SIGNUPS) {
            return;
        }
        SimulatedAccount account = new SimulatedAccount("user-" + run + "-" + (settings.concurrency() + signedUp.size() + 1),
                settings.notesPerAccount());
        signedUp.add(account);
        if (signedUp.size() == MAX_SIGNUPS) {
            log.info("simulated users: {} accounts signed up while running; no more sign-ups this run", MAX_SIGNUPS);
        }
        SplittableRandom random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
        pool.scheduleAtFixedRate(() -> tick(account, random), 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /**
     * Simulated accounts an earlier run left in the data folder (named as {@link #SIMULATED_NAME} says), as
     * many as this run has users: a restart without {@code --clean} carries on with them instead of adding
     * more each time.
     */
    private List<Account> earlierAccounts() {
        try {
            return api.listAccounts().stream().filter(a -> SIMULATED_NAME.matcher(a.name()).matches())
                    .sorted(Comparator.comparing(Account::name)).limit(settings.concurrency()).toList();
        } catch (ApiException e) {
            log.warn("cannot list the accounts of an earlier run, so the simulated users start new ones: {}", e.getMessage());
            return List.of();
        }
    }

    private void tick(SimulatedAccount account, SplittableRandom random) {
        try {
            account.tick(api, random, tally, this::miss);
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: keep the user alive, say what happened.
            log.warn("simulated user {} hit an unexpected error: {}", account.name(), e.toString());
        }
    }

    private void miss(ConsistencyMiss kind, SimulatedAccount account, UUID noteId, String detail, Operation seenBy,
                      int status, Instant sent) {
        missCount.increment();
        stats.recordMiss(kind);
        log.warn("consistency miss ({}): account {} ({}) note {}: {}", kind.label(), account.name(), account.id(),
                noteId, detail);
        String route = seenBy == Operation.LIST ? "/accounts/{id}/notes" : "/accounts/{id}/notes/{noteId}";
        String method = seenBy == Operation.UPDATE ? "PUT" : "GET";
        try {
            witness.accept(new NoticedMiss(kind, account.id(), account.name(), noteId, detail, method, route, status,
                    sent, Instant.now()));
        } catch (RuntimeException e) {
            log.warn("could not keep the evidence of a miss on note {}: {}", noteId, e.toString());
        }
    }

    public LoadSettings settings() {
        return settings;
    }

    /** Requests made so far, answered or not. */
    public long requests() {
        return tally.requests();
    }

    /** Requests that got no usable answer, by operation (create, read, update, delete, list). */
    public Map<String, Long> failures() {
        return tally.failuresByOperation();
    }

    public long failureCount() {
        return tally.failures();
    }

    /** Consistency misses this generator noticed. */
    public long misses() {
        return missCount.sum();
    }

    /** Accounts that signed up while the users ran and whose creation has gone through. */
    public List<UUID> signedUpIds() {
        return signedUp.stream().map(SimulatedAccount::id).filter(java.util.Objects::nonNull).toList();
    }

    /** The first accounts (not those that signed up later) whose creation has gone through. */
    public List<UUID> accountIds() {
        return accounts.stream().map(SimulatedAccount::id).filter(java.util.Objects::nonNull).toList();
    }

    /** Stops the users promptly: no new ticks, running ones finish their request. */
    @Override
    public void close() {
        if (pool.isShutdown()) {
            return;
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("some simulated users were still waiting for an answer when stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        log.info("simulated users stopped after {} s: {} requests, {} failed {}, {} consistency misses",
                String.format("%.0f", seconds), requests(), failureCount(), failures(), misses());
    }
}
