package dev.notely.api.rest;

import dev.notely.api.Misses;
import dev.notely.store.InvalidInputException;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.Map;

/** {@code GET /misses?limit=N}: the latest consistency misses, newest first, each with its diagnosis and timeline. */
final class MissesHandler {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    private final Misses misses;

    MissesHandler(Misses misses) {
        this.misses = misses;
    }

    void list(HttpServerExchange exchange) {
        Exchanges.json(exchange, 200, Map.of("misses", misses.recent(limit(exchange))));
    }

    private static int limit(HttpServerExchange exchange) {
        Deque<String> values = exchange.getQueryParameters().get("limit");
        if (values == null || values.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(values.getFirst());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException("limit must be a whole number from 1 to " + MAX_LIMIT + ", such as /misses?limit=20");
    }
}
