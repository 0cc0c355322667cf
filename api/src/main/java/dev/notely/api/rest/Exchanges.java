package dev.notely.api.rest;

import dev.notely.store.InvalidInputException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.notely.wire.BodyReader;
import dev.notely.wire.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reading request bodies and writing JSON answers, the same way for every route. */
final class Exchanges {

    /** Largest request body accepted; anything bigger is a 413. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private Exchanges() {
    }

    /** The request's body, read by {@link BodyReader}, as a JSON object; not UTF-8 or not JSON is a 400. */
    static JsonBody body(HttpServerExchange exchange) {
        byte[] bytes = BodyReader.body(exchange);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("request body is not valid UTF-8");
        }
        return JsonBody.parse(text);
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

    static void text(HttpServerExchange exchange, int status, String contentType, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
        exchange.getResponseSender().send(text, StandardCharsets.UTF_8);
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

}
