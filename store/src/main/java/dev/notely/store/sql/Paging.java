package dev.notely.store.sql;

import java.util.Optional;
import java.util.UUID;

/** The cursor and limit of a page query, the same for every backend. */
public final class Paging {

    private Paging() {
    }

    /** The id to start after, as the text the ids are stored as; empty sorts before every id. */
    public static String cursor(Optional<UUID> after) {
        return after.map(UUID::toString).orElse("");
    }

    /** @throws IllegalArgumentException for a limit that is not positive */
    public static int requireLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("a page limit must be at least 1, not " + limit);
        }
        return limit;
    }
}
