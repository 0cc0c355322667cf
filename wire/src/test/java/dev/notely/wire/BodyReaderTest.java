package dev.notely.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A request's body, read before a worker takes the request: whole, empty, or refused as too large. */
class BodyReaderTest {

    private static final int LIMIT = 1024;

    private final Undertow server = start(LIMIT);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A server that echoes the body it was handed, and where, and refuses as "STATUS MESSAGE". */
    private static Undertow start(int limit) {
        Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new BodyReader(limit, (exchange, status, message) -> {
                    exchange.setStatusCode(status);
                    exchange.getResponseSender().send(status + " " + message);
                }, exchange -> {
                    byte[] body = BodyReader.body(exchange);
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                    exchange.getResponseSender().send("read " + body.length + " bytes: "
                            + new String(body, StandardCharsets.UTF_8) + " (on the I/O thread: " + exchange.isInIoThread() + ")");
                })).build();
        undertow.start();
        return undertow;
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> post(Undertow on, HttpRequest.BodyPublisher body) throws Exception {
        int port = ((InetSocketAddress) on.getListenerInfo().get(0).getAddress()).getPort();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A body of unannounced length, sent chunked. */
    private static HttpRequest.BodyPublisher chunked(String text) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBodyReachesTheHandlerWholeOnAWorker() throws Exception {
        HttpResponse<String> response = post(server, HttpRequest.BodyPublishers.ofString("{\"a\":1}"));
        assertEquals(200, response.statusCode());
        assertEquals("read 7 bytes: {\"a\":1} (on the I/O thread: false)", response.body());
        String atTheLimit = "x".repeat(LIMIT);
        assertEquals("read 1024 bytes: " + atTheLimit + " (on the I/O thread: false)",
                post(server, HttpRequest.BodyPublishers.ofString(atTheLimit)).body());
    }

    @Test
    void aChunkedBodyIsReadToo() throws Exception {
        assertEquals("read 5 bytes: hello (on the I/O thread: false)", post(server, chunked("hello")).body());
    }

    @Test
    void noBodyIsAnEmptyOne() throws Exception {
        assertEquals("read 0 bytes:  (on the I/O thread: false)", post(server, HttpRequest.BodyPublishers.noBody()).body());
    }

    @Test
    void aBodyOverTheLimitIs413WhetherAnnouncedOrChunked() throws Exception {
        String over = "x".repeat(LIMIT + 1);
        HttpResponse<String> announced = post(server, HttpRequest.BodyPublishers.ofString(over));
        assertEquals(413, announced.statusCode());
        assertEquals("413 request body is larger than 1 KiB", announced.body());
        HttpResponse<String> chunked = post(server, chunked(over));
        assertEquals(413, chunked.statusCode());
        assertEquals("413 request body is larger than 1 KiB", chunked.body());
        assertEquals(200, post(server, HttpRequest.BodyPublishers.ofString("after")).statusCode(), "the server carries on");
    }

    @Test
    void aClientStillSendingAnAnnouncedBodyOverTheLimitReadsIts413() throws Exception {
        // 2 MiB, two thousand times the limit: were the connection closed at once, the client would still be sending,
        // and the reset of its connection could reach it before the answer does.
        String over = "x".repeat((int) BodyReader.DRAIN_LIMIT);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = post(server, HttpRequest.BodyPublishers.ofString(over));
            assertEquals("413 request body is larger than 1 KiB", response.body());
            assertEquals(413, response.statusCode());
        }
    }

    @Test
    void theLimitIsNamedInMebibytesFromOneOn() throws Exception {
        Undertow large = start(1 << 20);
        try {
            HttpResponse<String> response = post(large, HttpRequest.BodyPublishers.ofString("x".repeat((1 << 20) + 1)));
            assertEquals("413 request body is larger than 1 MiB", response.body());
        } finally {
            large.stop();
        }
    }
}
