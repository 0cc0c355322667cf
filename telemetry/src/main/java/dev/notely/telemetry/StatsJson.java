package dev.notely.telemetry;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;

/** JSON form of {@link StatsSnapshot}, used by {@code GET /stats} and by proxies exporting their figures. */
public final class StatsJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private StatsJson() {
    }

    public static String toJson(StatsSnapshot snapshot) {
        return GSON.toJson(snapshot);
    }

    public static JsonElement toJsonTree(StatsSnapshot snapshot) {
        return GSON.toJsonTree(snapshot);
    }

    /** @throws IllegalArgumentException when the text is not a stats snapshot */
    public static StatsSnapshot fromJson(String json) {
        return fromJsonTree(parse(json));
    }

    /** @throws IllegalArgumentException when the tree is not a stats snapshot */
    public static StatsSnapshot fromJsonTree(JsonElement tree) {
        try {
            StatsSnapshot snapshot = GSON.fromJson(tree, StatsSnapshot.class);
            if (snapshot == null) {
                throw new IllegalArgumentException("stats snapshot is empty");
            }
            return snapshot;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a stats snapshot: " + e.getMessage(), e);
        }
    }

    private static JsonElement parse(String json) {
        try {
            return com.google.gson.JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a stats snapshot: " + e.getMessage(), e);
        }
    }
}
