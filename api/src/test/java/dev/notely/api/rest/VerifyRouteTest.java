package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.notely.api.VerificationReport;
import dev.notely.api.VerificationReport.AccountResult;
import dev.notely.api.VerificationReport.Difference;
import dev.notely.api.VerificationReport.Kind;
import dev.notely.api.VerificationReport.KindCount;
import dev.notely.api.VerificationReport.Summary;
import dev.notely.api.rest.RestFixture.Reply;
import dev.notely.store.Account;
import dev.notely.store.StoreException;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.store.StoreRouter;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /verify}: the report as JSON, and the errors. */
class VerifyRouteTest {

    @TempDir
    Path dir;

    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID GONE = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID NOTE = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant AT = Instant.parse("2025-08-13T10:00:00Z");

    static VerificationReport report() {
        List<String> stores = List.of("legacy", "new", "second");
        Difference left = new Difference(NOTE, Kind.onlyIn("legacy"), Map.of("legacy", AT), "in legacy, belongs in new");
        AccountResult ada = new AccountResult(ADA, Optional.of(new Account(ADA, "Ada", true, null)), Optional.of("new"),
                List.of(new KindCount(Kind.onlyIn("legacy"), 0, 1), new KindCount(Kind.onlyIn("new"), 4, 0)), List.of(left));
        AccountResult gone = new AccountResult(GONE, Optional.empty(), Optional.empty(), List.of(), List.of());
        List<KindCount> kinds = List.of(new KindCount(Kind.onlyIn("legacy"), 0, 1), new KindCount(Kind.onlyIn("new"), 4, 0),
                new KindCount(Kind.onlyIn("second"), 0, 0), new KindCount(Kind.SAME_VERSION, 0, 0),
                new KindCount(Kind.DIFFERENT_VERSIONS, 0, 0));
        Summary summary = new Summary(2, 1, 1, 1, 5, 1, 2, kinds, List.of(ada));
        return new VerificationReport(AT, Duration.ofMillis(412), stores, summary, List.of(ada, gone));
    }

    @Test
    void theReportAsJsonWithSummaryAccountsAndEveryId() {
        try (RestFixture api = new RestFixture(dir)) {
            api.verification.report = report();
            Reply r = api.get("/verify");
            assertEquals(200, r.status(), r.body());
            JsonObject json = r.json().getAsJsonObject();
            assertFalse(json.get("clean").getAsBoolean());
            assertEquals("2025-08-13T10:00:00Z", json.get("startedAt").getAsString());
            assertEquals(412, json.get("tookMillis").getAsLong());
            JsonObject summary = json.getAsJsonObject("summary");
            assertEquals(2, summary.get("accountsChecked").getAsInt());
            assertEquals(1, summary.get("accountsClean").getAsInt());
            assertEquals(1, summary.get("accountsWithDifferences").getAsInt());
            assertEquals(1, summary.get("accountsWithoutRow").getAsInt());
            assertEquals(5, summary.get("notesChecked").getAsLong());
            assertEquals(4, summary.get("notesExpected").getAsLong());
            assertEquals(1, summary.get("notesUnexpected").getAsLong());
            assertEquals(2, summary.get("notesSettled").getAsLong());
            JsonArray kinds = summary.getAsJsonArray("kinds");
            assertEquals(5, kinds.size());
            assertEquals("{\"kind\":\"onlyIn\",\"store\":\"legacy\",\"label\":\"only in legacy\",\"expected\":0,\"unexpected\":1}",
                    kinds.get(0).toString());
            assertEquals("{\"kind\":\"differentVersions\",\"label\":\"in several stores, different versions\","
                    + "\"expected\":0,\"unexpected\":0}", kinds.get(4).toString());
            assertEquals("[{\"accountId\":\"" + ADA + "\",\"name\":\"Ada\",\"unexpected\":1}]",
                    summary.getAsJsonArray("worstAccounts").toString());

            JsonArray accounts = json.getAsJsonArray("accounts");
            assertEquals(2, accounts.size());
            JsonObject ada = accounts.get(0).getAsJsonObject();
            assertEquals(ADA.toString(), ada.get("accountId").getAsString());
            assertTrue(ada.get("accountRow").getAsBoolean() && ada.get("isMigrating").getAsBoolean());
            assertFalse(ada.has("shard"), "no shard, no field");
            assertEquals("new", ada.get("home").getAsString());
            assertEquals(5, ada.get("notes").getAsLong());
            assertEquals(1, ada.get("unexpected").getAsLong());
            assertEquals("[{\"noteId\":\"" + NOTE + "\",\"kind\":\"onlyIn\",\"store\":\"legacy\","
                    + "\"copies\":{\"legacy\":\"2025-08-13T10:00:00Z\"},\"reason\":\"in legacy, belongs in new\"}]",
                    ada.getAsJsonArray("differences").toString());
            JsonObject gone = accounts.get(1).getAsJsonObject();
            assertFalse(gone.get("accountRow").getAsBoolean());
            assertFalse(gone.has("name") || gone.has("home"), gone.toString());
            // Counted once the answer is sent, which may be just after the client has it.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (api.stats.snapshot().api().stream()
                    .noneMatch(row -> row.key().equals(new dev.notely.telemetry.ApiKey("GET", "/verify", 200)))) {
                assertTrue(System.nanoTime() < deadline, "recorded as API access: " + api.stats.snapshot().api());
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // polling interval
            }
        }
    }

    @Test
    void aStoreThatCannotBeReadIs503WithTheCause() {
        try (RestFixture api = new RestFixture(dir)) {
            api.verification.failure = new StoreException("note store 'new' at /data/new.db: disk I/O error");
            Reply r = api.get("/verify");
            assertEquals(503, r.status(), r.body());
            assertEquals("note store 'new' at /data/new.db: disk I/O error", r.error());
            assertEquals(405, api.send("POST", "/verify", "{}").status());
        }
    }

    @Test
    void withoutAVerifierTheRouteSaysSo() {
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir);
             SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector());
             RestServer server = RestServer.start("127.0.0.1", 0, ApiServices.of(accounts,
                     new StoreRouter(stores.open("legacy"), "new"), new RestFixture.FakeDeployments(), new StatsCollector()))) {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/verify"))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), r.body());
            assertTrue(r.body().contains("verification is not available"), r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
