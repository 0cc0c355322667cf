package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.notely.store.StoreRouter;
import dev.notely.api.rest.RestFixture.Reply;
import dev.notely.store.AccountDetails;
import dev.notely.telemetry.ApiKey;
import dev.notely.telemetry.MetricRow;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route's success and failure answers: status codes and JSON shapes are the contract. */
class RestContractTest {

    @TempDir
    Path dir;
    private RestFixture api;

    @BeforeEach
    void start() {
        api = new RestFixture(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonObject createAccount(String name) {
        Reply r = api.send("POST", "/accounts", "{\"name\":\"" + name + "\"}");
        assertEquals(201, r.status(), r.body());
        return r.json().getAsJsonObject();
    }

    private JsonObject createNote(String accountId, String content) {
        Reply r = api.send("POST", "/accounts/" + accountId + "/notes", "{\"content\":\"" + content + "\"}");
        assertEquals(201, r.status(), r.body());
        return r.json().getAsJsonObject();
    }

    @Test
    void healthz() {
        Reply r = api.get("/healthz");
        assertEquals(200, r.status());
        JsonObject body = r.json().getAsJsonObject();
        assertEquals("ok", body.get("status").getAsString());
        assertTrue(body.get("timestamp").getAsString().endsWith("Z"), body.toString());
    }

    @Test
    void healthzIs503WhenTheNotePathIsDown() {
        api.close();
        api = new RestFixture(dir, stores -> new StoreRouter(stores.open("legacy")) {
            @Override
            public void healthCheck() {
                throw new dev.notely.api.ProxyUnavailableException("no data proxy available: nothing is deployed yet");
            }
        });
        Reply r = api.get("/healthz");
        assertEquals(503, r.status());
        assertEquals("no data proxy available: nothing is deployed yet", r.error());
    }

    @Test
    void anAssignShardBugIsA500NamingIt() {
        api.close();
        api = new RestFixture(dir, stores -> new StoreRouter(stores.open("legacy"), "thrid"));
        Reply r = api.send("POST", "/accounts", "{\"name\":\"Ada\"}");
        assertEquals(500, r.status());
        assertEquals("DataProxy.assignShard returned 'thrid', which is not one of new, second", r.error());
    }

    @Test
    void createAccountAssignsIdAndShardAndListsIt() {
        JsonObject a = createAccount("Ada");
        UUID.fromString(a.get("id").getAsString());
        assertEquals("Ada", a.get("name").getAsString());
        assertFalse(a.get("isMigrating").getAsBoolean());
        assertEquals("new", a.get("shard").getAsString(), "shard from the router's assignShard");

        JsonArray all = api.get("/accounts").json().getAsJsonArray();
        assertEquals(1, all.size());
        assertEquals(a, all.get(0));
        assertEquals(a, api.get("/accounts/" + a.get("id").getAsString()).json());
    }

    @Test
    void createAccountWithExplicitIdAndNoShardOmitsShard() {
        api.close();
        api = new RestFixture(dir, stores -> new StoreRouter(stores.open("legacy")));
        String id = UUID.randomUUID().toString();
        Reply r = api.send("POST", "/accounts", "{\"id\":\"" + id + "\",\"name\":\"Bo\",\"isMigrating\":true,\"extra\":1}");
        assertEquals(201, r.status(), r.body());
        assertEquals("{\"id\":\"" + id + "\",\"name\":\"Bo\",\"isMigrating\":true,\"stage\":\"off\"}", r.body());
        Reply dup = api.send("POST", "/accounts", "{\"id\":\"" + id + "\",\"name\":\"Bo\"}");
        assertEquals(409, dup.status());
        assertEquals("account " + id + " already exists", dup.error());
    }

    @Test
    void createAccountValidation() {
        assertEquals("name is required", api.send("POST", "/accounts", "{}").error());
        assertEquals("name must not be blank", api.send("POST", "/accounts", "{\"name\":\"  \"}").error());
        Reply tooLong = api.send("POST", "/accounts", "{\"name\":\"" + "x".repeat(101) + "\"}");
        assertEquals(400, tooLong.status());
        assertEquals("name must be at most 100 characters", tooLong.error());
        assertEquals(201, api.send("POST", "/accounts", "{\"name\":\"" + "x".repeat(100) + "\"}").status());
        assertEquals("shard 'third' is not one of new, second",
                api.send("POST", "/accounts", "{\"name\":\"a\",\"shard\":\"third\"}").error());
    }

    @Test
    void anAccountMovesOneStageAtATimeAndARefusalSaysWhy() {
        String id = createAccount("Ada").get("id").getAsString();
        Reply forward = api.send("PUT", "/accounts/" + id, "{\"stage\":\"dual-write\",\"name\":\"Ada L\"}");
        assertEquals(200, forward.status(), forward.body());
        assertEquals("dual-write", forward.json().getAsJsonObject().get("stage").getAsString());
        assertEquals("Ada L", forward.json().getAsJsonObject().get("name").getAsString());
        assertEquals("dual-write", api.get("/accounts/" + id).json().getAsJsonObject().get("stage").getAsString());

        Reply jump = api.send("PUT", "/accounts/" + id, "{\"stage\":\"complete\",\"name\":\"not saved\"}");
        assertEquals(409, jump.status());
        assertEquals("Ada L is at dual-write: move one stage at a time, to shadow or back to off", jump.error());
        assertEquals("Ada L", api.get("/accounts/" + id).json().getAsJsonObject().get("name").getAsString(), "a refused move changes nothing");

        Reply unknown = api.send("PUT", "/accounts/" + id, "{\"stage\":\"halfway\"}");
        assertEquals(400, unknown.status());
        assertEquals("unknown stage 'halfway': expected one of off, dual-write, shadow, live, ramp-down, complete",
                unknown.error());
        assertEquals(200, api.send("PUT", "/accounts/" + id, "{\"stage\":\"off\"}").status(), "back is allowed");
        assertEquals(200, api.send("PUT", "/accounts/" + id, "{\"name\":\"Ada\"}").status());
        assertEquals("off", api.get("/accounts/" + id).json().getAsJsonObject().get("stage").getAsString());
    }

    @Test
    void updateAccount() {
        JsonObject a = createAccount("Ada");
        String id = a.get("id").getAsString();
        Reply r = api.send("PUT", "/accounts/" + id, "{\"isMigrating\":true,\"shard\":\"second\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("{\"id\":\"" + id + "\",\"name\":\"Ada\",\"isMigrating\":true,\"shard\":\"second\",\"stage\":\"off\"}", r.body());
        Reply cleared = api.send("PUT", "/accounts/" + id, "{\"name\":\"Ada L\",\"shard\":null}");
        assertEquals("{\"id\":\"" + id + "\",\"name\":\"Ada L\",\"isMigrating\":true,\"stage\":\"off\"}", cleared.body());
        assertEquals(cleared.json(), api.get("/accounts/" + id).json());

        String missing = UUID.randomUUID().toString();
        Reply notFound = api.send("PUT", "/accounts/" + missing, "{\"name\":\"x\"}");
        assertEquals(404, notFound.status());
        assertEquals("account " + missing + " not found", notFound.error());
        assertEquals(400, api.send("PUT", "/accounts/nope", "{\"name\":\"x\"}").status());
    }

    @Test
    void getAccountFailures() {
        Reply bad = api.get("/accounts/not-a-uuid");
        assertEquals(400, bad.status());
        assertEquals("accountId 'not-a-uuid' is not a UUID", bad.error());
        String missing = UUID.randomUUID().toString();
        assertEquals(404, api.get("/accounts/" + missing).status());
    }

    @Test
    void noteLifecycle() {
        String account = createAccount("Ada").get("id").getAsString();
        JsonObject n = createNote(account, "first");
        String noteId = n.get("id").getAsString();
        assertEquals(account, n.get("creator").getAsString());
        assertEquals(n.get("createdAt"), n.get("updatedAt"));
        assertTrue(n.get("createdAt").getAsString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"),
                n.toString());

        assertEquals("[\"" + noteId + "\"]", api.get("/accounts/" + account + "/notes").body());
        assertEquals(n, api.get("/accounts/" + account + "/notes/" + noteId).json());

        Reply updated = api.send("PUT", "/accounts/" + account + "/notes/" + noteId, "{\"content\":\"second\"}");
        assertEquals(200, updated.status(), updated.body());
        JsonObject u = updated.json().getAsJsonObject();
        assertEquals("second", u.get("content").getAsString());
        assertEquals(n.get("createdAt"), u.get("createdAt"), "createdAt kept");
        assertEquals(u, api.get("/accounts/" + account + "/notes/" + noteId).json());

        assertEquals(204, api.send("DELETE", "/accounts/" + account + "/notes/" + noteId, null).status());
        assertEquals(204, api.send("DELETE", "/accounts/" + account + "/notes/" + noteId, null).status(), "idempotent");
        Reply gone = api.get("/accounts/" + account + "/notes/" + noteId);
        assertEquals(404, gone.status());
        assertEquals("note " + noteId + " not found", gone.error());
        assertEquals("[]", api.get("/accounts/" + account + "/notes").body());
    }

    @Test
    void createNoteWithClientIdAndTimesAndDuplicate() {
        String account = createAccount("Ada").get("id").getAsString();
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"content\":\"c\",\"createdAt\":\"2025-08-13T10:00:00.5+01:00\",\"updatedAt\":\"2025-08-13T10:00:01Z\"}";
        Reply r = api.send("POST", "/accounts/" + account + "/notes", body);
        assertEquals(201, r.status(), r.body());
        assertEquals("{\"id\":\"" + id + "\",\"creator\":\"" + account + "\",\"createdAt\":\"2025-08-13T09:00:00.500Z\","
                + "\"updatedAt\":\"2025-08-13T10:00:01Z\",\"content\":\"c\"}", r.body());
        Reply dup = api.send("POST", "/accounts/" + account + "/notes", body);
        assertEquals(409, dup.status());
        assertTrue(dup.error().contains("already exists"), dup.body());
    }

    @Test
    void olderUpdateIsIgnoredButAnswered() {
        String account = createAccount("Ada").get("id").getAsString();
        String id = UUID.randomUUID().toString();
        api.send("POST", "/accounts/" + account + "/notes", "{\"id\":\"" + id + "\",\"content\":\"new\",\"updatedAt\":\"2025-08-13T10:00:00Z\",\"createdAt\":\"2025-08-13T10:00:00Z\"}");
        Reply old = api.send("PUT", "/accounts/" + account + "/notes/" + id, "{\"content\":\"old\",\"updatedAt\":\"2025-08-13T09:00:00Z\"}");
        assertEquals(200, old.status());
        assertEquals("{\"id\":\"" + id + "\",\"creator\":\"" + account + "\",\"createdAt\":\"2025-08-13T10:00:00Z\","
                + "\"updatedAt\":\"2025-08-13T10:00:00Z\",\"content\":\"new\"}", old.body(), "the answer is what is stored");
        assertEquals("new", api.get("/accounts/" + account + "/notes/" + id).json().getAsJsonObject().get("content").getAsString());
    }

    @Test
    void noteFailures() {
        String account = createAccount("Ada").get("id").getAsString();
        String missingAccount = UUID.randomUUID().toString();
        String missingNote = UUID.randomUUID().toString();
        assertEquals(404, api.get("/accounts/" + missingAccount + "/notes").status());
        assertEquals(404, api.send("POST", "/accounts/" + missingAccount + "/notes", "{\"content\":\"x\"}").status());
        assertEquals(404, api.send("DELETE", "/accounts/" + missingAccount + "/notes/" + missingNote, null).status());
        assertEquals(404, api.get("/accounts/" + account + "/notes/" + missingNote).status());
        assertEquals(404, api.send("PUT", "/accounts/" + account + "/notes/" + missingNote, "{\"content\":\"x\"}").status());
        assertEquals(404, api.send("PUT", "/accounts/" + account + "/notes/" + missingNote,
                "{\"content\":\"x\",\"createdAt\":\"2025-08-13T10:00:00Z\"}").status());
        assertEquals("noteId 'abc' is not a UUID", api.get("/accounts/" + account + "/notes/abc").error());
        assertEquals("content is required", api.send("POST", "/accounts/" + account + "/notes", "{}").error());
        assertEquals("content must be at most 10000 characters",
                api.send("POST", "/accounts/" + account + "/notes", "{\"content\":\"" + "y".repeat(10_001) + "\"}").error());
        assertEquals(201, api.send("POST", "/accounts/" + account + "/notes", "{\"content\":\"" + "y".repeat(10_000) + "\"}").status());
        assertEquals("creator must be the account in the path, " + account, api.send("POST", "/accounts/" + account + "/notes",
                "{\"content\":\"x\",\"creator\":\"" + missingAccount + "\"}").error());
    }

    @Test
    void deployAnswers() {
        Reply ok = api.send("POST", "/deploy", null);
        assertEquals(200, ok.status());
        assertEquals("{\"status\":\"deployment started\",\"version\":1}", ok.body());
        api.deployments.outcome = "busy";
        Reply busy = api.send("POST", "/deploy", null);
        assertEquals(409, busy.status());
        assertEquals("deployment already in progress", busy.error());
        api.deployments.outcome = "broken";
        Reply broken = api.send("POST", "/deploy", null);
        assertEquals(500, broken.status());
        assertTrue(broken.error().contains("DataProxy.java:12"), broken.body());
    }

    @Test
    void rollbackAnswers() {
        api.send("POST", "/deploy", null);
        api.send("POST", "/deploy", null);
        Reply ok = api.send("POST", "/deploy/rollback", null);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("{\"status\":\"rolled back\",\"version\":1}", ok.body());
        api.deployments.outcome = "busy";
        Reply nothing = api.send("POST", "/deploy/rollback", null);
        assertEquals(409, nothing.status());
        assertTrue(nothing.error().contains("nothing to roll back to"), nothing.body());
        assertEquals(405, api.send("GET", "/deploy/rollback", null).status());
    }

    @Test
    void backfillStatusIsJson() {
        Reply r = api.get("/backfill");
        assertEquals(200, r.status());
        assertEquals("{\"state\":\"idle\",\"rate\":200,\"effectiveRate\":100.0,\"notesPerSecond\":12.5,\"moved\":30,"
                + "\"left\":10,\"etaSeconds\":1,\"apiP95Millis\":7.3,\"p95LimitMillis\":25.0,\"accounts\":[{\"id\":"
                + "\"00000000-0000-0000-0000-000000000001\",\"name\":\"Ada\",\"moved\":30,\"left\":10,\"done\":false}]}",
                r.body());
    }

    @Test
    void backfillStartsPausesAndTakesARate() {
        Reply started = api.send("POST", "/backfill", "{\"action\":\"start\",\"rate\":500}");
        assertEquals(200, started.status(), started.body());
        assertEquals("running", started.json().getAsJsonObject().get("state").getAsString());
        assertEquals(500, started.json().getAsJsonObject().get("rate").getAsInt());
        Reply paused = api.send("POST", "/backfill", "{\"action\":\"pause\"}");
        assertEquals("paused", paused.json().getAsJsonObject().get("state").getAsString());
        Reply slower = api.send("POST", "/backfill", "{\"rate\":10}");
        assertEquals(200, slower.status(), slower.body());
        assertEquals("paused", slower.json().getAsJsonObject().get("state").getAsString(), "a rate alone changes only the rate");
        assertEquals(java.util.List.of("rate 500", "start", "pause", "rate 10"), api.backfill.calls);
        assertEquals(405, api.send("DELETE", "/backfill", null).status());
    }

    @Test
    void badBackfillRequestsAre400sThatSayWhatToSendAndChangeNothing() {
        String[][] cases = {
                {"{\"action\":\"go\"}", "action must be \"start\" or \"pause\", not \"go\""},
                {"{\"action\":\"start\",\"rate\":0}", "rate must be a whole number from 1 to 10000, not 0"},
                {"{\"rate\":10001}", "rate must be a whole number from 1 to 10000, not 10001"},
                {"{\"rate\":2.5}", "rate must be a whole number from 1 to 10000, not 2.5"},
                {"{\"rate\":\"fast\"}", "rate must be a whole number from 1 to 10000, not \"fast\""},
                {"{\"action\":\"pause\",\"rate\":-3}", "rate must be a whole number from 1 to 10000, not -3"},
                {"{\"action\":7}", "action must be a string"},
                {"{}", "give an action (\"start\" or \"pause\"), a rate in notes per second (1 to 10000), or both"},
                {"[\"start\"]", "request body must be a JSON object"},
                {"start", "request body is not valid JSON"},
        };
        for (String[] c : cases) {
            Reply r = api.send("POST", "/backfill", c[0]);
            assertEquals(400, r.status(), c[0] + " -> " + r.body());
            assertTrue(r.error().startsWith(c[1]), c[0] + " -> " + r.error());
        }
        assertEquals(java.util.List.of(), api.backfill.calls, "nothing was changed by a bad request");
    }

    @Test
    void deploymentsAndStats() {
        assertEquals("{\"status\":\"ROLLOUT_WAIT\",\"progress\":{\"elapsedSeconds\":12,\"totalSeconds\":30},"
                + "\"current\":{\"version\":2,\"pid\":4242,\"startedAt\":\"2025-08-13T10:00:00Z\",\"restarts\":1},"
                + "\"previous\":{\"version\":1,\"pid\":4141,\"startedAt\":\"2025-08-13T09:00:00Z\",\"restarts\":0}}",
                api.get("/deployments").body());
        String account = createAccount("Ada").get("id").getAsString();
        api.get("/accounts/" + account);
        api.get("/accounts/" + UUID.randomUUID());
        api.get("/nowhere");
        Reply stats = api.get("/stats");
        assertEquals(200, stats.status());
        JsonObject json = stats.json().getAsJsonObject();
        assertTrue(json.has("api") && json.has("proxy") && json.has("store") && json.has("noteCounts") && json.has("misses"));
        var rows = api.stats.snapshot().api();
        assertEquals(1, count(rows, new ApiKey("GET", "/accounts/{accountId}", 200)));
        assertEquals(1, count(rows, new ApiKey("GET", "/accounts/{accountId}", 404)));
        assertEquals(1, count(rows, new ApiKey("POST", "/accounts", 201)));
        assertEquals(1, count(rows, new ApiKey("GET", MetricsHandler.UNMATCHED, 404)));
    }

    @Test
    void aPersonsRefusedRequestIsNotAFailedRequestButASimulatedUsersIs() throws Exception {
        api.send("POST", "/accounts", "{\"name\":");  // a typo: 400 to a person
        assertEquals(0, api.stats.snapshot().api().stream().filter(r -> r.key().status() == 400).count(),
                "a person's 400 stays out of the failed requests");
        java.net.http.HttpResponse<String> user = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/accounts"))
                        .header(dev.notely.api.client.NotelyClient.SIMULATED_USER_HEADER, "1")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, user.statusCode());
        assertEquals(1, awaitCount(new ApiKey("POST", "/accounts", 400)), "a simulated user's 400 is a failed request");
        api.get("/accounts/" + UUID.randomUUID());
        assertEquals(1, awaitCount(new ApiKey("GET", "/accounts/{accountId}", 404)),
                "a 404 is counted for anyone: it is an answer, never a failure");
        assertEquals(0, api.stats.snapshot().api().stream().filter(r -> r.key().status() == 400
                && r.key().route().equals("/accounts") && r.metrics().totalCount() > 1).count());
    }

    /** The count of {@code key}, once it is at least 1 or ten seconds have passed: recorded just after the answer is sent. */
    private long awaitCount(ApiKey key) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (count(api.stats.snapshot().api(), key) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return count(api.stats.snapshot().api(), key);
    }

    @Test
    void notesFollowTheAccountsCurrentFlags() {
        java.util.List<AccountDetails> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        api.close();
        api = new RestFixture(dir, stores -> new StoreRouter(stores.open("legacy")) {
            @Override
            public java.util.List<UUID> listNotes(AccountDetails account) {
                seen.add(account);
                return super.listNotes(account);
            }
        });
        String id = createAccount("Ada").get("id").getAsString();
        api.get("/accounts/" + id + "/notes");
        api.send("PUT", "/accounts/" + id, "{\"isMigrating\":true,\"shard\":\"second\"}");
        api.get("/accounts/" + id + "/notes");
        assertEquals(new AccountDetails(UUID.fromString(id), false, null), seen.get(0));
        assertEquals(new AccountDetails(UUID.fromString(id), true, "second"), seen.get(1));
    }

    private static long count(java.util.List<MetricRow<ApiKey>> rows, ApiKey key) {
        return rows.stream().filter(r -> r.key().equals(key)).mapToLong(r -> r.metrics().totalCount()).sum();
    }
}
