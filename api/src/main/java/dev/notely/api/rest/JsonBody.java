package dev.notely.api.rest;

import dev.notely.store.InvalidInputException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.notely.wire.Json;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A request body read as a JSON object, with typed accessors that turn every wrong shape into a 400
 * naming the field. Unknown fields are ignored.
 */
final class JsonBody {

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("request body must be a JSON object");
        }
        JsonElement parsed;
        try {
            parsed = Json.parseStrict(text);
        } catch (JsonParseException e) {
            throw new InvalidInputException("request body is not valid JSON");
        }
        if (!parsed.isJsonObject()) {
            throw new InvalidInputException("request body must be a JSON object");
        }
        return new JsonBody(parsed.getAsJsonObject());
    }

    boolean has(String field) {
        return object.has(field);
    }

    /** The field as text; absent or null is empty; another type is a 400. */
    Optional<String> string(String field) {
        JsonElement e = object.get(field);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new InvalidInputException(field + " must be a string");
        }
        return Optional.of(e.getAsString());
    }

    Optional<Boolean> bool(String field) {
        JsonElement e = object.get(field);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new InvalidInputException(field + " must be true or false");
        }
        return Optional.of(e.getAsBoolean());
    }

    /** The field as a whole number in {@code [min, max]}; absent or null is empty; anything else is a 400. */
    Optional<Integer> wholeNumber(String field, int min, int max) {
        JsonElement e = object.get(field);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        String wanted = field + " must be a whole number from " + min + " to " + max + ", not " + e;
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new InvalidInputException(wanted);
        }
        try {
            int value = e.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (ArithmeticException ex) {
            // a fraction, or beyond an int: said below
        }
        throw new InvalidInputException(wanted);
    }

    /** The field as a number in {@code [min, max]}; absent or null is empty; anything else is a 400. */
    Optional<Double> decimal(String field, double min, double max) {
        JsonElement e = object.get(field);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double value = e.getAsDouble();
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        }
        throw new InvalidInputException(field + " must be a number from " + min + " to " + max + ", not " + e);
    }

    Optional<UUID> uuid(String field) {
        return string(field).map(text -> Paths.uuid(field, text));
    }

    Optional<Instant> instant(String field) {
        return string(field).map(text -> {
            try {
                return Json.parseInstant(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field + ": " + e.getMessage());
            }
        });
    }
}
