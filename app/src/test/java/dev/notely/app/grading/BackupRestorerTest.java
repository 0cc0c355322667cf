package dev.notely.app.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --restore}: the newest backup back into proxy/, what was there kept first, the others listed. */
class BackupRestorerTest {

    @TempDir
    Path kit;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path proxyFile() {
        return kit.resolve("proxy").resolve(StageInstaller.ROUTER_FILE);
    }

    private Path backups() {
        return kit.resolve(".data/proxy-backups");
    }

    private int restore() {
        return new BackupRestorer(kit, backups()).restore(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private long backupCount() throws Exception {
        try (Stream<Path> files = Files.list(backups())) {
            return files.count();
        }
    }

    @Test
    void theNewestBackupComesBackAndNothingIsLost() throws Exception {
        Files.createDirectories(backups());
        Files.writeString(backups().resolve("DataProxy-20261201-090000-000.java"), "// older work");
        Files.writeString(backups().resolve("DataProxy-20261207-101500-000.java"), "// my exercise 1 work");
        Files.createDirectories(proxyFile().getParent());
        Files.writeString(proxyFile(), "// the complete stage");

        assertEquals(0, restore(), err.toString(StandardCharsets.UTF_8));
        assertEquals("// my exercise 1 work", Files.readString(proxyFile()));
        assertEquals(3, backupCount(), "what proxy/ held is a backup now");
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("what proxy/ held is saved as .data/proxy-backups/DataProxy-"), said);
        assertTrue(said.contains("proxy/ now holds .data/proxy-backups/DataProxy-20261207-101500-000.java"), said);
        assertTrue(said.contains("  .data/proxy-backups/DataProxy-20261201-090000-000.java"), said);
    }

    @Test
    void withoutBackupsItSaysSoInOneLine() {
        assertEquals(1, restore());
        assertEquals("notely: --restore: no backups in .data/proxy-backups (--use-stage keeps one each time it "
                + "replaces proxy/)\n", err.toString(StandardCharsets.UTF_8));
    }
}
