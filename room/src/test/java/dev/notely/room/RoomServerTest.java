package dev.notely.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The room over real HTTP on loopback: who may report, what it keeps, what the page and {@code GET /room} get. */
class RoomServerTest {

    private static final JoinCode CODE = new JoinCode("QWERTY");

    /** A clock the test moves: "away" is about time passing, and a test should not wait for it. */
    private static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final HttpClient http = HttpClient.newHttpClient();
    private RoomServer room;

    private RoomServer start(int maxAttendees) {
        room = RoomServer.start("127.0.0.1", 0, CODE,
                new RoomSettings(maxAttendees, Duration.ofSeconds(15), Duration.ofMillis(100)), clock);
        return room;
    }

    @AfterEach
    void stop() {
        if (room != null) {
            room.close();
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + room.port() + pathAndQuery);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body, String code) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/report"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (code != null) {
            request.header(RoomServer.CODE_HEADER, code);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Progress progress(String name, int passed1, int total1) {
        TreeMap<Integer, Progress.Checks> exercises = new TreeMap<>();
        if (total1 > 0) {
            exercises.put(1, new Progress.Checks(passed1, total1));
        }
        return new Progress(name, exercises, new Progress.Misses(4, 1), Optional.of(2), Map.of("off", 5), "idle", "not run");
    }

    private JsonObject roomJson() throws Exception {
        HttpResponse<String> response = get("/room?code=" + CODE);
        assertEquals(200, response.statusCode(), response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static String error(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject().get("error").getAsString();
    }

    @Test
    void reportsShowAsRowsSortedByProgressWithASummary() throws Exception {
        start(10);
        RoomClient client = new RoomClient("127.0.0.1:" + room.port(), new JoinCode("qwerty")); // any case
        client.send(progress("Bea", 3, 12));
        client.send(progress("Ana", 12, 12));
        client.send(progress("Cy", 0, 0));
        JsonObject view = roomJson();
        assertEquals(3, view.get("attendees").getAsInt());
        assertEquals("1 of 3 finished exercise 1", view.get("summary").getAsString());
        JsonArray rows = view.getAsJsonArray("rows");
        assertEquals("Ana", rows.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("Bea", rows.get(1).getAsJsonObject().get("name").getAsString());
        assertEquals("Cy", rows.get(2).getAsJsonObject().get("name").getAsString());
        JsonObject bea = rows.get(1).getAsJsonObject();
        assertEquals(3, bea.getAsJsonObject("exercises").getAsJsonObject("1").get("passed").getAsInt());
        assertEquals(1, bea.getAsJsonObject("misses").get("recent").getAsInt());
        assertEquals(2, bea.get("version").getAsInt());
        assertFalse(bea.get("away").getAsBoolean());
    }

    @Test
    void aNewReportReplacesTheRowOfTheSameNameInAnyCase() throws Exception {
        start(10);
        RoomClient client = new RoomClient("127.0.0.1:" + room.port(), CODE);
        client.send(progress("Ana", 3, 12));
        client.send(progress("ANA", 9, 12));
        JsonArray rows = roomJson().getAsJsonArray("rows");
        assertEquals(1, rows.size());
        assertEquals(9, rows.get(0).getAsJsonObject().getAsJsonObject("exercises").getAsJsonObject("1").get("passed").getAsInt());
    }

    @Test
    void everyRouteNeedsTheJoinCode() throws Exception {
        start(10);
        for (String path : new String[] {"/", "/room", "/events", "/nothing-here"}) {
            HttpResponse<String> response = get(path);
            assertEquals(403, response.statusCode(), path);
            assertTrue(error(response).contains("join code"), response.body());
            assertEquals(403, get(path + "?code=ZZZZZZ").statusCode(), path);
        }
        HttpResponse<String> noCode = post(progress("Ana", 1, 12).toJson().toString(), null);
        assertEquals(403, noCode.statusCode());
        assertEquals(403, post(progress("Ana", 1, 12).toJson().toString(), "ZZZZZZ").statusCode());
        assertEquals(0, room.attendees(), "a refused report leaves no trace");
        RoomClient.RefusedException refused = assertThrows(RoomClient.RefusedException.class,
                () -> new RoomClient("127.0.0.1:" + room.port(), new JoinCode("ZZZZZZ")).send(progress("Ana", 1, 12)));
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().contains("wrong join code"), refused.getMessage());
    }

    @Test
    void badReportsGetAClearFourHundredAndChangeNothing() throws Exception {
        start(10);
        String code = CODE.letters();
        HttpResponse<String> big = post("{\"name\":\"" + "x".repeat(RoomSettings.MAX_BODY_BYTES) + "\"}", code);
        assertEquals(413, big.statusCode());
        assertTrue(error(big).contains("larger than 16 KiB"), big.body());

        HttpResponse<String> longName = post("{\"name\":\"" + "n".repeat(Progress.MAX_NAME + 1) + "\"}", code);
        assertEquals(400, longName.statusCode());
        assertTrue(error(longName).contains("longer than 40"), longName.body());

        assertEquals(400, post("{\"name\":\"   \"}", code).statusCode());
        assertEquals(400, post("{\"name\":\"a\\u0007b\"}", code).statusCode());
        assertEquals(400, post("not json", code).statusCode());
        assertEquals(400, post("[]", code).statusCode());
        assertEquals(400, post("{\"name\":\"Ana\",\"exercises\":{\"7\":{\"passed\":1,\"total\":2}}}", code).statusCode());
        assertEquals(400, post("{\"name\":\"Ana\",\"exercises\":{\"1\":{\"passed\":13,\"total\":12}}}", code).statusCode());
        assertEquals(400, post("{\"name\":\"Ana\",\"misses\":{\"total\":-1,\"recent\":0}}", code).statusCode());
        assertEquals(400, post("{\"name\":\"Ana\",\"backfill\":\"" + "b".repeat(100) + "\"}", code).statusCode());
        assertEquals(0, room.attendees());

        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(uri("/report?code=" + code)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals(200, post("{\"name\":\"Ana\",\"unknown\":true}", code).statusCode(), "unknown fields are ignored");
    }

    @Test
    void aFullRoomRefusesNewNamesButKeepsTakingReportsFromThoseIn() throws Exception {
        start(2);
        RoomClient client = new RoomClient("127.0.0.1:" + room.port(), CODE);
        client.send(progress("Ana", 1, 12));
        client.send(progress("Bea", 1, 12));
        RoomClient.RefusedException full = assertThrows(RoomClient.RefusedException.class,
                () -> client.send(progress("Cy", 1, 12)));
        assertEquals(409, full.status());
        assertTrue(full.getMessage().contains("the room is full (2 attendees)"), full.getMessage());
        client.send(progress("Ana", 5, 12));
        assertEquals(2, room.attendees());
    }

    @Test
    void aKitNotHeardFromForFifteenSecondsIsAway() throws Exception {
        start(10);
        RoomClient client = new RoomClient("127.0.0.1:" + room.port(), CODE);
        client.send(progress("Ana", 1, 12));
        clock.advance(Duration.ofSeconds(10));
        client.send(progress("Bea", 1, 12));
        clock.advance(Duration.ofSeconds(6));
        JsonArray rows = roomJson().getAsJsonArray("rows");
        for (var row : rows) {
            JsonObject r = row.getAsJsonObject();
            assertEquals(r.get("name").getAsString().equals("Ana"), r.get("away").getAsBoolean(), r.toString());
        }
        assertEquals(16, rows.get(0).getAsJsonObject().get("secondsAgo").getAsInt());
    }

    @Test
    void thePageIsServedAndFollowsTheRoomThroughServerSentEvents() throws Exception {
        start(10);
        HttpResponse<String> page = get("/?code=" + CODE);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("new EventSource(\"events\" + location.search)"));
        assertFalse(page.body().contains("innerHTML"), "rows are built as text, never as markup");

        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(uri("/events?code=" + CODE)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:") && line.contains("\"Dee <b>\"")) {
                        return line;
                    }
                }
                return "stream ended";
            } catch (Exception e) {
                return e.toString();
            }
        });
        new RoomClient("127.0.0.1:" + room.port(), CODE).send(progress("Dee <b>", 2, 12));
        String event = seen.get(30, TimeUnit.SECONDS);
        JsonObject view = JsonParser.parseString(event.substring("data:".length()).strip()).getAsJsonObject();
        assertEquals("0 of 1 finished exercise 1", view.get("summary").getAsString());
        stream.body().close();
    }
}
