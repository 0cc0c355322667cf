package dev.notely.wire;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.notely.store.MigrationStage;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The kit's JSON mapping, shared by the REST API, the data-proxy wire and the clients: timestamps are
 * RFC 3339 in UTC ({@code 2025-08-13T10:00:00.123Z}); offsets other than Z are accepted on input.
 */
public final class Json {

    public static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .registerTypeAdapter(MigrationStage.class, new StageAdapter().nullSafe())
            .create();

    /**
     * The data-proxy wire's mapping: the same, but times travel as epoch milliseconds, which cost
     * nothing to read, where a timestamp has to be parsed on every call.
     */
    public static final Gson WIRE = GSON.newBuilder()
            .registerTypeAdapter(Instant.class, new EpochMillisAdapter().nullSafe())
            .create();

    private Json() {
    }

    /**
     * Parses one JSON value strictly, as RFC 8259 has it: no comments, no unquoted names or single
     * quotes, nothing after the value.
     *
     * @throws JsonParseException saying what is wrong
     */
    public static JsonElement parseStrict(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement value = JsonParser.parseReader(reader);
        try {
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("unexpected text after the JSON value at " + reader.getPath());
            }
        } catch (IOException e) {
            throw new JsonSyntaxException(e.getMessage(), e);
        }
        return value;
    }

    /** Parses an RFC 3339 timestamp (years 0000 to 9999). @throws IllegalArgumentException saying what was expected */
    public static Instant parseInstant(String text) {
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an RFC 3339 timestamp such as 2025-08-13T10:00:00Z", e);
        }
        if (time.getYear() < 0 || time.getYear() > 9999) {
            throw new IllegalArgumentException("'" + text + "' is not an RFC 3339 timestamp: the year must have four digits");
        }
        return time.toInstant();
    }

    public static String formatInstant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static final class EpochMillisAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toEpochMilli());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.NUMBER) {
                throw new JsonParseException("expected epoch milliseconds at " + in.getPath());
            }
            return Instant.ofEpochMilli(in.nextLong());
        }
    }

    /** A stage travels as its label ({@code dual-write}), as the API documents it. */
    private static final class StageAdapter extends TypeAdapter<MigrationStage> {
        @Override
        public void write(JsonWriter out, MigrationStage value) throws IOException {
            out.value(value.label());
        }

        @Override
        public MigrationStage read(JsonReader in) throws IOException {
            try {
                return MigrationStage.parse(in.nextString());
            } catch (IllegalArgumentException e) {
                throw new JsonParseException(e.getMessage() + " at " + in.getPath(), e);
            }
        }
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(formatInstant(value));
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() != JsonToken.STRING) {
                throw new JsonParseException("expected an RFC 3339 timestamp string at " + in.getPath());
            }
            String text = in.nextString();
            try {
                return parseInstant(text);
            } catch (IllegalArgumentException e) {
                throw new JsonParseException(e.getMessage() + " at " + in.getPath(), e);
            }
        }
    }
}
