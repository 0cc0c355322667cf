package dev.notely.app;

import dev.notely.store.NoteStores;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kit's own files in a data folder, and nothing else: the databases it creates ({@code accounts.db}
 * and one per note store) with their WAL, shared-memory and journal files, and the version folders it
 * compiles into ({@code deployments/v<N>}). {@code --clean} and each start touch only these, never by
 * following a link, so a mistyped {@code --data-dir} can never wipe anybody's files.
 */
final class DataFiles {

    static final String DEPLOYMENTS = "deployments";
    static final String ACCOUNTS_DB = "accounts.db";
    private static final List<String> DATABASE_SUFFIXES = List.of("", "-wal", "-shm", "-journal");
    private static final Pattern VERSION_FOLDER = Pattern.compile("v\\d+");

    private static final Logger log = LoggerFactory.getLogger(DataFiles.class);

    private DataFiles() {
    }

    /** {@code --clean}: removes the kit's databases and compiled versions. */
    static void clean(Path dataDir) {
        if (!Files.isDirectory(dataDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int removed = 0;
        try {
            for (Path file : databaseFiles(dataDir)) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(file);
                    removed++;
                } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    log.warn("--clean: left {} alone: it is not a plain file the kit made", file);
                }
            }
            removed += clearDeployments(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("--clean could not empty " + dataDir + ": " + e.getMessage(), e);
        }
        log.info("--clean: removed {} data files from {}", removed, dataDir);
    }

    /** Removes the version folders of earlier runs ({@code deployments/v<N>}); anything else there stays. */
    static int clearDeployments(Path dataDir) throws IOException {
        Path deployments = dataDir.resolve(DEPLOYMENTS);
        if (!Files.isDirectory(deployments, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(deployments)) {
            for (Path entry : entries) {
                if (VERSION_FOLDER.matcher(entry.getFileName().toString()).matches()
                        && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    Folders.deleteRecursively(entry);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Every database file name the kit may create in {@code dataDir}, whether it exists or not. */
    static List<Path> databaseFiles(Path dataDir) {
        List<String> databases = new ArrayList<>();
        databases.add(ACCOUNTS_DB);
        NoteStores.NAMES.forEach(name -> databases.add(name + ".db"));
        List<Path> files = new ArrayList<>();
        for (String db : databases) {
            for (String suffix : DATABASE_SUFFIXES) {
                files.add(dataDir.resolve(db + suffix));
            }
        }
        return files;
    }
}
