package dev.notely.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A consistency miss with its evidence and a one-line diagnosis, as {@code GET /misses} shows it.
 *
 * @param kind      {@code missing}, {@code stale} or {@code resurrected}
 * @param cause     the kind of diagnosis: {@code rollout}, {@code own-write}, {@code store-failed} or
 *                  {@code unexplained}
 * @param detail    what the user saw, in its words
 * @param timeline  every routed call and store operation on the note in the 30 s before, oldest first
 */
public record ExplainedMiss(long id, String kind, UUID account, String accountName, UUID note, Instant at,
                            Observed observed, String cause, String diagnosis, String detail, List<Event> timeline) {

    /** The request that saw the miss; {@code version} is null when no version's answer was found. */
    public record Observed(String method, String route, int status, Integer version) {
    }

    /**
     * One step of a note's timeline.
     *
     * @param source {@code api} for a routed call the app made, {@code store} for a store operation a proxy made
     * @param store  the store, for a store operation; null for a routed call
     */
    public record Event(Instant at, Integer version, String source, String what, String store, String result) {
    }
}
