package dev.notely.tui;

import dev.notely.api.Misses;
import dev.notely.api.Backfill;
import dev.notely.api.Checks;
import dev.notely.api.Deployments;
import dev.notely.api.Faults;
import dev.notely.api.StageMoves;
import dev.notely.api.Verification;
import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.telemetry.LogCapture;
import dev.notely.telemetry.StatsCollector;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * What the dashboard reads and drives, in one place: a new part of the kit is a new component here, not
 * another constructor.
 *
 * @param noteCounter counts an account's notes (through the serving router), for the accounts page
 * @param backfill    empty: the overview has no backfill line and {@code b} says so
 * @param misses      the misses explained, for the misses page and the overview's latest diagnosis
 * @param stages      moves between exercise 3's stages ({@code ]}, {@code [}, {@code }}, {@code {}), through its gates
 * @param faults      the store faults: shown in the header, set with {@code x} on the overview
 * @param checks      the attendee's loop: the overview's Exercise line and page 5; {@link Checks#NONE} when off
 */
public record DashboardServices(StatsCollector stats, AccountStore accounts, ToLongFunction<Account> noteCounter,
                                Deployments deployments, Optional<Backfill> backfill, Verification verification,
                                StageMoves stages, LogCapture logs, Faults faults, Checks checks, Misses misses) {

    /** Without a backfill, with a {@code v} that says verification is not available, and stages moved without gates. */
    public static DashboardServices of(StatsCollector stats, AccountStore accounts, ToLongFunction<Account> noteCounter,
                                       Deployments deployments, LogCapture logs) {
        return new DashboardServices(stats, accounts, noteCounter, deployments, Optional.empty(), Verification.NONE,
                new StageMoves(accounts, (account, to) -> Optional.empty()), logs, Faults.NONE, Checks.NONE, Misses.NONE);
    }

    public DashboardServices withBackfill(Backfill job) {
        return new DashboardServices(stats, accounts, noteCounter, deployments, Optional.of(job), verification, stages, logs,
                faults, checks, misses);
    }

    public DashboardServices withVerification(Verification verifier) {
        return new DashboardServices(stats, accounts, noteCounter, deployments, backfill, verifier, stages, logs,
                faults, checks, misses);
    }

    public DashboardServices withStages(StageMoves gated) {
        return new DashboardServices(stats, accounts, noteCounter, deployments, backfill, verification, gated, logs,
                faults, checks, misses);
    }

    public DashboardServices withFaults(Faults kitFaults) {
        return new DashboardServices(stats, accounts, noteCounter, deployments, backfill, verification, stages, logs,
                kitFaults, checks, misses);
    }

    public DashboardServices withChecks(Checks loop) {
        return new DashboardServices(stats, accounts, noteCounter, deployments, backfill, verification, stages, logs,
                faults, loop, misses);
    }

    public DashboardServices withMisses(Misses explained) {
        return new DashboardServices(stats, accounts, noteCounter, deployments, backfill, verification, stages, logs,
                faults, checks, explained);
    }
}
