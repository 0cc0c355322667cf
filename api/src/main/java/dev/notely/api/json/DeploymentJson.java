package dev.notely.api.json;

import dev.notely.wire.Json;
import com.google.gson.JsonObject;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.ProxyInfo;
import dev.notely.api.RolloutProgress;
import java.util.Optional;

/**
 * {@code GET /deployments} as JSON: {@code {"status","progress":{"elapsedSeconds","totalSeconds"},
 * "current":{"version","pid","startedAt","restarts"},"previous":{...},"lastError"}}, absent parts omitted.
 */
public final class DeploymentJson {

    private DeploymentJson() {
    }

    public static JsonObject toJson(DeploymentState state) {
        JsonObject json = new JsonObject();
        json.addProperty("status", state.status().name());
        state.progress().ifPresent(p -> {
            JsonObject progress = new JsonObject();
            progress.addProperty("elapsedSeconds", p.elapsedSeconds());
            progress.addProperty("totalSeconds", p.totalSeconds());
            json.add("progress", progress);
        });
        state.current().ifPresent(c -> json.add("current", proxy(c)));
        state.previous().ifPresent(p -> json.add("previous", proxy(p)));
        state.lastError().ifPresent(e -> json.addProperty("lastError", e));
        return json;
    }

    /** @throws IllegalArgumentException when the object is not a deployment state */
    public static DeploymentState fromJson(JsonObject json) {
        try {
            Optional<RolloutProgress> progress = Optional.ofNullable(json.getAsJsonObject("progress"))
                    .map(p -> new RolloutProgress(p.get("elapsedSeconds").getAsLong(), p.get("totalSeconds").getAsLong()));
            return new DeploymentState(DeploymentStatus.valueOf(json.get("status").getAsString()), progress,
                    Optional.ofNullable(json.getAsJsonObject("current")).map(DeploymentJson::proxy),
                    Optional.ofNullable(json.getAsJsonObject("previous")).map(DeploymentJson::proxy),
                    Optional.ofNullable(json.get("lastError")).map(e -> e.getAsString()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a deployment state: " + json, e);
        }
    }

    private static JsonObject proxy(ProxyInfo info) {
        JsonObject json = new JsonObject();
        json.addProperty("version", info.version());
        json.addProperty("pid", info.pid());
        if (info.startedAt() != null) {
            json.addProperty("startedAt", Json.formatInstant(info.startedAt()));
        }
        json.addProperty("restarts", info.restarts());
        return json;
    }

    private static ProxyInfo proxy(JsonObject json) {
        return new ProxyInfo(json.get("version").getAsInt(), json.get("pid").getAsLong(),
                json.has("startedAt") ? Json.parseInstant(json.get("startedAt").getAsString()) : null,
                json.get("restarts").getAsInt());
    }
}
