package dev.notely.api.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.reflect.TypeToken;
import dev.notely.api.BackfillStatus;
import dev.notely.api.DeploymentState;
import dev.notely.api.http.LoopbackHttp;
import dev.notely.api.json.BackfillJson;
import dev.notely.api.json.DeploymentJson;
import dev.notely.wire.Json;
import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.telemetry.StatsJson;
import dev.notely.telemetry.StatsSnapshot;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * A typed client for the Notely REST API, used by the simulated users and the tests. Error answers
 * become {@link ApiException}s carrying the status and the server's message; "not found" on reads
 * is an empty {@link Optional}.
 */
public final class NotelyClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The header the simulated users' requests carry. */
    public static final String SIMULATED_USER_HEADER = "X-Notely-Simulated-User";
    private static final Type ACCOUNT_LIST = new TypeToken<List<Account>>() { }.getType();
    private static final Type UUID_LIST = new TypeToken<List<UUID>>() { }.getType();

    private final LoopbackHttp http;
    private final LongConsumer timings;

    public NotelyClient(String host, int port) {
        this(host, port, nanos -> { });
    }

    /** @param timings told the duration in nanoseconds of every answered request (for benchmarks) */
    public NotelyClient(String host, int port, LongConsumer timings) {
        this(new LoopbackHttp(host, port), timings);
    }

    private NotelyClient(LoopbackHttp http, LongConsumer timings) {
        this.http = http;
        this.timings = timings;
    }

    /**
     * A client whose requests say they come from the simulated users: only their refused requests count as
     * failed on the dashboard, a person's are answers to that person.
     */
    public static NotelyClient forSimulatedUsers(String host, int port) {
        return new NotelyClient(new LoopbackHttp(host, port, java.util.Map.of(SIMULATED_USER_HEADER, "1")), nanos -> { });
    }

    public boolean healthy() {
        try {
            return request("GET", "/healthz", null).status() == 200;
        } catch (ApiException e) {
            return false;
        }
    }

    public List<Account> listAccounts() {
        return Json.GSON.fromJson(expect(200, "GET", "/accounts", null), ACCOUNT_LIST);
    }

    public Optional<Account> getAccount(UUID id) {
        return optional("/accounts/" + id, Account.class);
    }

    /** Creates an account; the shard comes from the data proxy. */
    public Account createAccount(String name) {
        JsonObject body = new JsonObject();
        body.addProperty("name", name);
        return Json.GSON.fromJson(expect(201, "POST", "/accounts", body.toString()), Account.class);
    }

    public Account updateAccount(Account account) {
        JsonObject body = new JsonObject();
        body.addProperty("name", account.name());
        body.addProperty("isMigrating", account.isMigrating());
        body.add("shard", account.shard() == null ? JsonNull.INSTANCE : new JsonPrimitive(account.shard()));
        return Json.GSON.fromJson(expect(200, "PUT", "/accounts/" + account.id(), body.toString()), Account.class);
    }

    public List<UUID> listNotes(UUID accountId) {
        return Json.GSON.fromJson(expect(200, "GET", "/accounts/" + accountId + "/notes", null), UUID_LIST);
    }

    public Optional<Note> getNote(UUID accountId, UUID noteId) {
        return optional("/accounts/" + accountId + "/notes/" + noteId, Note.class);
    }

    /** Creates a note with the given id and times, as the simulated users do. */
    public Note createNote(UUID accountId, UUID noteId, String content, Instant at) {
        JsonObject body = new JsonObject();
        body.addProperty("id", noteId.toString());
        body.addProperty("content", content);
        body.addProperty("createdAt", Json.formatInstant(at));
        body.addProperty("updatedAt", Json.formatInstant(at));
        return Json.GSON.fromJson(expect(201, "POST", "/accounts/" + accountId + "/notes", body.toString()), Note.class);
    }

    /** Writes the note; empty when the server says it does not exist. */
    public Optional<Note> updateNote(Note note) {
        String body = Json.GSON.toJson(note);
        LoopbackHttp.Response response = request("PUT", "/accounts/" + note.creator() + "/notes/" + note.id(), body);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(Json.GSON.fromJson(check(200, response), Note.class));
    }

    public void deleteNote(UUID accountId, UUID noteId) {
        check(204, request("DELETE", "/accounts/" + accountId + "/notes/" + noteId, null));
    }

    /** Starts a deployment and returns its version once it serves. */
    public int deploy() {
        return JsonParser.parseString(expect(200, "POST", "/deploy", null)).getAsJsonObject().get("version").getAsInt();
    }

    public int rollback() {
        return JsonParser.parseString(expect(200, "POST", "/deploy/rollback", null)).getAsJsonObject().get("version").getAsInt();
    }

    public DeploymentState deployments() {
        return DeploymentJson.fromJson(JsonParser.parseString(expect(200, "GET", "/deployments", null)).getAsJsonObject());
    }

    public BackfillStatus backfill() {
        return BackfillJson.fromJson(JsonParser.parseString(expect(200, "GET", "/backfill", null)).getAsJsonObject());
    }

    /**
     * Starts or pauses the backfill and sets its rate: {@code POST /backfill}.
     *
     * @param action "start", "pause", or null to change only the rate
     * @param rate   notes per second, or null to keep it
     */
    public BackfillStatus backfill(String action, Integer rate) {
        JsonObject body = new JsonObject();
        if (action != null) {
            body.addProperty("action", action);
        }
        if (rate != null) {
            body.addProperty("rate", rate);
        }
        return BackfillJson.fromJson(JsonParser.parseString(expect(200, "POST", "/backfill", body.toString()))
                .getAsJsonObject());
    }

    public StatsSnapshot stats() {
        return StatsJson.fromJson(expect(200, "GET", "/stats", null));
    }

    @Override
    public void close() {
        http.close();
    }

    private <T> Optional<T> optional(String path, Class<T> type) {
        LoopbackHttp.Response response = request("GET", path, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(Json.GSON.fromJson(check(200, response), type));
    }

    private String expect(int status, String method, String path, String body) {
        return check(status, request(method, path, body));
    }

    private static String check(int expected, LoopbackHttp.Response response) {
        if (response.status() != expected) {
            throw new ApiException(response.status(), "HTTP " + response.status() + ": " + errorMessage(response.body()));
        }
        return response.body();
    }

    private LoopbackHttp.Response request(String method, String path, String body) {
        long start = System.nanoTime();
        try {
            LoopbackHttp.Response response = http.send(method, path, body, TIMEOUT);
            timings.accept(System.nanoTime() - start);
            return response;
        } catch (IOException e) {
            throw new ApiException(method + " " + path + " failed: " + e, e);
        }
    }

    private static String errorMessage(String body) {
        try {
            JsonElement json = JsonParser.parseString(body);
            if (json.isJsonObject() && json.getAsJsonObject().has("error")) {
                return json.getAsJsonObject().get("error").getAsString();
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            // not our JSON error shape: show the raw body
        }
        return body;
    }
}
