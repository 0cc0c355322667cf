package dev.notely.app.migration;

import dev.notely.app.AppProcess;
import dev.notely.app.data.DataDirLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verify} as a person runs it: the real app in a child JVM, its output and its exit code. */
class VerifyCommandTest {

    private static final Instant T0 = Instant.parse("2025-08-13T10:00:00Z");

    @TempDir
    Path tmp;

    /** A data folder with a migrating account whose note is in new, and a waiting one whose note is in legacy. */
    private Path dataWith(boolean leftBehind) {
        Path data = tmp.resolve("data");
        try (SqliteAccountStore accounts = SqliteAccountStore.open(data);
             SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
            Account moved = new Account(UUID.randomUUID(), "moved", true, null);
            Account waiting = new Account(UUID.randomUUID(), "waiting", false, null);
            accounts.createAccount(moved);
            accounts.createAccount(waiting);
            stores.open(NoteStores.NEW).createNote(moved.id(), new Note(UUID.randomUUID(), moved.id(), T0, T0, "moved"));
            stores.open(NoteStores.LEGACY).createNote(waiting.id(), new Note(UUID.randomUUID(), waiting.id(), T0, T0, "waits"));
            if (leftBehind) {
                stores.open(NoteStores.LEGACY).createNote(moved.id(),
                        new Note(UUID.fromString("00000000-0000-0000-0000-0000000000aa"), moved.id(), T0, T0, "left"));
            }
        }
        return data;
    }

    @Test
    void aCleanDataFolderExitsZero() throws Exception {
        Path data = dataWith(false);
        try (AppProcess verify = new AppProcess(data, "--verify")) {
            assertEquals(0, verify.awaitExit(), verify.text());
            assertTrue(verify.output.get(0).startsWith("Verified legacy, new in " + data + ": 2 accounts, 2 notes in "),
                    verify.text());
            assertEquals("  (no second.db in " + data + ": no notes there to compare)", verify.output.get(1));
            assertTrue(verify.text().contains("Clean: every note is where its account's mode says it belongs."), verify.text());
            assertFalse(verify.text().contains("Notely API on"), "the kit did not start: " + verify.text());
        }
        assertFalse(Files.exists(data.resolve(DataDirLock.FILE_NAME)), "no lock taken");
    }

    @Test
    void aNoteLeftBehindExitsOneAndIsNamed() throws Exception {
        Path data = dataWith(true);
        try (AppProcess verify = new AppProcess(data, "--verify")) {
            assertEquals(1, verify.awaitExit(), verify.text());
            assertTrue(verify.text().contains("1 note out of place in 1 account"), verify.text());
            assertTrue(verify.text().contains("note 00000000-0000-0000-0000-0000000000aa: in legacy, belongs in new"),
                    verify.text());
            assertTrue(verify.text().matches("(?s).*only in legacy\\s+1\\s+1.*"), verify.text());
        }
        try (AppProcess json = new AppProcess(data, "--verify", "--json")) {
            assertEquals(1, json.awaitExit(), json.text());
            JsonObject report = JsonParser.parseString(json.output.get(0)).getAsJsonObject();
            assertFalse(report.get("clean").getAsBoolean());
            assertEquals(1, report.getAsJsonObject("summary").get("notesUnexpected").getAsInt());
            assertEquals("00000000-0000-0000-0000-0000000000aa", report.getAsJsonArray("accounts").get(0).getAsJsonObject()
                    .getAsJsonArray("differences").get(0).getAsJsonObject().get("noteId").getAsString());
        }
    }

    @Test
    void aFolderThatIsNotAKitsExitsTwoSayingSo() throws Exception {
        try (AppProcess missing = new AppProcess(tmp.resolve("nowhere"), "--verify")) {
            assertEquals(2, missing.awaitExit(), missing.text());
            assertTrue(missing.text().contains("notely: --verify: " + tmp.resolve("nowhere") + " is not a folder"),
                    missing.text());
        }
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (AppProcess notKit = new AppProcess(empty, "--verify")) {
            assertEquals(2, notKit.awaitExit(), notKit.text());
            assertTrue(notKit.text().contains("holds no accounts.db"), notKit.text());
        }
        assertFalse(Files.exists(empty.resolve("accounts.db")), "nothing created in a folder that is not a kit's");
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("accounts.db"), "not a database");
        try (AppProcess unreadable = new AppProcess(broken, "--verify")) {
            assertEquals(2, unreadable.awaitExit(), unreadable.text());
            assertTrue(unreadable.text().contains("notely: --verify: cannot read the stores: "), unreadable.text());
            assertFalse(unreadable.text().contains("\tat "), "no stack trace: " + unreadable.text());
        }
    }

    @Test
    void aFolderItMayNotWriteIsReadAndLeftExactlyAsItWas() throws Exception {
        Path data = dataWith(false);
        org.junit.jupiter.api.Assumptions.assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"));
        java.util.Map<String, String> before = listing(data);
        var readOnly = java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--");
        try (var files = Files.list(data)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, readOnly);
            }
        }
        Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try (AppProcess verify = new AppProcess(data, "--verify")) {
            assertEquals(0, verify.awaitExit(), verify.text());
            assertTrue(verify.text().contains("Clean: "), verify.text());
            assertFalse(verify.text().contains("--clean"), "never suggests wiping what it was asked to read: " + verify.text());
        } finally {
            Files.setPosixFilePermissions(data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(before, listing(data));
    }

    /** Each file of the folder with its size and last change. */
    private static java.util.Map<String, String> listing(Path dir) throws java.io.IOException {
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        try (var listed = Files.list(dir)) {
            for (Path f : listed.toList()) {
                files.put(f.getFileName().toString(), Files.size(f) + " " + Files.getLastModifiedTime(f));
            }
        }
        return files;
    }

    @Test
    void itRunsBesideAKitUsingTheSameFolder() throws Exception {
        Path data = dataWith(false);
        try (AppProcess kit = new AppProcess(data, "--headless", "--port", "0")) {
            kit.awaitApiPort();
            try (AppProcess verify = new AppProcess(data, "--verify")) {
                assertEquals(0, verify.awaitExit(), verify.text());
                assertTrue(verify.text().contains("2 accounts, 2 notes"), verify.text());
            }
            assertTrue(kit.process.isAlive(), "the kit keeps running: " + kit.text());
        }
    }
}
