package dev.notely.app.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.api.BackfillStatus.State;
import dev.notely.api.client.NotelyClient;
import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.app.Kit;
import dev.notely.app.Options;
import dev.notely.app.grading.StageInstaller;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import dev.notely.telemetry.Status;
import dev.notely.telemetry.StoreKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handbook's "break it on purpose" for exercise 3 (SPEC §19): the reference solution at {@code dual-write}
 * with every write to {@code new} failing. The users notice nothing, the store figures count the errors, the
 * verification meets the same broken store, and once the fault is cleared the backfill repairs what was
 * missed and the verification ends clean.
 */
class FailingSecondWriteTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int USERS = 10;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Test
    void atDualWriteAFailingNewStoreCostsTheUsersNothingAndTheBackfillRepairsIt() throws Exception {
        Options options = Options.parse(List.of("--headless", "--gen", "--concurrency", Integer.toString(USERS),
                "--notes-per-account", "4", "--rpm", "240", "--port", "0", "--data-dir", tmp.resolve("data").toString(),
                "--proxy-source", StageInstaller.stageSources(ControllerFixture.KIT_ROOT, "exercise3-complete").toString()));
        try (Kit kit = Kit.start(options); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            port = kit.apiPort();
            LoadGenerator load = kit.load().orElseThrow();
            Await.until(WAIT, "every simulated account", () -> load.accountIds().size() == USERS);

            HttpResponse<String> set = post("/faults", "{\"store\":\"new\",\"errorRate\":1.0}");
            assertEquals(200, set.statusCode(), set.body());
            for (Account a : client.listAccounts()) {
                HttpResponse<String> moved = put("/accounts/" + a.id(), "{\"stage\":\"dual-write\"}");
                assertEquals(200, moved.statusCode(), moved.body());
            }
            long requestsAtFault = load.requests();
            Await.until(WAIT, "writes to new failing and counted", () -> storeErrors(kit, "new") >= 20);
            Await.until(WAIT, "the users to carry on", () -> load.requests() > requestsAtFault + 100);

            // The verification reads the stores through the same fault, and says so.
            HttpResponse<String> verifyDuringFault = get("/verify");
            assertEquals(503, verifyDuringFault.statusCode(), verifyDuringFault.body());
            assertTrue(verifyDuringFault.body().contains("injected"), verifyDuringFault.body());

            assertEquals(200, post("/faults", "{\"store\":\"new\",\"clear\":true}").statusCode());
            assertEquals("{\"faults\":{},\"summary\":\"no faults\"}", get("/faults").body());
            assertEquals(State.RUNNING, client.backfill("start", null).state());
            Await.until(WAIT, "the backfill done", () -> client.backfill().state() == State.DONE);
            load.close();
            // The users are stopped, so what was in flight has landed: one more pass copies the last of it.
            client.backfill("start", null);
            Await.until(WAIT, "the last backfill done", () -> client.backfill().state() == State.DONE);
            HttpResponse<String> verified = get("/verify");
            assertEquals(200, verified.statusCode(), verified.body());
            JsonObject report = JsonParser.parseString(verified.body()).getAsJsonObject();
            assertTrue(report.get("clean").getAsBoolean(), verified.body());

            assertEquals(0, load.failureCount(), "failed requests " + load.failures());
            assertEquals(0, load.misses(), "consistency misses");
            System.out.printf("users made %d requests, none failed; %d writes to new failed on purpose%n",
                    load.requests(), storeErrors(kit, "new"));
        }
    }

    private static long storeErrors(Kit kit, String store) {
        return kit.stats.snapshot().store().stream().filter(r -> r.key().store().equals(store)
                && r.key().status() == Status.ERROR).mapToLong(r -> r.metrics().totalCount()).sum();
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).build());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        }
    }
}
