package dev.notely.app.migration;

import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.app.Kit;
import dev.notely.app.Options;
import dev.notely.app.grading.StageInstaller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.store.Account;
import dev.notely.store.sqlite.SqliteNoteStore;
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
 * The whole kit under simulated users, sharded by exercise 2's solution: {@code GET /verify} finds every note
 * where it belongs however the users write, follows an account that moves shard, and its reads are not
 * shown as store traffic.
 */
class VerificationUnderLoadTest {

    @TempDir
    Path tmp;

    @Test
    void aVerificationUnderFullLoadReportsNoDifferences() throws Exception {
        Options options = Options.parse(List.of("--headless", "--gen", "--signups-per-minute", "0", "--concurrency", "16", "--rpm", "600",
                "--port", "0", "--network-delay", "0", "--rollout-wait", "3s", "--data-dir", tmp.resolve("data").toString(),
                "--proxy-source", StageInstaller.stageSources(ControllerFixture.KIT_ROOT, "exercise2-complete").toString()));
        HttpClient http = HttpClient.newHttpClient();
        try (Kit kit = Kit.start(options); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            LoadGenerator load = kit.load().orElseThrow();
            Await.until(Duration.ofSeconds(30), "every account with notes", () -> load.accountIds().size() == 16
                    && kit.stats.snapshot().noteCounts().getOrDefault("second", 0L) > 0);
            long requestsBefore = load.requests();
            int[] runs = {0};
            Await.until(Duration.ofSeconds(60), "verifications beside a few hundred requests", () -> {
                JsonObject report = verify(http, kit.apiPort());
                assertTrue(report.get("clean").getAsBoolean(), "users writing are not differences: " + report);
                JsonObject summary = report.getAsJsonObject("summary");
                assertEquals(16, summary.get("accountsChecked").getAsInt(), summary.toString());
                assertTrue(summary.get("notesChecked").getAsLong() >= 16, summary.toString());
                return ++runs[0] >= 5 && load.requests() > requestsBefore + 500;
            });

            // An account moves shard (s on the accounts page); once its notes have moved, it is clean again.
            Account mover = client.listAccounts().stream().filter(a -> "new".equals(a.shard())).findFirst().orElseThrow();
            Await.until(Duration.ofSeconds(30), "the account to have notes", () -> !client.listNotes(mover.id()).isEmpty());
            client.updateAccount(mover.withShard("second").withMigrating(true));
            try (SqliteNoteStore fresh = SqliteNoteStore.open("new", kit.dataDir.resolve("new.db"))) {
                Await.until(Duration.ofSeconds(90), "the account's notes to leave new", () -> fresh.countNotes(mover.id()) == 0);
            }
            JsonObject after = verify(http, kit.apiPort());
            assertTrue(after.get("clean").getAsBoolean(), after.toString());
            JsonObject moved = accountIn(after, mover.id().toString());
            assertEquals("second", moved.get("home").getAsString());

            load.close();
            assertEquals(0, load.misses(), "consistency misses");
            assertTrue(kit.stats.snapshot().store().stream().noneMatch(row -> row.key().operation().startsWith("page")),
                    "verification's reads are not store traffic: " + kit.stats.snapshot().store());
        }
    }

    private static JsonObject verify(HttpClient http, int port) {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/verify")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET /verify failed: " + e, e);
        }
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static JsonObject accountIn(JsonObject report, String id) {
        JsonArray accounts = report.getAsJsonArray("accounts");
        for (int i = 0; i < accounts.size(); i++) {
            if (accounts.get(i).getAsJsonObject().get("accountId").getAsString().equals(id)) {
                return accounts.get(i).getAsJsonObject();
            }
        }
        throw new AssertionError(id + " not in " + report);
    }
}
