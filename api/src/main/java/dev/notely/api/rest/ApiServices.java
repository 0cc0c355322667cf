package dev.notely.api.rest;

import dev.notely.api.Backfill;
import dev.notely.api.Deployments;
import dev.notely.api.Misses;
import dev.notely.api.StageMoves;
import dev.notely.api.Verification;
import dev.notely.store.AccountStore;
import dev.notely.store.NoteRouter;
import dev.notely.telemetry.StatsCollector;
import java.util.Optional;

/**
 * What the REST API serves, in one place: a new part of the kit is a new component here, not another
 * overload of {@link RestServer#start}.
 *
 * @param router       the notes' router (the traffic split between the versions that serve)
 * @param backfill     {@code GET} and {@code POST /backfill}; {@link Backfill#NONE} says there is none
 * @param verification {@code GET /verify}; {@link Verification#NONE} says it is not available
 * @param stages       exercise 3's stage moves ({@code PUT /accounts/{id}} with a {@code stage}), through their gates
 * @param misses       {@code GET /misses}: the consistency misses explained; {@link Misses#NONE} keeps none
 */
public record ApiServices(AccountStore accounts, NoteRouter router, Deployments deployments, Backfill backfill,
                          Verification verification, StageMoves stages, StatsCollector stats, Misses misses) {

    /** Without a backfill or verification, and with stage moves no gate holds. */
    public static ApiServices of(AccountStore accounts, NoteRouter router, Deployments deployments, StatsCollector stats) {
        return new ApiServices(accounts, router, deployments, Backfill.NONE, Verification.NONE,
                new StageMoves(accounts, (account, to) -> Optional.empty()), stats, Misses.NONE);
    }

    public ApiServices withBackfill(Backfill job) {
        return new ApiServices(accounts, router, deployments, job, verification, stages, stats, misses);
    }

    public ApiServices withVerification(Verification verifier) {
        return new ApiServices(accounts, router, deployments, backfill, verifier, stages, stats, misses);
    }

    public ApiServices withStages(StageMoves gated) {
        return new ApiServices(accounts, router, deployments, backfill, verification, gated, stats, misses);
    }

    public ApiServices withMisses(Misses explained) {
        return new ApiServices(accounts, router, deployments, backfill, verification, stages, stats, explained);
    }
}
