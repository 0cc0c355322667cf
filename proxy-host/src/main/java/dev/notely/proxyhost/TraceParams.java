package dev.notely.proxyhost;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.notely.store.InvalidInputException;
import java.util.UUID;

/** The params of {@code Trace}: {@code note}, required, and {@code account}, which may be absent. */
final class TraceParams {

    private TraceParams() {
    }

    static UUID note(JsonObject params) {
        UUID note = uuid(params, "note");
        if (note == null) {
            throw new InvalidInputException("params.note must be a note id");
        }
        return note;
    }

    static UUID account(JsonObject params) {
        return uuid(params, "account");
    }

    private static UUID uuid(JsonObject params, String field) {
        JsonElement e = params.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        try {
            return UUID.fromString(e.getAsString());
        } catch (RuntimeException ex) {
            throw new InvalidInputException("params." + field + " must be a UUID");
        }
    }
}
