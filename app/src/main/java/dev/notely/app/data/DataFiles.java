package dev.notely.app.data;

import dev.notely.store.NoteStores;
import dev.notely.store.StoreServers;
import dev.notely.store.sqlite.SqliteFileCheck;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kit's own files in a data folder, and nothing else: the databases it creates ({@code accounts.db}
 * and one per note store) with their WAL, shared-memory and journal files, and the version folders it
 * compiles into ({@code deployments/v<N>}). {@code --clean} and each start touch only these, never by
 * following a link, so a mistyped {@code --data-dir} can never wipe anybody's files.
 */
public final class DataFiles {

    public static final String DEPLOYMENTS = "deployments";
    static final String ACCOUNTS_DB = "accounts.db";
    private static final List<String> DATABASE_SUFFIXES = List.of("", "-wal", "-shm", "-journal");
    private static final Pattern VERSION_FOLDER = Pattern.compile("v\\d+");

    private static final Logger log = LoggerFactory.getLogger(DataFiles.class);

    private DataFiles() {
    }

    /** {@code --clean}: removes the kit's databases and compiled versions. */
    public static void clean(Path dataDir) {
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
            throw new IllegalStateException("--clean could not empty " + dataDir + ": " + e.getMessage()
                    + inUseHint(e), e);
        }
        log.info("--clean: removed {} data files from {}", removed, dataDir);
    }

    /** Removes the version folders of earlier runs ({@code deployments/v<N>}); anything else there stays. */
    public static int clearDeployments(Path dataDir) throws IOException {
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

    /**
     * What to do when a file could not be deleted or replaced because a program has it open: Windows
     * refuses that (Linux and macOS allow it), and its own message does not say what to do.
     */
    public static String inUseHint(IOException e) {
        return inUseHint(e, System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    public static String inUseHint(IOException e, boolean windows) {
        boolean refused = e instanceof FileSystemException && !(e instanceof NoSuchFileException);
        return windows && refused ? " (Windows will not delete or replace a file a program has open: stop the other "
                + "kit, or close the editor holding it, and try again)" : "";
    }

    /**
     * Stops the start when one of the folder's databases cannot be read (SPEC §17): the kit would otherwise
     * serve, then fail on some requests, or blame the proxy's code. Stores on a server ({@code --store})
     * have no file here.
     *
     * @throws IllegalStateException in one line naming the file, what is wrong and what to do
     */
    public static void requireReadable(Path dataDir, StoreServers servers) {
        List<String> files = new ArrayList<>();
        files.add(ACCOUNTS_DB);
        NoteStores.NAMES.stream().filter(name -> servers.url(name).isEmpty()).forEach(name -> files.add(name + ".db"));
        for (String name : files) {
            Path file = dataDir.resolve(name);
            SqliteFileCheck.problem(file).ifPresent(problem -> {
                throw new IllegalStateException(file + " is not a readable SQLite database (" + problem + "): "
                        + "restore it from a copy, or start with --clean to begin again with empty stores");
            });
        }
    }

    /**
     * On POSIX systems, makes the folder {@code 0700} and the kit's files {@code 0600} (SPEC §17): other users
     * of a shared machine read no notes. Each note store's file is made here, empty (an empty file is an empty
     * SQLite database), so that SQLite gives its WAL and shared-memory files the same mode when it makes them.
     *
     * @throws IllegalStateException when the modes cannot be set, saying what to do
     */
    public static void ownerOnlyFolder(Path dataDir, StoreServers servers) {
        if (!posix(dataDir)) {
            return; // Windows: the user's profile folder already keeps other users out
        }
        try {
            ownerOnly(dataDir);
            List<Path> files = new ArrayList<>();
            files.add(dataDir.resolve(ACCOUNTS_DB));
            NoteStores.NAMES.stream().filter(name -> servers.url(name).isEmpty())
                    .forEach(name -> files.add(dataDir.resolve(name + ".db")));
            for (Path file : files) {
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir)) {
                for (Path entry : entries) {
                    ownerOnly(entry);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep " + dataDir + " to yourself (" + e.getMessage() + "): make it "
                    + "yours (chown), or choose another folder with --data-dir", e);
        }
    }

    /** {@code rw-------} for a plain file, {@code rwx------} for a folder; links are left alone. */
    static void ownerOnly(Path path) throws IOException {
        if (!posix(path) || Files.isSymbolicLink(path)) {
            return;
        }
        boolean folder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> wanted = PosixFilePermissions.fromString(folder ? "rwx------" : "rw-------");
        if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
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
