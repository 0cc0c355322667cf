package dev.notely.api.rest;

import dev.notely.api.Checks;
import dev.notely.api.json.ChecksJson;
import dev.notely.store.InvalidInputException;
import io.undertow.server.HttpServerExchange;

/** {@code GET /checks} and {@code PUT /checks {"exercise":N}}. */
final class ChecksHandler {

    private final Checks checks;

    ChecksHandler(Checks checks) {
        this.checks = checks;
    }

    void status(HttpServerExchange exchange) {
        Exchanges.json(exchange, 200, ChecksJson.toJson(checks.status()));
    }

    /** Changes the current exercise; answers the status afterwards (the new run is under way). */
    void change(HttpServerExchange exchange) {
        JsonBody body = Exchanges.body(exchange);
        int exercise = body.wholeNumber("exercise", 1, 3).orElseThrow(() ->
                new InvalidInputException("give the exercise to check against: e.g. {\"exercise\":2}"));
        checks.setExercise(exercise);
        Exchanges.json(exchange, 200, ChecksJson.toJson(checks.status()));
    }
}
