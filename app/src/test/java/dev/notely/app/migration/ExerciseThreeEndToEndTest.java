package dev.notely.app.migration;

import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.app.Kit;
import dev.notely.app.Options;
import dev.notely.app.grading.StageInstaller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.api.BackfillStatus;
import dev.notely.api.BackfillStatus.State;
import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.StatsSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exercise 3 from start to finish, as an attendee does it through the REST API, with the reference solution
 * deployed and simulated users writing and checking their notes the whole time: every account to
 * {@code dual-write}, the gate that holds {@code shadow} until the backfill, the backfill, a clean
 * verification, shadow reads that all match, one step back and forward again, and {@code complete}
 * emptying legacy. Nobody notices anything.
 */
class ExerciseThreeEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int USERS = 20;

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Test
    void theWholeExerciseBesideSimulatedUsersLosesNothingAndNobodySeesAMiss() throws Exception {
        Path data = tmp.resolve("data");
        Options options = Options.parse(List.of("--headless", "--gen", "--signups-per-minute", "0", "--concurrency", Integer.toString(USERS),
                "--notes-per-account", "5", "--rpm", "120", "--port", "0", "--data-dir", data.toString(),
                "--proxy-source", StageInstaller.stageSources(ControllerFixture.KIT_ROOT, "exercise3-complete").toString()));
        try (Kit kit = Kit.start(options); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort());
             SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
            port = kit.apiPort();
            LoadGenerator load = kit.load().orElseThrow();
            NoteStore legacy = stores.open(NoteStores.LEGACY);
            NoteStore fresh = stores.open(NoteStores.NEW);
            Await.until(WAIT, "every simulated account with notes in legacy", () -> load.accountIds().size() == USERS
                    && load.accountIds().stream().allMatch(id -> legacy.countNotes(id) > 0));
            assertEquals(0, fresh.totalNotes(), "at off every note is in legacy alone");

            // The attendee's own account, whose notes the test knows exactly: written at off, legacy alone.
            Account own = client.createAccount("attendee");
            Map<UUID, String> ownNotes = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                write(client, own, ownNotes, UUID.randomUUID(), "written at off " + i);
            }
            List<Account> accounts = client.listAccounts();
            assertEquals(USERS + 1, accounts.size());

            // (1) Every account starts writing both stores.
            for (Account a : accounts) {
                assertMoved(a, MigrationStage.DUAL_WRITE);
            }
            // (2) Reads cannot move before the backfill has copied what only legacy holds.
            HttpResponse<String> refused = putStage(own.id(), MigrationStage.SHADOW);
            assertEquals(409, refused.statusCode(), refused.body());
            String reason = error(refused);
            assertTrue(reason.contains("backfill"), "the refusal names the backfill: " + reason);
            assertEquals(MigrationStage.DUAL_WRITE, client.getAccount(own.id()).orElseThrow().stage(), "a refused move changes nothing");

            // (3) The backfill copies legacy's notes to new.
            assertTrue(client.backfill().left() >= ownNotes.size(), "notes only in legacy are left to copy");
            assertEquals(State.RUNNING, client.backfill("start", null).state());
            Await.until(WAIT, "the backfill done", () -> client.backfill().state() == State.DONE);
            BackfillStatus copied = client.backfill();
            assertTrue(copied.moved() >= ownNotes.size(), "the backfill copied at least the attendee's notes: " + copied.moved());
            assertTrue(copied.accounts().stream().allMatch(BackfillStatus.AccountProgress::done), copied.accounts().toString());
            assertEquals(ownNotes.keySet(), new HashSet<>(fresh.listNotes(own.id())), "new holds the attendee's notes");

            // (4) The stores agree.
            JsonObject verified = getJson("/verify");
            assertTrue(verified.get("clean").getAsBoolean(), verified.toString());
            assertEquals(USERS + 1, verified.getAsJsonObject("summary").get("accountsChecked").getAsInt());

            // (5) Reads move over: shadow reads from legacy and compares new, and they all match.
            for (Account a : accounts) {
                assertMoved(a, MigrationStage.SHADOW);
            }
            awaitShadowReads(client, NoteStores.NEW);
            for (Account a : accounts) {
                assertMoved(a, MigrationStage.LIVE);
            }
            awaitShadowReads(client, NoteStores.LEGACY);
            String metrics = get("/metrics").body();
            assertTrue(metrics.contains("notely_shadow_reads_total{store=\"legacy\",outcome=\"match\"}"), metrics);
            assertTrue(!metrics.contains("outcome=\"mismatch\"") && !metrics.contains("outcome=\"error\""), metrics);

            // (6) The attendee writes at live (new first), steps back to shadow (legacy answers) and forward again.
            Note edited = client.getNote(own.id(), ownNotes.keySet().iterator().next()).orElseThrow();
            write(client, own, ownNotes, edited.id(), "edited at live");
            UUID gone = ownNotes.keySet().stream().filter(id -> !id.equals(edited.id())).findFirst().orElseThrow();
            client.deleteNote(own.id(), gone);
            ownNotes.remove(gone);
            for (int i = 0; i < 3; i++) {
                write(client, own, ownNotes, UUID.randomUUID(), "written at live " + i);
            }
            assertMoved(own, MigrationStage.SHADOW);
            assertNotes(client, own, ownNotes);
            assertEquals(ownNotes.keySet(), new HashSet<>(legacy.listNotes(own.id())), "legacy has every write made at live");
            write(client, own, ownNotes, UUID.randomUUID(), "written back at shadow");
            assertMoved(own, MigrationStage.LIVE);
            assertNotes(client, own, ownNotes);
            assertEquals(ownNotes.keySet(), new HashSet<>(fresh.listNotes(own.id())), "new has every write made at shadow");
            StatsSnapshot shadowed = client.stats();
            assertEquals(0, shadowed.shadowReads("mismatch") + shadowed.shadowReads("error"), shadowed.shadowReads().toString());

            // (7) Legacy stops being written, and at complete the backfill empties it of the accounts' notes.
            for (Account a : accounts) {
                assertMoved(a, MigrationStage.RAMP_DOWN);
            }
            for (Account a : accounts) {
                assertMoved(a, MigrationStage.COMPLETE);
            }
            assertEquals(State.RUNNING, client.backfill("start", null).state());
            Await.until(WAIT, "the backfill at complete done", () -> client.backfill().state() == State.DONE);
            for (Account a : accounts) {
                assertEquals(0, legacy.countNotes(a.id()), "legacy keeps nothing of " + a.name());
            }
            assertEquals(0, legacy.totalNotes(), "legacy empty");
            assertNotes(client, own, ownNotes);
            assertEquals(ownNotes.keySet(), new HashSet<>(fresh.listNotes(own.id())), "new holds all the attendee's notes");
            // The users read and list their notes once more, from new alone: every note they own is there.
            long requests = load.requests();
            Await.until(WAIT, "the users to check their notes at complete", () -> load.requests() > requests + 10L * USERS);
            load.close();
            assertEquals(0, legacy.totalNotes(), "nothing written at complete reaches legacy");
            JsonObject after = getJson("/verify");
            assertTrue(after.get("clean").getAsBoolean(), after.toString());

            // (8) Throughout, the users saw every answer right and every request answered.
            assertEquals(0, load.misses(), "consistency misses");
            assertEquals(0, load.failureCount(), "failed requests " + load.failures());
            assertEquals(0, kit.stats.snapshot().totalMisses(), "consistency misses on the dashboard");
        }
    }

    /** Waits until the proxy has reported shadow reads against {@code store}, and checks every one matched. */
    private static void awaitShadowReads(NotelyClient client, String store) {
        long before = client.stats().shadowReads().getOrDefault(StatsSnapshot.shadowKey(store, "match"), 0L);
        Await.until(WAIT, "shadow reads against " + store, () -> client.stats().shadowReads()
                .getOrDefault(StatsSnapshot.shadowKey(store, "match"), 0L) >= before + 50);
        StatsSnapshot stats = client.stats();
        assertEquals(1.0, stats.shadowConsistency().orElseThrow(), "every shadow read matches: " + stats.shadowReads());
    }

    private static void write(NotelyClient client, Account account, Map<UUID, String> notes, UUID id, String content) {
        if (notes.containsKey(id)) {
            Note current = client.getNote(account.id(), id).orElseThrow();
            Instant at = Instant.now().isAfter(current.updatedAt()) ? Instant.now() : current.updatedAt().plusMillis(1);
            assertTrue(client.updateNote(current.withContent(content, at)).isPresent(), "update of " + id);
        } else {
            client.createNote(account.id(), id, content, Instant.now());
        }
        notes.put(id, content);
    }

    private static void assertNotes(NotelyClient client, Account account, Map<UUID, String> expected) {
        assertEquals(expected.keySet(), new HashSet<>(client.listNotes(account.id())), "notes of " + account.name());
        for (Map.Entry<UUID, String> note : expected.entrySet()) {
            assertEquals(note.getValue(), client.getNote(account.id(), note.getKey()).orElseThrow().content(),
                    "note " + note.getKey());
        }
    }

    private void assertMoved(Account account, MigrationStage to) {
        HttpResponse<String> moved = putStage(account.id(), to);
        assertEquals(200, moved.statusCode(), account.name() + " to " + to + ": " + moved.body());
        assertEquals(to.label(), JsonParser.parseString(moved.body()).getAsJsonObject().get("stage").getAsString());
    }

    private HttpResponse<String> putStage(UUID account, MigrationStage to) {
        JsonObject body = new JsonObject();
        body.addProperty("stage", to.label());
        return send(HttpRequest.newBuilder(uri("/accounts/" + account)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static String error(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject().get("error").getAsString();
    }

    private JsonObject getJson(String path) {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).build());
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
