package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §17: the kit starts only when it can serve. A damaged store file stops it in one line, exit 1, nothing
 * started; a kit that starts answers honestly from its first connection.
 */
class StartUpRefusalsTest {

    private static final int PAGE = 4096;

    @TempDir
    Path tmp;

    /** A data folder as a kit leaves it: an account and enough notes in legacy.db to fill many pages. */
    private Path folderWithNotes() {
        Path data = tmp.resolve("data");
        Account ada = new Account(UUID.randomUUID(), "Ada", false, null);
        try (SqliteAccountStore accounts = SqliteAccountStore.open(data);
             SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
            accounts.createAccount(ada);
            NoteStore legacy = stores.open("legacy");
            Instant at = Instant.parse("2025-08-13T10:00:00Z");
            for (int i = 0; i < 400; i++) {
                legacy.createNote(ada.id(), new Note(UUID.randomUUID(), ada.id(), at, at, "note " + i + " " + "x".repeat(200)));
            }
        }
        return data;
    }

    private static void overwrite(Path file, long offset, int length) throws IOException {
        byte[] junk = new byte[length];
        Arrays.fill(junk, (byte) 0x5a);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(junk);
        }
    }

    private static void refusesToStart(Path data) throws Exception {
        try (AppProcess app = new AppProcess(data, "--headless", "--port", "0")) {
            assertEquals(1, app.awaitExit(), app.text());
            List<String> refusal = app.output.stream().filter(l -> l.contains("legacy.db")).toList();
            assertEquals(1, refusal.size(), app.text());
            assertTrue(refusal.get(0).contains("is not a readable SQLite database"), app.text());
            assertTrue(refusal.get(0).contains("restore it from a copy, or start with --clean"), app.text());
            assertFalse(app.text().contains("Notely API on"), app.text());
            assertFalse(app.text().contains("deploying the data proxy"), "nothing started: " + app.text());
            assertFalse(app.text().contains("deploy again"), "not blamed on the proxy's code: " + app.text());
        }
    }

    @Test
    void aStoreWhoseHeaderIsDestroyedStopsTheStartInOneLine() throws Exception {
        Path data = folderWithNotes();
        overwrite(data.resolve("legacy.db"), 0, 100);
        refusesToStart(data);
    }

    @Test
    void aStoreWithEightPagesOverwrittenStopsTheStartInOneLine() throws Exception {
        Path data = folderWithNotes();
        overwrite(data.resolve("legacy.db"), 2L * PAGE, 8 * PAGE);
        refusesToStart(data);
    }

    @Test
    void theApiAnswersOnlyOnceItCanServe() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // a free port the OS picked; the kit must name it before it starts
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build();
        List<String> answers = new ArrayList<>();
        try (AppProcess app = new AppProcess(tmp.resolve("data"), "--headless", "--port", String.valueOf(port))) {
            // Ask as a client would, from the moment the kit is launched until it says where its API is.
            while (app.output.stream().noneMatch(l -> l.contains("Notely API on"))) {
                assertTrue(app.process.isAlive(), app.text());
                try {
                    HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                    answers.add(r.statusCode() + " " + r.body());
                } catch (ConnectException notYet) {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // polling interval
                }
            }
            HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
            answers.add(r.statusCode() + " " + r.body());
            for (String answer : answers) {
                assertTrue(answer.startsWith("200 "), "every answer is 200 once any comes: " + answers);
            }
            assertTrue(answers.get(answers.size() - 1).contains("\"stores\":{\"legacy\":\"ok\""), answers.toString());
        }
    }
}
