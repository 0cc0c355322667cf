package dev.notely.api.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.notely.api.BackfillStatus;
import dev.notely.api.BackfillStatus.AccountProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code GET /backfill} as JSON: {@code {"state","message","rate","effectiveRate","notesPerSecond","moved",
 * "left","etaSeconds","apiP95Millis","p95LimitMillis","accounts":[{"id","name","moved","left","done"}]}},
 * {@code message} and {@code etaSeconds} omitted when absent.
 */
public final class BackfillJson {

    private BackfillJson() {
    }

    public static JsonObject toJson(BackfillStatus status) {
        JsonObject json = new JsonObject();
        json.addProperty("state", status.state().word());
        status.message().ifPresent(m -> json.addProperty("message", m));
        json.addProperty("rate", status.rate());
        json.addProperty("effectiveRate", round(status.effectiveRate()));
        json.addProperty("notesPerSecond", round(status.notesPerSecond()));
        json.addProperty("moved", status.moved());
        json.addProperty("left", status.left());
        status.etaSeconds().ifPresent(eta -> json.addProperty("etaSeconds", eta));
        json.addProperty("apiP95Millis", round(status.apiP95Millis()));
        json.addProperty("p95LimitMillis", round(status.p95LimitMillis()));
        JsonArray accounts = new JsonArray();
        for (AccountProgress a : status.accounts()) {
            JsonObject account = new JsonObject();
            account.addProperty("id", a.id().toString());
            account.addProperty("name", a.name());
            account.addProperty("moved", a.moved());
            account.addProperty("left", a.left());
            account.addProperty("done", a.done());
            accounts.add(account);
        }
        json.add("accounts", accounts);
        return json;
    }

    /** @throws IllegalArgumentException when the object is not a backfill status */
    public static BackfillStatus fromJson(JsonObject json) {
        try {
            List<AccountProgress> accounts = new ArrayList<>();
            for (JsonElement e : json.getAsJsonArray("accounts")) {
                JsonObject a = e.getAsJsonObject();
                accounts.add(new AccountProgress(UUID.fromString(a.get("id").getAsString()), a.get("name").getAsString(),
                        a.get("moved").getAsLong(), a.get("left").getAsLong(), a.get("done").getAsBoolean()));
            }
            return new BackfillStatus(BackfillStatus.State.ofWord(json.get("state").getAsString()),
                    Optional.ofNullable(json.get("message")).map(JsonElement::getAsString),
                    json.get("rate").getAsInt(), json.get("effectiveRate").getAsDouble(),
                    json.get("notesPerSecond").getAsDouble(), json.get("moved").getAsLong(), json.get("left").getAsLong(),
                    json.has("etaSeconds") ? OptionalLong.of(json.get("etaSeconds").getAsLong()) : OptionalLong.empty(),
                    json.get("apiP95Millis").getAsDouble(), json.get("p95LimitMillis").getAsDouble(), accounts);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a backfill status: " + json, e);
        }
    }

    /** One decimal is all a reader needs of a rate or a latency. */
    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
