package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.rest.RestFixture.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that send slowly, too much, or bytes that are not text: each gets a clear answer, and no one else waits. */
class AwkwardClientsTest {

    @TempDir
    Path dir;
    private RestFixture api;
    private String notes;

    @BeforeEach
    void start() {
        api = new RestFixture(dir);
        String account = api.send("POST", "/accounts", "{\"name\":\"Ada\"}").json().getAsJsonObject().get("id").getAsString();
        notes = "/accounts/" + account + "/notes";
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void clientsThatNeverFinishTheirBodyHoldNoWorkerAndEveryRouteStillAnswers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            // More half-sent requests than the API has workers.
            for (int i = 0; i < RestServer.WORKER_THREADS + 6; i++) {
                Socket s = new Socket("127.0.0.1", api.server.port());
                s.getOutputStream().write(("POST " + notes + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            assertEquals(200, api.get("/healthz").status());
            assertEquals(201, api.send("POST", notes, "{\"content\":\"still served\"}").status());
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void anOversizedChunkedBodyIsA413WithTheJsonErrorAndNothingOnStderr() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String reply;
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + notes + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "z".repeat(10 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 7; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before the whole body is sent; the answer is what counts
            }
            reply = readAll(s.getInputStream());
        } finally {
            System.setErr(realErr);
        }
        assertTrue(reply.startsWith("HTTP/1.1 413"), "reply: [" + reply + "] stderr: " + err.toString(StandardCharsets.UTF_8));
        assertTrue(reply.contains("{\"error\":\"request body is larger than 64 KiB\"}"), reply);
        assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing printed outside the log");
        assertEquals(200, api.get("/healthz").status());
    }

    @Test
    void aBodyThatIsNotUtf8IsA400() throws Exception {
        byte[] head = ("POST " + notes + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: 17\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = {'{', '"', 'c', 'o', 'n', 't', 'e', 'n', 't', '"', ':', '"', (byte) 0xff, 'a', 'b', '"', '}'};
        String reply;
        try (Socket s = new Socket("127.0.0.1", api.server.port())) {
            s.getOutputStream().write(head);
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            reply = readAll(s.getInputStream());
        }
        assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
        assertTrue(reply.contains("not valid UTF-8"), reply);
    }

    @Test
    void contentIsMeasuredInCharactersAsAPersonCountsThem() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        Reply fits = api.send("POST", notes, "{\"content\":\"" + emoji.repeat(10_000) + "\"}");
        assertEquals(201, fits.status(), fits.body());
        Reply over = api.send("POST", notes, "{\"content\":\"" + emoji.repeat(10_001) + "\"}");
        assertEquals(400, over.status(), over.body());
        assertTrue(over.error().contains("at most 10000 characters"), over.body());
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
