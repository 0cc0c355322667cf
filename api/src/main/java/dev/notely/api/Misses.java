package dev.notely.api;

import java.util.List;
import java.util.Optional;

/** The recent consistency misses, explained ({@code GET /misses}, the dashboard's misses page). */
public interface Misses {

    /** No misses are kept: for an API without simulated users' evidence. */
    Misses NONE = limit -> List.of();

    /** Up to {@code limit} of the latest misses, newest first. */
    List<ExplainedMiss> recent(int limit);

    /** The newest miss, if any. */
    default Optional<ExplainedMiss> latest() {
        return recent(1).stream().findFirst();
    }
}
