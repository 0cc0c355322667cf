package dev.notely.api.rest;

import dev.notely.api.Faults;
import dev.notely.api.json.FaultsJson;
import dev.notely.store.InvalidInputException;
import dev.notely.store.NoteStores;
import dev.notely.store.faults.FaultTable;
import dev.notely.store.faults.StoreFault;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** {@code GET /faults} and {@code POST /faults} (SPEC §19). */
final class FaultsHandler {

    private static final String EXAMPLE = "e.g. {\"store\":\"new\",\"latencyMs\":50,\"jitterMs\":10,\"errorRate\":0.2,"
            + "\"down\":false}, or {\"store\":\"new\",\"clear\":true}";

    private final Faults faults;

    FaultsHandler(Faults faults) {
        this.faults = faults;
    }

    void list(HttpServerExchange exchange) {
        Exchanges.json(exchange, 200, FaultsJson.toJson(faults.current()));
    }

    /**
     * Sets the faults given (any subset; the others keep their value) or clears them all. The body is checked
     * whole before anything changes, so a bad value leaves every fault as it was.
     */
    void change(HttpServerExchange exchange) {
        JsonBody body = Exchanges.body(exchange);
        String store = body.string("store").orElseThrow(() -> new InvalidInputException(
                "store is missing: give one of " + String.join(", ", NoteStores.NAMES) + "; " + EXAMPLE));
        if (!NoteStores.NAMES.contains(store)) {
            throw new InvalidInputException("unknown store '" + store + "': expected one of " + String.join(", ", NoteStores.NAMES));
        }
        boolean clear = body.bool("clear").orElse(false);
        Optional<Integer> latency = body.wholeNumber("latencyMs", 0, StoreFault.MAX_MILLIS);
        Optional<Integer> jitter = body.wholeNumber("jitterMs", 0, StoreFault.MAX_MILLIS);
        Optional<Double> errorRate = body.decimal("errorRate", 0.0, 1.0);
        Optional<Boolean> down = body.bool("down");
        boolean setsSomething = latency.isPresent() || jitter.isPresent() || errorRate.isPresent() || down.isPresent();
        if (clear && setsSomething) {
            throw new InvalidInputException("clear removes every fault of the store: send it alone, then set new ones");
        }
        if (!clear && !setsSomething) {
            throw new InvalidInputException("give latencyMs, jitterMs, errorRate, down, or clear: " + EXAMPLE);
        }
        UnaryOperator<StoreFault> change = clear ? f -> StoreFault.NONE : f -> {
            StoreFault next = f;
            next = latency.map(next::withLatencyMs).orElse(next);
            next = jitter.map(next::withJitterMs).orElse(next);
            next = errorRate.map(next::withErrorRate).orElse(next);
            return down.map(next::withDown).orElse(next);
        };
        FaultTable now = faults.change(store, change);
        Exchanges.json(exchange, 200, FaultsJson.toJson(now));
    }
}
