package dev.notely.api.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.notely.api.ChecksStatus;

/**
 * {@code GET /checks} as JSON: {@code {"exercise","state","savedAt","checkedAt","passed","total",
 * "compileError":{"file","line","message","sourceLine"},"checks":[{"name","status","message"}],"note"}};
 * {@code savedAt}, {@code checkedAt}, {@code compileError} and {@code note} are left out when absent.
 */
public final class ChecksJson {

    private ChecksJson() {
    }

    public static JsonObject toJson(ChecksStatus status) {
        JsonObject json = new JsonObject();
        json.addProperty("exercise", status.exercise());
        json.addProperty("state", status.state());
        status.savedAt().ifPresent(t -> json.addProperty("savedAt", t.toString()));
        status.checkedAt().ifPresent(t -> json.addProperty("checkedAt", t.toString()));
        json.addProperty("passed", status.passed());
        json.addProperty("total", status.total());
        status.compileError().ifPresent(e -> {
            JsonObject error = new JsonObject();
            error.addProperty("file", e.file());
            error.addProperty("line", e.line());
            error.addProperty("message", e.message());
            error.addProperty("sourceLine", e.sourceLine());
            json.add("compileError", error);
        });
        JsonArray checks = new JsonArray();
        for (ChecksStatus.Check c : status.checks()) {
            JsonObject check = new JsonObject();
            check.addProperty("name", c.name());
            check.addProperty("status", c.status());
            check.addProperty("message", c.message());
            checks.add(check);
        }
        json.add("checks", checks);
        status.note().ifPresent(n -> json.addProperty("note", n));
        return json;
    }
}
