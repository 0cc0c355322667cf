package dev.notely.wire;

import java.io.ByteArrayOutputStream;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import org.xnio.IoUtils;

/**
 * Reads a request's body on the I/O thread, without blocking, before a worker takes the request: a
 * client that sends its body slowly (or never) holds no worker, so a few of them cannot starve every
 * other route. A body over the limit is a 413 whether it is announced or chunked.
 */
public final class BodyReader implements HttpHandler {

    /** Answers a request that cannot be taken, in the server's own error format. */
    @FunctionalInterface
    public interface Refusal {
        void send(HttpServerExchange exchange, int status, String message);
    }

    private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    /**
     * How much of an oversized body is read (and dropped) before the connection is simply cut; up to the
     * server's own limit of what one request may send (2 MiB), past which it cuts the connection itself.
     */
    static final long DRAIN_LIMIT = 2L << 20;

    private final int maxBytes;
    private final Refusal refusal;
    private final HttpHandler next;

    /** @param next runs on a worker thread, once the whole body is read */
    public BodyReader(int maxBytes, Refusal refusal, HttpHandler next) {
        this.maxBytes = maxBytes;
        this.refusal = refusal;
        this.next = next;
    }

    /** The body {@link BodyReader} read for this request; empty when it had none. */
    public static byte[] body(HttpServerExchange exchange) {
        byte[] bytes = exchange.getAttachment(BODY);
        return bytes == null ? new byte[0] : bytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!hasBody(exchange)) {
            exchange.dispatch(next);
            return;
        }
        if (exchange.getRequestContentLength() > Math.max(maxBytes, DRAIN_LIMIT)) {
            tooLarge(exchange);
            return;
        }
        // Counted here, not by the server's own limit, which cuts a chunked body's connection without an
        // answer (and prints to stderr). A body over the limit, announced or chunked, is read to its end and
        // dropped before the 413: a connection closed while the client still sends is reset, and the reset
        // can reach the client before the answer does. One that never ends is cut off.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean[] over = {false};
        long[] read = {0};
        exchange.getRequestReceiver().receivePartialBytes((ex, bytes, last) -> {
            read[0] += bytes.length;
            if (read[0] > DRAIN_LIMIT) {
                IoUtils.safeClose(ex.getConnection());
                return;
            }
            if (!over[0] && body.size() + bytes.length > maxBytes) {
                over[0] = true;
                body.reset();
            }
            if (!over[0]) {
                body.writeBytes(bytes);
            }
            if (!last) {
                return;
            }
            if (over[0]) {
                tooLarge(ex);
            } else {
                ex.putAttachment(BODY, body.toByteArray());
                ex.dispatch(next);
            }
        }, (ex, e) -> {
            ex.setPersistent(false);
            refusal.send(ex, 400, "request body could not be read: " + e.getMessage());
        });
    }

    private static boolean hasBody(HttpServerExchange exchange) {
        return exchange.getRequestContentLength() > 0 || exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
    }

    private void tooLarge(HttpServerExchange exchange) {
        // The unread rest of the body must not be taken for the next request on this connection.
        exchange.setPersistent(false);
        refusal.send(exchange, 413, "request body is larger than " + (maxBytes >= 1 << 20 ? maxBytes / (1 << 20) + " MiB"
                : maxBytes / 1024 + " KiB"));
    }
}
