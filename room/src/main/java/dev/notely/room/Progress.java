package dev.notely.room;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one kit tells the room every few seconds: figures about its migration, never code, notes or paths.
 * The JSON both sides read and write is defined here, once.
 *
 * @param name        the attendee's name as they gave it ({@code --name})
 * @param exercises   per exercise (1 to 3) the checks passed of total in its latest grading; absent until graded
 * @param misses      consistency misses since the kit started, and in the last 5 minutes
 * @param version     the data proxy version serving, if one does
 * @param stages      accounts per exercise 3 stage ({@code off}, {@code dual-write} …), stages without accounts left out
 * @param backfill    the backfill in a few words ({@code idle}, {@code running 40 %} …)
 * @param verify      the latest verification in a few words ({@code not run}, {@code clean}, {@code 3 notes differ})
 */
public record Progress(String name, SortedMap<Integer, Checks> exercises, Misses misses, Optional<Integer> version,
                       Map<String, Integer> stages, String backfill, String verify) {

    /** Longest name, in characters as a person counts them. */
    public static final int MAX_NAME = 40;
    /** The exercises there are. */
    public static final int EXERCISES = 3;
    static final int MAX_CHECKS = 1_000;
    static final int MAX_STAGES = 12;
    static final int MAX_WORDS = 60;

    public Progress {
        exercises = Collections.unmodifiableSortedMap(new TreeMap<>(exercises));
        stages = Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** Checks passed of total in an exercise's latest grading. */
    public record Checks(int passed, int total) {
        public boolean finished() {
            return total > 0 && passed == total;
        }

        double fraction() {
            return total == 0 ? 0 : (double) passed / total;
        }
    }

    /** Consistency misses since the kit started, and in the last 5 minutes. */
    public record Misses(long total, long recent) {
        public static final Misses NONE = new Misses(0, 0);
    }

    /** The share of all exercises' checks passed, 0 to {@value #EXERCISES}: what the room sorts by. */
    double score() {
        return exercises.values().stream().mapToDouble(Checks::fraction).sum();
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        JsonObject checks = new JsonObject();
        exercises.forEach((exercise, c) -> {
            JsonObject one = new JsonObject();
            one.addProperty("passed", c.passed());
            one.addProperty("total", c.total());
            checks.add(String.valueOf(exercise), one);
        });
        json.add("exercises", checks);
        JsonObject m = new JsonObject();
        m.addProperty("total", misses.total());
        m.addProperty("recent", misses.recent());
        json.add("misses", m);
        version.ifPresent(v -> json.addProperty("version", v));
        JsonObject s = new JsonObject();
        stages.forEach(s::addProperty);
        json.add("stages", s);
        json.addProperty("backfill", backfill);
        json.addProperty("verify", verify);
        return json;
    }

    /**
     * Reads a kit's report. Unknown fields are ignored; anything out of its range is refused.
     *
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static Progress parse(String text) {
        JsonObject json;
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw new IllegalArgumentException("a report is a JSON object");
            }
            json = element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("the report is not valid JSON");
        }
        try {
            return read(json);
        } catch (ClassCastException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new IllegalArgumentException("the report has a field of the wrong type: " + e.getMessage());
        }
    }

    private static Progress read(JsonObject json) {
        String name = checkName(string(json, "name").orElseThrow(() -> new IllegalArgumentException("name is missing")));
        SortedMap<Integer, Checks> exercises = new TreeMap<>();
        if (json.has("exercises") && !json.get("exercises").isJsonNull()) {
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject("exercises").entrySet()) {
                int exercise = exerciseNumber(e.getKey());
                JsonObject c = e.getValue().getAsJsonObject();
                int total = number(c, "total", 0, MAX_CHECKS);
                int passed = number(c, "passed", 0, total);
                exercises.put(exercise, new Checks(passed, total));
            }
        }
        Misses misses = Misses.NONE;
        if (json.has("misses") && !json.get("misses").isJsonNull()) {
            JsonObject m = json.getAsJsonObject("misses");
            long total = number(m, "total", 0, Integer.MAX_VALUE);
            misses = new Misses(total, number(m, "recent", 0, (int) total));
        }
        Optional<Integer> version = json.has("version") && !json.get("version").isJsonNull()
                ? Optional.of(number(json, "version", 1, Integer.MAX_VALUE)) : Optional.empty();
        Map<String, Integer> stages = new LinkedHashMap<>();
        if (json.has("stages") && !json.get("stages").isJsonNull()) {
            JsonObject s = json.getAsJsonObject("stages");
            if (s.size() > MAX_STAGES) {
                throw new IllegalArgumentException("stages: at most " + MAX_STAGES + " entries");
            }
            for (String stage : s.keySet()) {
                stages.put(words(stage, "a stage name"), number(s, stage, 0, Integer.MAX_VALUE));
            }
        }
        String backfill = words(string(json, "backfill").orElse(""), "backfill");
        String verify = words(string(json, "verify").orElse(""), "verify");
        return new Progress(name, exercises, misses, version, stages, backfill, verify);
    }

    /**
     * A name as the room shows it: trimmed, 1 to {@value #MAX_NAME} characters, no control characters.
     *
     * @throws IllegalArgumentException saying what to change
     */
    public static String checkName(String given) {
        String name = given.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("the name is empty: give the name the room should show");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new IllegalArgumentException("the name is longer than " + MAX_NAME + " characters: choose a shorter one");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the name holds a control character: use letters, digits and spaces");
        }
        return name;
    }

    private static int exerciseNumber(String key) {
        int exercise;
        try {
            exercise = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("exercises: '" + shorten(key) + "' is not an exercise number");
        }
        if (exercise < 1 || exercise > EXERCISES) {
            throw new IllegalArgumentException("exercises: there is no exercise " + exercise);
        }
        return exercise;
    }

    private static Optional<String> string(JsonObject json, String field) {
        JsonElement value = json.get(field);
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return Optional.of(value.getAsString());
    }

    private static int number(JsonObject json, String field, int min, int max) {
        JsonElement value = json.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        double d = value.getAsDouble();
        if (d != Math.rint(d) || d < min || d > max) {
            throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max);
        }
        return (int) d;
    }

    private static String words(String text, String what) {
        if (text.length() > MAX_WORDS) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_WORDS + " characters");
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " holds a control character");
        }
        return text;
    }

    private static String shorten(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }

    static JsonArray exerciseNumbers() {
        JsonArray all = new JsonArray();
        for (int i = 1; i <= EXERCISES; i++) {
            all.add(i);
        }
        return all;
    }
}
