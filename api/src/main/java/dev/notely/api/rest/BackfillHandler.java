package dev.notely.api.rest;

import dev.notely.api.Backfill;
import dev.notely.api.json.BackfillJson;
import dev.notely.store.InvalidInputException;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/** {@code GET /backfill} and {@code POST /backfill}. */
final class BackfillHandler {

    private final Backfill backfill;

    BackfillHandler(Backfill backfill) {
        this.backfill = backfill;
    }

    void status(HttpServerExchange exchange) {
        Exchanges.json(exchange, 200, BackfillJson.toJson(backfill.status()));
    }

    /**
     * {@code {"action":"start"|"pause","rate":N}}, either or both; answers the status afterwards. The body is
     * checked whole before anything changes, so a bad action never leaves a new rate behind.
     */
    void control(HttpServerExchange exchange) {
        JsonBody body = Exchanges.body(exchange);
        Optional<String> action = body.string("action");
        Optional<Integer> rate = body.wholeNumber("rate", Backfill.MIN_RATE, Backfill.MAX_RATE);
        if (action.isPresent() && !action.get().equals("start") && !action.get().equals("pause")) {
            throw new InvalidInputException("action must be \"start\" or \"pause\", not \"" + action.get() + "\"");
        }
        if (action.isEmpty() && rate.isEmpty()) {
            throw new InvalidInputException("give an action (\"start\" or \"pause\"), a rate in notes per second ("
                    + Backfill.MIN_RATE + " to " + Backfill.MAX_RATE + "), or both: e.g. {\"action\":\"start\",\"rate\":200}");
        }
        rate.ifPresent(backfill::setRate);
        if (action.isPresent()) {
            if (action.get().equals("start")) {
                backfill.start();
            } else {
                backfill.pause();
            }
        }
        Exchanges.json(exchange, 200, BackfillJson.toJson(backfill.status()));
    }
}
