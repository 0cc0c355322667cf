package dev.notely.proxyhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.StoreRouter;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import dev.notely.wire.NetworkDelay;
import dev.notely.wire.ProxyWire;
import io.undertow.Undertow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy port, like the API, answers callers that send too slowly or too much, and keeps serving. */
class AwkwardCallersTest {

    private static final String READY = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Ready\"}";

    @TempDir
    Path dir;
    private SqliteNoteStores stores;
    private Undertow server;
    private int port;

    @BeforeEach
    void start() {
        stores = new SqliteNoteStores(dir, new StatsCollector());
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(8)
                .setHandler(new RpcServer(new StoreRouter(stores.open("legacy")), 3, new StatsCollector(), NetworkDelay.NONE, null))
                .build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
        stores.close();
    }

    @Test
    void callersThatNeverFinishTheirBodyHoldNoWorker() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) { // more than the 8 workers
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            String reply = exchange("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + READY.length()
                    + "\r\n\r\n" + READY, null);
            assertTrue(reply.startsWith("HTTP/1.1 200") && reply.contains("\"version\":3"), reply);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void anOversizedChunkedCallIsA413ErrorObjectAndNothingOnStderr() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String reply;
        try {
            reply = exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                    "z".repeat(ProxyWire.MAX_BODY_BYTES / 8 + 1));
        } finally {
            System.setErr(realErr);
        }
        assertTrue(reply.startsWith("HTTP/1.1 413"), reply);
        assertTrue(reply.contains("\"code\":-32600") && reply.contains("larger than 1 MiB"), reply);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing printed outside the log");
    }

    /** Sends {@code head}, then {@code chunk} nine times as a chunked body if given, and reads the whole reply. */
    private String exchange(String head, String chunk) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (chunk != null) {
                try {
                    for (int i = 0; i < 9; i++) {
                        out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // answered before the whole body was sent: the answer is what counts
                }
            }
            out.flush();
            s.setSoTimeout(20_000);
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            int n;
            while ((n = s.getInputStream().read(buffer)) > 0) {
                reply.write(buffer, 0, n);
                String text = reply.toString(StandardCharsets.UTF_8);
                if (text.contains("\r\n\r\n") && text.endsWith("}")) {
                    break;
                }
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }
}
