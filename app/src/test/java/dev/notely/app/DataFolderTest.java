package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.client.NotelyClient;
import dev.notely.store.Account;
import dev.notely.store.Note;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data folder belongs to one running kit: a second one is refused, and nothing of the first is touched. */
class DataFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondKitOnTheSameFolderIsRefusedEvenWithCleanAndTheFirstLosesNothing() throws Exception {
        Path data = tmp.resolve("data");
        Account account;
        Note note;
        long firstPid;
        try (AppProcess first = new AppProcess(data, "--headless", "--port", "0")) {
            int port = first.awaitApiPort();
            firstPid = first.process.pid();
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                account = client.createAccount("Ada");
                note = client.createNote(account.id(), UUID.randomUUID(), "kept", Instant.parse("2025-08-13T10:00:00Z"));
            }
            List<String> files = List.of("accounts.db", "legacy.db");
            try (AppProcess second = new AppProcess(data, "--headless", "--port", "0", "--clean")) {
                assertEquals(1, second.awaitExit(), second.text());
                assertTrue(second.text().contains("is in use by another running kit (pid " + firstPid
                        + ", API on http://127.0.0.1:" + port + ")"), second.text());
                assertFalse(second.text().contains("--clean: removed"), "nothing was deleted: " + second.text());
                assertFalse(second.text().contains("Exception"), "no stack trace: " + second.text());
            }
            for (String file : files) {
                assertTrue(Files.exists(data.resolve(file)), file + " is still there");
            }
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                assertEquals(Optional.of(note), client.getNote(account.id(), note.id()), "the first kit still serves its note");
            }
            // kill -9: no shutdown hook runs, and the system still releases the folder.
            first.close();
            Await.until(Duration.ofSeconds(10), "the first kit to be gone",
                    () -> ProcessHandle.of(firstPid).map(p -> !p.isAlive()).orElse(true));
        }
        try (AppProcess third = new AppProcess(data, "--headless", "--port", "0")) {
            int port = third.awaitApiPort();
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                assertEquals(Optional.of(note), client.getNote(account.id(), note.id()), "nothing was lost");
            }
        }
    }
}
