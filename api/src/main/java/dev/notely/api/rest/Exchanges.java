package dev.notely.api.rest;

import dev.notely.store.InvalidInputException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.notely.wire.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading request bodies and writing JSON answers, the same way for every route. */
final class Exchanges {

    /** Largest request body accepted; anything bigger is a 413. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private Exchanges() {
    }

    static JsonBody body(HttpServerExchange exchange) {
        long declared = exchange.getRequestContentLength();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        exchange.setMaxEntitySize(MAX_BODY_BYTES);
        byte[] bytes;
        try (InputStream in = exchange.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (RequestTooBigException e) {
            throw tooLarge();
        } catch (IOException e) {
            throw new InvalidInputException("request body could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return JsonBody.parse(new String(bytes, StandardCharsets.UTF_8));
    }

    static void json(HttpServerExchange exchange, int status, Object value) {
        JsonElement tree = value instanceof JsonElement e ? e : Json.GSON.toJsonTree(value);
        send(exchange, status, tree.toString());
    }

    static void error(HttpServerExchange exchange, int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("error", message);
        send(exchange, status, body.toString());
    }

    static void noContent(HttpServerExchange exchange) {
        exchange.setStatusCode(204);
        exchange.endExchange();
    }

    private static void send(HttpServerExchange exchange, int status, String json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
    }

    private static TooLargeException tooLarge() {
        return new TooLargeException("request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
    }
}
