package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.api.Checks;
import dev.notely.api.ChecksStatus;
import dev.notely.store.InvalidInputException;
import dev.notely.store.StoreRouter;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /checks} and {@code PUT /checks}: the attendee's loop over real HTTP. */
class ChecksRouteTest {

    @TempDir
    Path dir;

    /** The loop as the app keeps it, minus the compiling and grading: a status to show, an exercise to set. */
    private static final class Loop implements Checks {
        volatile ChecksStatus status = new ChecksStatus(1, ChecksStatus.COMPILE_ERROR, Optional.of(Instant.EPOCH),
                Optional.empty(), Optional.of(new ChecksStatus.CompileError("proxy/src/main/java/dev/notely/proxy/DataProxy.java",
                57, "';' expected", "        return x")),
                List.of(new ChecksStatus.Check("non-migrating accounts stay on legacy", "pass", ""),
                        new ChecksStatus.Check("get looks in new, then legacy", "fail", "not found")), Optional.empty());

        @Override
        public ChecksStatus status() {
            return status;
        }

        @Override
        public void setExercise(int exercise) {
            if (exercise < 1 || exercise > 3) {
                throw new InvalidInputException("exercise must be 1, 2 or 3");
            }
            status = ChecksStatus.idle(exercise, null);
        }

        @Override
        public List<String> hints() {
            return List.of();
        }
    }

    private HttpResponse<String> send(int port, String method, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/checks"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theStatusAndTheExerciseOverHttp() throws Exception {
        Loop loop = new Loop();
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir);
             SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector());
             RestServer server = RestServer.start("127.0.0.1", 0, ApiServices.of(accounts,
                     new StoreRouter(stores.open("legacy"), "new"), new RestFixture.FakeDeployments(), new StatsCollector())
                     .withChecks(loop))) {
            HttpResponse<String> got = send(server.port(), "GET", null);
            assertEquals(200, got.statusCode(), got.body());
            JsonObject json = JsonParser.parseString(got.body()).getAsJsonObject();
            assertEquals(1, json.get("exercise").getAsInt());
            assertEquals("compile-error", json.get("state").getAsString());
            assertEquals("1970-01-01T00:00:00Z", json.get("savedAt").getAsString());
            assertFalse(json.has("checkedAt"));
            assertEquals(1, json.get("passed").getAsInt());
            assertEquals(2, json.get("total").getAsInt());
            JsonObject error = json.getAsJsonObject("compileError");
            assertEquals(57, error.get("line").getAsInt());
            assertEquals("';' expected", error.get("message").getAsString());
            assertEquals("proxy/src/main/java/dev/notely/proxy/DataProxy.java", error.get("file").getAsString());
            assertEquals("fail", json.getAsJsonArray("checks").get(1).getAsJsonObject().get("status").getAsString());

            HttpResponse<String> changed = send(server.port(), "PUT", "{\"exercise\":2}");
            assertEquals(200, changed.statusCode(), changed.body());
            assertEquals(2, JsonParser.parseString(changed.body()).getAsJsonObject().get("exercise").getAsInt());

            HttpResponse<String> bad = send(server.port(), "PUT", "{\"exercise\":4}");
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("exercise must be a whole number from 1 to 3"), bad.body());
            HttpResponse<String> none = send(server.port(), "PUT", "{}");
            assertEquals(400, none.statusCode(), none.body());
            assertTrue(none.body().contains("{\\\"exercise\\\":2}"), none.body());
            assertEquals(2, loop.status().exercise(), "a bad request changes nothing");
        }
    }

    @Test
    void withoutTheLoopGetSaysSoAndPutIs503() throws Exception {
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir);
             SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector());
             RestServer server = RestServer.start("127.0.0.1", 0, ApiServices.of(accounts,
                     new StoreRouter(stores.open("legacy"), "new"), new RestFixture.FakeDeployments(), new StatsCollector()))) {
            HttpResponse<String> got = send(server.port(), "GET", null);
            assertEquals(200, got.statusCode());
            assertTrue(got.body().contains("\"state\":\"idle\"") && got.body().contains("--no-watch"), got.body());
            HttpResponse<String> put = send(server.port(), "PUT", "{\"exercise\":2}");
            assertEquals(503, put.statusCode(), put.body());
        }
    }
}
