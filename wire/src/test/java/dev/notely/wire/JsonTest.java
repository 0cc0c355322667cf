package dev.notely.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.notely.store.Note;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The kit's JSON: RFC 3339 times on the REST API, epoch milliseconds on the proxy wire, strict parsing. */
class JsonTest {

    private static final Instant AT = Instant.parse("2025-08-13T10:00:00.123Z");
    private static final Note NOTE = new Note(UUID.fromString("00000000-0000-4000-8000-000000000001"),
            UUID.fromString("00000000-0000-4000-8000-000000000002"), AT, AT.plusSeconds(1), "<b>\"quoted\"</b>");

    @Test
    void theApiWritesTimesAsRfc3339InUtcAndReadsThemBack() {
        String json = Json.GSON.toJson(NOTE);
        assertEquals("{\"id\":\"00000000-0000-4000-8000-000000000001\",\"creator\":\"00000000-0000-4000-8000-000000000002\","
                + "\"createdAt\":\"2025-08-13T10:00:00.123Z\",\"updatedAt\":\"2025-08-13T10:00:01.123Z\","
                + "\"content\":\"<b>\\\"quoted\\\"</b>\"}", json, "no HTML escaping");
        assertEquals(NOTE, Json.GSON.fromJson(json, Note.class));
    }

    @Test
    void theWireWritesTimesAsEpochMillisecondsAndReadsThemBack() {
        String json = Json.WIRE.toJson(NOTE);
        assertEquals(AT.toEpochMilli(), JsonParser.parseString(json).getAsJsonObject().get("createdAt").getAsLong());
        assertEquals(NOTE, Json.WIRE.fromJson(json, Note.class));
        assertEquals("expected epoch milliseconds at $.createdAt", assertThrows(JsonParseException.class,
                () -> Json.WIRE.fromJson("{\"createdAt\":\"2025-08-13T10:00:00Z\"}", Note.class)).getMessage());
    }

    @Test
    void aTimeThatIsNotATimestampSaysWhereAndWhatWasExpected() {
        assertEquals("expected an RFC 3339 timestamp string at $.updatedAt", assertThrows(JsonParseException.class,
                () -> Json.GSON.fromJson("{\"updatedAt\":12}", Note.class)).getMessage());
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> Json.GSON.fromJson("{\"updatedAt\":\"yesterday\"}", Note.class));
        assertEquals("'yesterday' is not an RFC 3339 timestamp such as 2025-08-13T10:00:00Z at $.updatedAt", e.getMessage());
    }

    @Test
    void timestampsTakeAnyOffsetAndFourDigitYearsOnly() {
        assertEquals(Instant.parse("2025-08-13T08:00:00Z"), Json.parseInstant("2025-08-13T10:00:00+02:00"));
        assertEquals(Instant.parse("0000-01-01T00:00:00Z"), Json.parseInstant("0000-01-01T00:00:00Z"));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), Json.parseInstant("9999-12-31T23:59:59Z"));
        assertEquals("'+10000-01-01T00:00:00Z' is not an RFC 3339 timestamp: the year must have four digits",
                assertThrows(IllegalArgumentException.class, () -> Json.parseInstant("+10000-01-01T00:00:00Z")).getMessage());
        assertEquals("'-0001-01-01T00:00:00Z' is not an RFC 3339 timestamp: the year must have four digits",
                assertThrows(IllegalArgumentException.class, () -> Json.parseInstant("-0001-01-01T00:00:00Z")).getMessage());
        assertEquals("2025-08-13T10:00:00.123Z", Json.formatInstant(AT));
    }

    @Test
    void strictParsingTakesOneStandardValueOnly() {
        assertEquals(JsonParser.parseString("{\"a\":[1,2]}"), Json.parseStrict("{\"a\":[1,2]}"));
        assertThrows(JsonParseException.class, () -> Json.parseStrict("{a:1}"));
        assertThrows(JsonParseException.class, () -> Json.parseStrict("{'a':1}"));
        assertThrows(JsonParseException.class, () -> Json.parseStrict("{} {}"), "a second value");
        assertThrows(JsonParseException.class, () -> Json.parseStrict("{}]"), "text after the value");
    }
}
