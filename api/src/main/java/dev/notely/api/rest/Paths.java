package dev.notely.api.rest;

import dev.notely.store.InvalidInputException;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.UUID;

/** Path parameters of the matched route template. */
final class Paths {

    private Paths() {
    }

    static UUID uuidParam(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        String text = values == null || values.isEmpty() ? "" : values.getFirst();
        return uuid(name, text);
    }

    static UUID uuid(String name, String text) {
        // UUID.fromString accepts short forms such as "1-2-3-4-5"; only the canonical form is an id here.
        if (text.length() != 36) {
            throw new InvalidInputException(name + " '" + text + "' is not a UUID");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + " '" + text + "' is not a UUID");
        }
    }
}
