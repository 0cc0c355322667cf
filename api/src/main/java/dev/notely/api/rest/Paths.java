package dev.notely.api.rest;

import dev.notely.wire.Limits;
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
        return Limits.uuid(name, text);
    }
}
