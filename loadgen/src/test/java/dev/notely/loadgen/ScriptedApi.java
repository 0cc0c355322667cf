package dev.notely.loadgen;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.notely.api.client.NotelyClient;
import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.wire.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The notes REST API as a test scripts it, on real HTTP on loopback: it holds what it is given and answers
 * from that, so a test can make a note vanish, go back to an older content or come back after a delete
 * (the ways a broken migration misbehaves), or make a request fail with or without its write landing.
 */
final class ScriptedApi implements AutoCloseable {

    /** How a scripted failure treats the write it answers with an error. */
    enum Landed { YES, NO }

    private record Failure(String method, String pathEnd, Landed landed) {
        boolean matches(String requestMethod, String path) {
            return method.equals(requestMethod) && path.endsWith(pathEnd);
        }
    }

    private final HttpServer server;
    private final NotelyClient client;
    // The notes the server holds, in the order they were first written: what every answer comes from.
    private final Map<UUID, Note> held = new LinkedHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final List<String> requests = new ArrayList<>();
    private Note lastUpdate;

    ScriptedApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
        server.createContext("/", this::answer);
        server.start();
        client = new NotelyClient("127.0.0.1", server.getAddress().getPort());
    }

    NotelyClient client() {
        return client;
    }

    /** The server holds this version of the note from now on (an older one, or one deleted before). */
    synchronized void hold(Note note) {
        held.put(note.id(), note);
    }

    /** The server no longer has the note: reads answer 404 and lists leave it out. */
    synchronized void lose(UUID noteId) {
        held.remove(noteId);
    }

    synchronized Optional<Note> note(UUID noteId) {
        return Optional.ofNullable(held.get(noteId));
    }

    /** The notes of the account the server holds, in the order they were first written. */
    synchronized List<Note> notes(UUID accountId) {
        return held.values().stream().filter(n -> n.creator().equals(accountId)).toList();
    }

    /** The next {@code method} request answers 503; its write takes effect first when {@code landed} is YES. */
    synchronized void failNext(String method, Landed landed) {
        failNext(method, "", landed);
    }

    /** As {@link #failNext(String, Landed)}, for the next {@code method} request whose path ends with {@code pathEnd}. */
    synchronized void failNext(String method, String pathEnd, Landed landed) {
        failures.addLast(new Failure(method, pathEnd, landed));
    }

    /** The note the last update asked for, whether or not it was written. */
    synchronized Note lastUpdate() {
        return lastUpdate;
    }

    /** Requests answered so far, as "METHOD path". */
    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(method + " " + path);
            if (method.equals("PUT")) {
                lastUpdate = Json.GSON.fromJson(body, Note.class);
            }
            Failure failure = failures.stream().filter(f -> f.matches(method, path)).findFirst().orElse(null);
            if (failure != null) {
                failures.remove(failure);
                if (failure.landed() == Landed.YES) {
                    respond(path, method, body);
                }
                send(exchange, 503, error("scripted failure"));
                return;
            }
            Answer answer = respond(path, method, body);
            send(exchange, answer.status(), answer.body());
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer respond(String path, String method, String body) {
        String[] parts = path.substring(1).split("/");
        if (parts.length == 1 && method.equals("POST")) {
            String name = Json.GSON.fromJson(body, JsonObject.class).get("name").getAsString();
            return new Answer(201, Json.GSON.toJson(new Account(UUID.randomUUID(), name, false, null)));
        }
        if (parts.length == 1 && method.equals("GET")) {
            return new Answer(200, "[]");
        }
        UUID account = UUID.fromString(parts[1]);
        if (parts.length == 3 && method.equals("GET")) {
            return new Answer(200, Json.GSON.toJson(notes(account).stream().map(Note::id).toList()));
        }
        if (parts.length == 3 && method.equals("POST")) {
            JsonObject fields = Json.GSON.fromJson(body, JsonObject.class);
            Note note = new Note(UUID.fromString(fields.get("id").getAsString()), account,
                    Json.parseInstant(fields.get("createdAt").getAsString()),
                    Json.parseInstant(fields.get("updatedAt").getAsString()), fields.get("content").getAsString());
            held.put(note.id(), note);
            return new Answer(201, Json.GSON.toJson(note));
        }
        UUID noteId = UUID.fromString(parts[3]);
        Note current = held.get(noteId);
        switch (method) {
            case "GET":
                return current == null ? new Answer(404, error("no such note")) : new Answer(200, Json.GSON.toJson(current));
            case "PUT":
                if (current == null) {
                    return new Answer(404, error("no such note"));
                }
                Note written = Json.GSON.fromJson(body, Note.class);
                held.put(noteId, written);
                return new Answer(200, Json.GSON.toJson(written));
            case "DELETE":
                held.remove(noteId);
                return new Answer(204, "");
            default:
                return new Answer(405, error("not scripted: " + method + " " + path));
        }
    }

    private static String error(String message) {
        JsonObject error = new JsonObject();
        error.addProperty("error", message);
        return error.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
    }
}
