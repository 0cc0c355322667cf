package dev.notely.app;

import dev.notely.app.data.StoreRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.notely.api.client.NotelyClient;
import dev.notely.store.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §17: other users of the machine read nothing of the attendee's: the data folder is 0700 and its files
 * 0600, a store password can stay off the command line, and the folder remembers where its stores live so
 * that {@code --verify} cannot call stores it never read clean.
 */
class PrivateDataTest {

    @RegisterExtension
    final TestPostgres server = new TestPostgres();

    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theDataFolderIs0700AndEveryFileInIt0600WhileTheKitRuns() throws Exception {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file modes only");
        Path data = tmp.resolve("data");
        try (AppProcess kit = new AppProcess(data, "--headless", "--port", "0")) {
            int port = kit.awaitApiPort();
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                var ada = client.createAccount("Ada");
                client.createNote(ada.id(), UUID.randomUUID(), "private", Instant.parse("2025-08-13T10:00:00Z"));
            }
            assertEquals("rwx------", mode(data));
            List<Path> files;
            try (Stream<Path> listed = Files.list(data)) {
                files = listed.filter(Files::isRegularFile).toList();
            }
            assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("legacy.db-wal")), files.toString());
            for (Path file : files) {
                assertEquals("rw-------", mode(file), file.toString());
            }
        }
    }

    @Test
    void aPasswordOnTheCommandLineWorksWithOneWarningAndIsNeverWrittenDown() throws Exception {
        String url = server.url();
        assumeTrue(url.contains("password="), "the test server's URL carries its password");
        Path data = tmp.resolve("data");
        try (AppProcess kit = new AppProcess(data, "--headless", "--port", "0", "--store", "new=" + url)) {
            kit.awaitApiPort();
            List<String> warnings = kit.output.stream().filter(l -> l.contains("a password in --store")).toList();
            assertEquals(1, warnings.size(), kit.text());
            assertTrue(warnings.get(0).contains("NOTELY_STORE_NEW_PASSWORD or ~/.pgpass"), warnings.get(0));
        }
        String record = Files.readString(data.resolve(StoreRecord.FILE_NAME));
        assertTrue(record.contains("new=" + StoreRecord.withoutPassword(url)), record);
        assertFalse(record.toLowerCase().contains("password"), record);
    }

    @Test
    void aPasswordFromTheEnvironmentNeedsNoneOnTheCommandLine() throws Exception {
        String url = server.url();
        String password = StoreRecord.password(url).orElse(null);
        assumeTrue(password != null, "the test server's URL carries its password");
        String bare = StoreRecord.withoutPassword(url);
        try (AppProcess kit = new AppProcess(Map.of("NOTELY_STORE_NEW_PASSWORD", password), tmp.resolve("data"),
                "--headless", "--port", "0", "--store", "new=" + bare)) {
            int port = kit.awaitApiPort();
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                assertTrue(client.healthy(), kit.text());
            }
            assertFalse(kit.text().contains("a password in --store"), kit.text());
        }
    }

    @Test
    void verifyWithoutTheStoreOfAFolderWhoseNewStoreIsOnPostgresExitsTwoSayingWhichToPass() throws Exception {
        String url = server.url();
        Path data = tmp.resolve("data");
        try (AppProcess kit = new AppProcess(data, "--headless", "--port", "0", "--store", "new=" + url)) {
            kit.awaitApiPort();
            kit.process.toHandle().destroy();
            assertEquals(0, kit.awaitExit(), kit.text());
        }
        try (AppProcess verify = new AppProcess(data, "--verify")) {
            assertEquals(2, verify.awaitExit(), verify.text());
            assertTrue(verify.text().contains("note store 'new' of " + data + " lives on PostgreSQL"), verify.text());
            assertTrue(verify.text().contains("pass --store new=" + StoreRecord.withoutPassword(url)), verify.text());
            assertFalse(verify.text().contains("Clean"), verify.text());
        }
        try (AppProcess verify = new AppProcess(data, "--verify", "--store", "new=" + url)) {
            assertEquals(0, verify.awaitExit(), verify.text());
        }
    }
}
