package dev.notely.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --clean} and each start remove the kit's own files only, and follow no link. */
class DataFilesTest {

    @TempDir
    Path tmp;

    @Test
    void cleanRemovesTheKitsDatabasesAndVersionsAndNothingElse() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        for (String kitFile : new String[] {"accounts.db", "legacy.db", "legacy.db-wal", "legacy.db-shm", "second.db-journal"}) {
            Files.writeString(data.resolve(kitFile), "kit");
        }
        Path photos = Files.writeString(data.resolve("family-photos.db"), "precious");
        Path photosWal = Files.writeString(data.resolve("family-photos.db-wal"), "precious");
        Path linkedTarget = Files.writeString(elsewhere.resolve("important.db"), "precious");
        Path link = Files.createSymbolicLink(data.resolve("new.db"), linkedTarget);
        Path v1 = Files.createDirectories(data.resolve("deployments/v1/dev/notely/proxy"));
        Files.writeString(v1.resolve("DataProxy.class"), "bytes");
        Path notes = Files.writeString(Files.createDirectories(data.resolve("deployments/my-notes")).resolve("todo.txt"), "mine");
        Path linkedFolder = Files.createDirectories(elsewhere.resolve("folder"));
        Files.writeString(linkedFolder.resolve("keep.txt"), "precious");
        Path linkedVersion = Files.createSymbolicLink(data.resolve("deployments/v2"), linkedFolder);

        DataFiles.clean(data);

        for (String kitFile : new String[] {"accounts.db", "legacy.db", "legacy.db-wal", "legacy.db-shm", "second.db-journal"}) {
            assertFalse(Files.exists(data.resolve(kitFile)), kitFile + " is the kit's: removed");
        }
        assertFalse(Files.exists(data.resolve("deployments/v1")), "a compiled version is the kit's: removed");
        assertTrue(Files.exists(photos) && Files.exists(photosWal), "a database the kit did not make stays");
        assertTrue(Files.isSymbolicLink(link) && Files.readString(linkedTarget).equals("precious"),
                "a link named like a store stays, and so does what it points to");
        assertTrue(Files.exists(notes), "other things in deployments/ stay");
        assertTrue(Files.exists(linkedVersion, LinkOption.NOFOLLOW_LINKS) && Files.exists(linkedFolder.resolve("keep.txt")),
                "a link named like a version is not followed");
    }

    @Test
    void onWindowsAFileInUseSaysWhatToDo() {
        java.io.IOException inUse = new java.nio.file.FileSystemException("C:\\kit\\.data\\legacy.db", null,
                "The process cannot access the file because it is being used by another process");
        assertTrue(DataFiles.inUseHint(inUse, true).contains("stop the other kit, or close the editor holding it"));
        assertEquals("", DataFiles.inUseHint(inUse, false), "elsewhere an open file can be deleted: no such hint");
        assertEquals("", DataFiles.inUseHint(new java.nio.file.NoSuchFileException("x"), true));
    }
}
