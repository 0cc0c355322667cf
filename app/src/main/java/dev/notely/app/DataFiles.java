package dev.notely.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --clean}: removes the kit's own files from the data folder (the SQLite databases with their
 * WAL files, and compiled deployments) and nothing else, so a mistyped {@code --data-dir} can never
 * wipe a folder that holds anything but kit data.
 */
final class DataFiles {

    private static final Logger log = LoggerFactory.getLogger(DataFiles.class);

    private DataFiles() {
    }

    static void clean(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".db") || name.endsWith(".db-wal") || name.endsWith(".db-shm")
                        || name.endsWith(".db-journal")) {
                    Files.delete(entry);
                    removed++;
                } else if (name.equals("deployments") && Files.isDirectory(entry)) {
                    Folders.deleteRecursively(entry);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("--clean could not empty " + dataDir + ": " + e.getMessage(), e);
        }
        log.info("--clean: removed {} data files from {}", removed, dataDir);
    }
}
