package dev.notely.api.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
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
            .create();

    private Json() {
    }

    /** Parses an RFC 3339 timestamp. @throws IllegalArgumentException saying what was expected */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an RFC 3339 timestamp such as 2025-08-13T10:00:00Z", e);
        }
    }

    public static String formatInstant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
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
