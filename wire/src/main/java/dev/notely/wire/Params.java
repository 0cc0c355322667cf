package dev.notely.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.notely.store.AccountDetails;
import dev.notely.store.MigrationStage;
import dev.notely.store.InvalidInputException;
import dev.notely.store.Note;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads typed values out of JSON-RPC params, naming the offending field when one is wrong: the proxy's
 * half of each {@link RoutedCall}'s codec.
 */
final class Params {

    private final JsonObject params;

    Params(JsonObject params) {
        this.params = params;
    }

    AccountDetails accountDetails() {
        JsonObject details = object(params, "accountDetails", "params.accountDetails");
        return new AccountDetails(uuid(details, "accountId", "params.accountDetails.accountId"),
                bool(details, "isMigrating", "params.accountDetails.isMigrating"),
                optionalString(details, "shard", "params.accountDetails.shard"),
                stage(optionalString(details, "stage", "params.accountDetails.stage")));
    }

    /** Absent means {@code off}, as for an app that predates stages. */
    private static MigrationStage stage(String label) {
        try {
            return label == null ? MigrationStage.OFF : MigrationStage.parse(label);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("params.accountDetails.stage: " + e.getMessage());
        }
    }

    Note note() {
        JsonObject note = object(params, "note", "params.note");
        return new Note(uuid(note, "id", "params.note.id"), uuid(note, "creator", "params.note.creator"),
                instant(note, "createdAt", "params.note.createdAt"), instant(note, "updatedAt", "params.note.updatedAt"),
                Limits.content("params.note.content", string(note, "content", "params.note.content")));
    }

    UUID uuid(String field) {
        return uuid(params, field, "params." + field);
    }

    /** A UUID that may be absent or null. */
    Optional<UUID> optionalUuid(String field) {
        JsonElement e = params.get(field);
        return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(uuid(field));
    }

    /** A whole number in {@code [min, max]}. */
    int wholeNumber(String field, int min, int max) {
        JsonElement e = params.get(field);
        String path = "params." + field;
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new InvalidInputException(path + " must be a whole number from " + min + " to " + max);
        }
        try {
            int value = e.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
            if (value >= min && value <= max) {
                return value;
            }
        } catch (ArithmeticException ex) {
            // not whole, or too large: said below
        }
        throw new InvalidInputException(path + " must be a whole number from " + min + " to " + max);
    }

    private static JsonObject object(JsonObject parent, String field, String path) {
        JsonElement e = parent.get(field);
        if (e == null || !e.isJsonObject()) {
            throw new InvalidInputException(path + " must be an object");
        }
        return e.getAsJsonObject();
    }

    private static UUID uuid(JsonObject parent, String field, String path) {
        return Limits.uuid(path, string(parent, field, path));
    }

    /** Times travel as epoch milliseconds. */
    private static Instant instant(JsonObject parent, String field, String path) {
        JsonElement e = parent.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new InvalidInputException(path + " must be a number of epoch milliseconds");
        }
        try {
            return Instant.ofEpochMilli(e.getAsJsonPrimitive().getAsBigDecimal().longValueExact());
        } catch (ArithmeticException | java.time.DateTimeException ex) {
            throw new InvalidInputException(path + " must be a whole number of epoch milliseconds");
        }
    }

    private static String string(JsonObject parent, String field, String path) {
        JsonElement e = parent.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new InvalidInputException(path + " must be a string");
        }
        return e.getAsString();
    }

    private static String optionalString(JsonObject parent, String field, String path) {
        JsonElement e = parent.get(field);
        return e == null || e.isJsonNull() ? null : string(parent, field, path);
    }

    private static boolean bool(JsonObject parent, String field, String path) {
        JsonElement e = parent.get(field);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new InvalidInputException(path + " must be true or false");
        }
        return e.getAsBoolean();
    }
}
