package dev.notely.tui;

import dev.notely.api.Backfill;
import dev.notely.api.BackfillStatus;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.ProxyInfo;
import dev.notely.api.VerificationReport;
import dev.notely.store.Account;
import dev.notely.store.ConflictException;
import dev.notely.store.MigrationStage;
import dev.notely.store.NoteStores;
import dev.notely.store.faults.StoreFault;
import dev.notely.telemetry.DaemonThreads;
import dev.notely.telemetry.StatsSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard's keys make happen: deployments, account and stage changes, the backfill and
 * verification. Each runs off the UI thread and says how it went on the status line.
 */
final class KeyActions implements Actions {

    // Logged as the dashboard: that is where a person pressed the key.
    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
    /** The slowest rate - goes down to, in notes per second; + goes up to the most the backfill takes. */
    static final int SLOWEST_RATE = 10;
    static final int FASTEST_RATE = Backfill.MAX_RATE;

    private final DashboardServices kit;
    private final ViewState state;
    private final ExecutorService deployer = daemonExecutor("dashboard-deploy");
    private final ExecutorService worker = daemonExecutor("dashboard-work");
    // A verification reads every store for seconds: never on the UI thread, never in the way of m, M or s.
    private final ExecutorService verifier = daemonExecutor("dashboard-verify");
    private volatile VerifyStatus verifyStatus = VerifyStatus.NONE;

    KeyActions(DashboardServices kit, ViewState state) {
        this.kit = kit;
        this.state = state;
    }

    /** The last verification started with {@code v}, or none. */
    VerifyStatus verifyStatus() {
        return verifyStatus;
    }

    @Override
    public void deploy() {
        if (state.deploying) {
            state.say("a deployment is already running: wait for it to finish", true);
            return;
        }
        state.deploying = true;
        state.say("deploying: compiling proxy/ and starting the new version…", false);
        deployer.execute(() -> {
            try {
                int version = kit.deployments().deploy();
                state.rolledBackTo = 0; // a new version: the next r is an ordinary one again
                // True only while both versions serve: the rollout's end makes it false, and so does a newer deploy.
                state.sayWhile("v" + version + " serves; the previous version keeps part of the traffic until the rollout ends",
                        false, d -> d.previous().isPresent() && d.current().map(p -> p.version() == version).orElse(false));
            } catch (ConflictException e) {
                state.say("not deployed: " + e.getMessage(), true);
            } catch (RuntimeException e) {
                state.say("deployment failed: " + e.getMessage(), true);
            } finally {
                state.deploying = false;
                state.refreshNow = true;
            }
        });
    }

    @Override
    public void rollback() {
        if (state.deploying) {
            state.say("a deployment is running: roll back once it serves", true);
            return;
        }
        DeploymentState now = kit.deployments().state();
        int serving = now.current().map(ProxyInfo::version).orElse(0);
        if (serving != 0 && serving == state.rolledBackTo && now.previous().isEmpty()) {
            // The last r already went back to this version: another goes further back than anyone asked.
            state.onYes = this::rollBack;
            state.say("v" + serving + " is what the last r went back to; r again replaces it with the version v"
                    + serving + " replaced: y rolls back further, any other key keeps v" + serving, true);
            return;
        }
        rollBack();
    }

    private void rollBack() {
        state.deploying = true;
        state.say("rolling back…", false);
        deployer.execute(() -> {
            try {
                int version = kit.deployments().rollback();
                state.rolledBackTo = kit.deployments().state().previous().isPresent() ? 0 : version;
                state.say("rolled back: v" + version + (kit.deployments().state().previous().isPresent()
                        ? " rolls out again from its compiled classes" : " serves all traffic"), false);
            } catch (ConflictException e) {
                state.say("not rolled back: " + e.getMessage(), true);
            } catch (RuntimeException e) {
                state.say("rollback failed: " + e.getMessage(), true);
            } finally {
                state.deploying = false;
                state.refreshNow = true;
            }
        });
    }

    @Override
    public void toggleMigration(Account account) {
        // Re-read on the worker: keys pressed faster than the screen refreshes act on the latest state.
        change(account, current -> current.withMigrating(!current.isMigrating()),
                updated -> updated.name() + ": migration " + (updated.isMigrating() ? "on" : "off"),
                updated -> "runs the code from before this rollout");
    }

    @Override
    public void setAllMigrating(boolean migrating) {
        worker.execute(() -> {
            try {
                List<Account> current = kit.accounts().listAccounts();
                for (Account a : current) {
                    if (a.isMigrating() != migrating) {
                        kit.accounts().updateAccount(a.withMigrating(migrating));
                    }
                }
                report("migration " + (migrating ? "on" : "off") + " for all " + current.size() + " accounts",
                        "runs the code from before this rollout");
            } catch (RuntimeException e) {
                state.say("could not change the accounts: " + e.getMessage(), true);
            }
        });
    }

    @Override
    public void cycleShard(Account account) {
        change(account, current -> {
            List<String> cycle = NoteStores.SHARDS;
            int index = current.shard() == null ? -1 : cycle.indexOf(current.shard());
            String next = index + 1 < cycle.size() ? cycle.get(index + 1) : null;
            return current.withShard(next).withMigrating(true);
        }, updated -> updated.name() + ": shard " + (updated.shard() == null ? "none" : updated.shard()) + ", migrating",
                updated -> updated.shard() == null ? "runs the code from before this rollout" : "cannot see " + updated.shard());
    }

    @Override
    public void moveStage(Account account, boolean forward) {
        worker.execute(() -> {
            try {
                Account moved = kit.stages().step(account.id(), forward);
                report(moved.name() + ": stage " + moved.stage(), "does not know stage " + moved.stage());
            } catch (ConflictException e) {
                state.say("not moved: " + e.getMessage(), true);
            } catch (RuntimeException e) {
                state.say("could not move " + account.name() + ": " + e.getMessage(), true);
            }
        });
    }

    @Override
    public void moveAllStages(boolean forward) {
        worker.execute(() -> {
            try {
                int moved = 0;
                List<String> refusals = new ArrayList<>();
                Map<MigrationStage, Integer> reached = new java.util.TreeMap<>();
                for (Account a : kit.accounts().listAccounts()) {
                    try {
                        Account after = kit.stages().step(a.id(), forward);
                        moved++;
                        reached.merge(after.stage(), 1, Integer::sum);
                    } catch (ConflictException e) {
                        refusals.add(e.getMessage());
                    }
                }
                String where = reached.entrySet().stream().map(e -> e.getValue() + " to " + e.getKey())
                        .collect(java.util.stream.Collectors.joining(", "));
                String done = moved + " account" + (moved == 1 ? "" : "s") + " moved" + (where.isEmpty() ? "" : " (" + where + ")");
                if (refusals.isEmpty()) {
                    report(done, "does not know the new stages");
                } else {
                    state.say(done + "; " + refusals.size() + " held: " + refusals.get(0), true);
                }
            } catch (RuntimeException e) {
                state.say("could not move the accounts: " + e.getMessage(), true);
            }
        });
    }

    private void change(Account account, UnaryOperator<Account> edit, Function<Account, String> done,
                        Function<Account, String> risk) {
        worker.execute(() -> {
            try {
                Account current = kit.accounts().getAccount(account.id()).orElse(account);
                Account updated = edit.apply(current);
                kit.accounts().updateAccount(updated);
                report(done.apply(updated), risk.apply(updated));
            } catch (RuntimeException e) {
                state.say("could not change " + account.name() + ": " + e.getMessage(), true);
            }
        });
    }

    /**
     * Says what an account change did; during a rollout, warns that the previous version still answers
     * part of the requests with its older code: changing accounts then is the mistake the workshop teaches.
     *
     * @param risk what the previous version does wrong, after "v1 still serves 50 % of requests and"
     */
    private void report(String done, String risk) {
        DeploymentState now;
        try {
            now = kit.deployments().state();
        } catch (RuntimeException e) {
            now = DeploymentState.INITIAL;
        }
        if (now.status() == DeploymentStatus.ROLLOUT_WAIT && now.previous().isPresent()) {
            int previous = now.previous().get().version();
            // The warning first: on a narrow screen the end of the line is cut.
            state.sayWhile("⚠ v" + previous + " still serves 50 % of requests and " + risk + " (rollout running): " + done,
                    true, d -> d.previous().map(p -> p.version() == previous).orElse(false));
        } else {
            state.say(done, false);
        }
    }

    @Override
    public void changeFault(FaultMenu.Change change) {
        worker.execute(() -> {
            try {
                StoreFault now = kit.faults().change(change.store(), change.change()).of(change.store());
                state.say("store " + change.store() + ": " + (now.isNone() ? "no faults" : now.describe())
                        + (now.isNone() ? "" : " (x, then c, clears it)"), false);
            } catch (RuntimeException e) {
                state.say("store fault not set: " + e.getMessage(), true);
            }
        });
    }

    @Override
    public void toggleBackfill() {
        if (kit.backfill().isEmpty()) {
            state.say("this kit runs no backfill", true);
            return;
        }
        Backfill job = kit.backfill().get();
        worker.execute(() -> {
            try {
                BackfillStatus before = job.status();
                if (before.active()) {
                    job.pause();
                    state.say("backfill paused: every account keeps its place (b goes on)", false);
                } else {
                    job.start();
                    state.say(before.state() == BackfillStatus.State.PAUSED ? "backfill goes on where it was"
                            : "backfill started: a pass over every account", false);
                }
            } catch (RuntimeException e) {
                state.say("backfill: " + e.getMessage(), true);
            }
        });
    }

    @Override
    public void changeBackfillRate(boolean faster) {
        if (kit.backfill().isEmpty()) {
            state.say("this kit runs no backfill", true);
            return;
        }
        Backfill job = kit.backfill().get();
        worker.execute(() -> {
            try {
                int rate = nextRate(job.status().rate(), faster);
                job.setRate(rate);
                state.say(String.format(Locale.ROOT, "backfill rate %,d notes/s", rate), false);
            } catch (RuntimeException e) {
                state.say("backfill: " + e.getMessage(), true);
            }
        });
    }

    /** Half as much again, or a third less, within {@link #SLOWEST_RATE}..{@link #FASTEST_RATE}. */
    static int nextRate(int rate, boolean faster) {
        long next = faster ? Math.max(rate + 1, Math.round(rate * 1.5)) : Math.min(rate - 1, Math.round(rate / 1.5));
        return (int) Math.max(SLOWEST_RATE, Math.min(FASTEST_RATE, next));
    }

    @Override
    public void resetCounters() {
        StatsSnapshot before = kit.stats().snapshot();
        long failed = Health.of(before, DeploymentState.INITIAL).failed();
        kit.stats().reset();
        log.info("counters reset from the dashboard: {} consistency misses and {} failed requests before it no longer count",
                before.totalMisses(), failed);
        state.say("counts reset: misses, failed requests and totals count from now on", false);
    }

    @Override
    public void verify() {
        VerifyStatus before = verifyStatus;
        if (before.running()) {
            state.say("a verification is running: its result shows here when it is done", false);
            return;
        }
        verifyStatus = before.started(Instant.now());
        state.say("verifying: comparing the note stores…", false);
        try {
            verifier.execute(() -> {
                try {
                    VerificationReport report = kit.verification().verify();
                    verifyStatus = verifyStatus.finished(report, Instant.now());
                    state.say(report.clean() ? "verified: clean, every note is where its account's mode says"
                            : "verified: " + report.summary().notesUnexpected() + " notes out of place", !report.clean());
                } catch (RuntimeException e) {
                    verifyStatus = verifyStatus.failed(e.getMessage());
                    state.say("verification failed: " + e.getMessage(), true);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            verifyStatus = before; // the dashboard is closing
        }
    }

    @Override
    public void nextExercise() {
        int next;
        try {
            next = kit.checks().status().exercise() % 3 + 1;
        } catch (RuntimeException e) {
            state.say("cannot read the current exercise: " + e.getMessage(), true);
            return;
        }
        worker.execute(() -> {
            try {
                kit.checks().setExercise(next);
                state.say("exercise " + next + ": the checks run against it now, and on every save", false);
            } catch (RuntimeException e) {
                state.say("cannot change the exercise: " + e.getMessage(), true);
            }
        });
    }

    /** Stops what the keys started, as the dashboard closes. */
    void close() {
        deployer.shutdownNow();
        worker.shutdownNow();
        verifier.shutdownNow();
    }

    private static ExecutorService daemonExecutor(String name) {
        return Executors.newSingleThreadExecutor(DaemonThreads.named(name));
    }
}
