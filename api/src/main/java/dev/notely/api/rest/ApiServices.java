package dev.notely.api.rest;

import dev.notely.api.Backfill;
import dev.notely.api.Checks;
import dev.notely.api.Deployments;
import dev.notely.api.Faults;
import dev.notely.api.Misses;
import dev.notely.api.StageMoves;
import dev.notely.api.StoreHealth;
import dev.notely.api.Verification;
import dev.notely.store.AccountStore;
import dev.notely.store.NoteRouter;
import dev.notely.telemetry.StatsCollector;
import java.util.List;
import java.util.Optional;

/**
 * What the REST API serves, in one place: a new part of the kit is a new component here, not another
 * overload of {@link RestServer#start}.
 *
 * @param router       the notes' router (the traffic split between the versions that serve)
 * @param backfill     {@code GET} and {@code POST /backfill}; {@link Backfill#NONE} says there is none
 * @param verification {@code GET /verify}; {@link Verification#NONE} says it is not available
 * @param stages       exercise 3's stage moves ({@code PUT /accounts/{id}} with a {@code stage}), through their gates
 * @param storeHealth  each note store's state, for {@code /healthz}
 * @param allowedHosts names the API answers to besides the loopback names and its own address ({@code --allowed-host})
 * @param faults       {@code GET} and {@code POST /faults}; {@link Faults#NONE} says they are not available
 * @param checks       {@code GET} and {@code PUT /checks}: the attendee's loop; {@link Checks#NONE} when it is off
 * @param misses       {@code GET /misses}: the consistency misses explained; {@link Misses#NONE} keeps none
 */
public record ApiServices(AccountStore accounts, NoteRouter router, Deployments deployments, Backfill backfill,
                          Verification verification, StageMoves stages, StoreHealth storeHealth,
                          List<String> allowedHosts, Faults faults, Checks checks, Misses misses, StatsCollector stats) {

    /** Without a backfill, verification, store faults or checks, and with stage moves no gate holds. */
    public static ApiServices of(AccountStore accounts, NoteRouter router, Deployments deployments, StatsCollector stats) {
        return new ApiServices(accounts, router, deployments, Backfill.NONE, Verification.NONE,
                new StageMoves(accounts, (account, to) -> Optional.empty()), StoreHealth.NONE, List.of(), Faults.NONE,
                Checks.NONE, Misses.NONE, stats);
    }

    public ApiServices withBackfill(Backfill job) {
        return new ApiServices(accounts, router, deployments,
                job, verification, stages, storeHealth, allowedHosts, faults, checks, misses, stats);
    }

    public ApiServices withVerification(Verification verifier) {
        return new ApiServices(accounts, router, deployments,
                backfill, verifier, stages, storeHealth, allowedHosts, faults, checks, misses, stats);
    }

    public ApiServices withStages(StageMoves gated) {
        return new ApiServices(accounts, router, deployments,
                backfill, verification, gated, storeHealth, allowedHosts, faults, checks, misses, stats);
    }

    public ApiServices withStoreHealth(StoreHealth health) {
        return new ApiServices(accounts, router, deployments,
                backfill, verification, stages, health, allowedHosts, faults, checks, misses, stats);
    }

    public ApiServices withAllowedHosts(List<String> names) {
        return new ApiServices(accounts, router, deployments,
                backfill, verification, stages, storeHealth, List.copyOf(names), faults, checks, misses, stats);
    }

    public ApiServices withFaults(Faults kitFaults) {
        return new ApiServices(accounts, router, deployments,
                backfill, verification, stages, storeHealth, allowedHosts, kitFaults, checks, misses, stats);
    }

    public ApiServices withChecks(Checks loop) {
        return new ApiServices(accounts, router, deployments,
                backfill, verification, stages, storeHealth, allowedHosts, faults, loop, misses, stats);
    }

    public ApiServices withMisses(Misses explained) {
        return new ApiServices(accounts, router, deployments,
                backfill, verification, stages, storeHealth, allowedHosts, faults, checks, explained, stats);
    }
}
