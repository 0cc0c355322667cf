package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.rest.RawHttp.Answer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §17: a web page open in the attendee's browser cannot drive the API. Each request is written as a
 * browser sends it, without asking the API first (a form post, a no-cors {@code fetch}, a rebound name),
 * and each test checks that nothing changed.
 */
class LocalCallersTest {

    private static final String EVIL = "http://evil.example";

    @TempDir
    Path dir;
    private RestFixture api;
    private String account;
    private String note;

    @BeforeEach
    void start() {
        api = new RestFixture(dir);
        account = api.send("POST", "/accounts", "{\"name\":\"Ada\"}").json().getAsJsonObject().get("id").getAsString();
        note = api.send("POST", "/accounts/" + account + "/notes", "{\"content\":\"keep me\"}")
                .json().getAsJsonObject().get("id").getAsString();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private String self() {
        return "127.0.0.1:" + api.server.port();
    }

    /** Headers a browser on {@code origin} sends with a simple (no preflight) request to this API. */
    private Map<String, String> fromPage(String origin, String contentType) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", self());
        h.put("Origin", origin);
        h.put("Sec-Fetch-Site", "cross-site");
        h.put("Sec-Fetch-Mode", "no-cors");
        h.put("Content-Type", contentType);
        return h;
    }

    private Answer send(String method, String path, Map<String, String> headers, String body) throws IOException {
        return RawHttp.send(api.server.port(), method, path, headers, body);
    }

    private int accounts() {
        return api.get("/accounts").json().getAsJsonArray().size();
    }

    private List<String> noteIds() {
        return api.get("/accounts/" + account + "/notes").json().getAsJsonArray().asList().stream()
                .map(e -> e.getAsString()).toList();
    }

    @Test
    void aPageOnAnotherSiteCannotDeployOrRollBack() throws IOException {
        Answer deploy = send("POST", "/deploy", fromPage(EVIL, "text/plain"), "");
        Answer rollback = send("POST", "/deploy/rollback", fromPage(EVIL, "text/plain"), "");
        assertEquals(403, deploy.status(), deploy.body());
        assertEquals(403, rollback.status(), rollback.body());
        assertTrue(deploy.body().contains("Origin http://evil.example"), deploy.body());
        assertEquals(0, api.deployments.deployed, "no deployment started");
    }

    @Test
    void aPageOnAnotherSiteCannotStartTheBackfill() throws IOException {
        Answer r = send("POST", "/backfill", fromPage(EVIL, "text/plain"), "{\"action\":\"start\",\"rate\":10000}");
        assertEquals(403, r.status(), r.body());
        assertEquals(List.of(), api.backfill.calls);
    }

    @Test
    void aFormOnAnotherSiteCannotCreateAccountsOrNotes() throws IOException {
        Answer account = send("POST", "/accounts", fromPage(EVIL, "application/x-www-form-urlencoded"),
                "{\"name\":\"Mallory\",\"x\":\"=\"}");
        Answer created = send("POST", "/accounts/" + this.account + "/notes", fromPage(EVIL, "text/plain"),
                "{\"content\":\"planted\"}");
        assertEquals(403, account.status(), account.body());
        assertEquals(403, created.status(), created.body());
        assertEquals(1, accounts());
        assertEquals(List.of(note), noteIds());
    }

    @Test
    void crossSiteWithoutAnOriginIsRefusedToo() throws IOException {
        // A link or an <img> on another site: no Origin on a GET, but the browser says where it comes from.
        Answer r = send("GET", "/accounts/" + account + "/notes/" + note,
                Map.of("Host", self(), "Sec-Fetch-Site", "cross-site"), null);
        assertEquals(403, r.status(), r.body());
        assertTrue(!r.body().contains("keep me"), r.body());
    }

    @Test
    void aNullOriginOrAnotherPortOfThisMachineIsAnotherOrigin() throws IOException {
        for (String origin : List.of("null", "http://127.0.0.1:1", "http://localhost:3000", "https://" + self(),
                "file://")) {
            Answer r = send("POST", "/accounts", fromPage(origin, "text/plain"), "{\"name\":\"Mallory\"}");
            assertEquals(403, r.status(), origin + ": " + r.body());
        }
        assertEquals(1, accounts());
    }

    @Test
    void aRenamedHostIsRefusedOnEveryRouteAndNothingChanges() throws IOException {
        // DNS rebinding: the page's own name now points at 127.0.0.1, so the browser calls it same-origin.
        Map<String, String> rebound = Map.of("Host", "evil.example:" + api.server.port(), "Origin",
                "http://evil.example:" + api.server.port(), "Sec-Fetch-Site", "same-origin",
                "Content-Type", "application/json");
        String path = "/accounts/" + account + "/notes/" + note;
        Answer read = send("GET", path, rebound, null);
        Answer stage = send("PUT", "/accounts/" + account, rebound, "{\"stage\":\"dual-write\"}");
        Answer delete = send("DELETE", path, rebound, null);
        Answer deploy = send("POST", "/deploy", rebound, "");
        Answer unknown = send("GET", "/no/such/route", Map.of("Host", "evil.example"), null);
        for (Answer a : List.of(read, stage, delete, deploy, unknown)) {
            assertEquals(421, a.status(), a.body());
            assertTrue(a.body().contains("--allowed-host"), a.body());
        }
        assertTrue(!read.body().contains("keep me"), read.body());
        assertEquals(List.of(note), noteIds());
        assertEquals("off", api.get("/accounts/" + account).json().getAsJsonObject().get("stage").getAsString());
        assertEquals(0, api.deployments.deployed);
    }

    @Test
    void curlTheKitsOwnClientsAndTheApiOwnPagesStillWork() throws IOException {
        // curl: Host with the address it was given, no Origin.
        assertEquals(201, send("POST", "/accounts", Map.of("Host", self(), "Content-Type", "application/json"),
                "{\"name\":\"curl\"}").status());
        assertEquals(201, send("POST", "/accounts", Map.of("Host", "localhost:" + api.server.port(),
                "Content-Type", "application/json"), "{\"name\":\"by name\"}").status());
        assertEquals(201, send("POST", "/accounts", Map.of("Host", "[::1]:" + api.server.port(),
                "Content-Type", "application/json"), "{\"name\":\"ipv6\"}").status());
        // A page served by this API itself (same origin), and a name given with --allowed-host.
        assertEquals(201, send("POST", "/accounts", Map.of("Host", self(), "Origin", "http://" + self(),
                "Sec-Fetch-Site", "same-origin", "Content-Type", "application/json"), "{\"name\":\"same\"}").status());
        String allowed = RestFixture.ALLOWED_NAME + ":" + api.server.port();
        assertEquals(201, send("POST", "/accounts", Map.of("Host", allowed, "Origin", "http://" + allowed,
                "Content-Type", "application/json"), "{\"name\":\"allowed\"}").status());
        // Typed in the address bar: the browser says none.
        assertEquals(200, send("GET", "/healthz", Map.of("Host", self(), "Sec-Fetch-Site", "none"), null).status());
        // The JDK's own client, as the kit's clients use it.
        assertEquals(200, api.get("/accounts").status());
        assertEquals(6, accounts());
    }

    @Test
    void refusalsAreJsonAndAWarningInTheLogNotAFailedRequest() throws IOException {
        ch.qos.logback.classic.LoggerContext context =
                (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger apiLog = context.getLogger("api");
        dev.notely.telemetry.LogCapture capture = new dev.notely.telemetry.LogCapture(100, "%level %msg%n");
        capture.setContext(context);
        capture.start();
        apiLog.addAppender(capture);
        try {
            Answer r = send("POST", "/deploy", fromPage(EVIL, "text/plain"), "x".repeat(1000));
            assertEquals(403, r.status());
            assertEquals("application/json", r.headers().get("content-type"));
            assertTrue(capture.lines().stream().anyMatch(l -> l.startsWith("WARN POST /deploy refused with 403: ")
                    && l.contains(EVIL)), capture.lines().toString());
            // A request that did reach the kit is recorded after it: the refusal, before it, never was.
            assertEquals(200, api.get("/healthz").status());
            api.awaitRecorded(key -> key.route().equals("/healthz"));
            assertTrue(api.stats.snapshot().api().stream().noneMatch(row -> row.key().status() == 403),
                    api.stats.snapshot().api().toString());
        } finally {
            apiLog.detachAppender(capture);
            capture.stop();
        }
    }
}
