package dev.notely.app.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds a data folder for one running kit: an operating-system lock on {@code notely.lock} in the folder,
 * which the system releases however the kit ends, {@code kill -9} included. The file says which process
 * holds it and on which port, so a second kit (or a {@code --clean}) on the same folder is refused with a
 * line naming them, instead of deleting files the first one has open.
 */
public final class DataDirLock implements AutoCloseable {

    public static final String FILE_NAME = "notely.lock";
    /** The lock covers one byte far past the text, so the text stays readable on systems with mandatory locks. */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} for this process.
     *
     * @throws IllegalStateException naming the process that holds it, or why the folder cannot be locked
     */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the data folder " + dataDir + ": " + e.getMessage()
                    + "; check it is writable, or choose another with --data-dir", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock(LOCK_POSITION, 1, false);
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException e) {
            close(channel);
            throw new IllegalStateException("cannot lock the data folder " + dataDir + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new IllegalStateException("the data folder " + dataDir + " is in use by another running kit ("
                    + holder + "): stop that kit first, or start this one with another --data-dir");
        }
        DataDirLock held = new DataDirLock(channel, lock);
        held.describe("pid " + ProcessHandle.current().pid() + ", starting");
        return held;
    }

    /** Says who holds the folder, for a kit that is refused: "pid 123, port 8080". */
    public void describe(String holder) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            // the lock still holds; a refused kit just cannot say who holds it
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // released by the system when the channel closes anyway
        }
        close(channel);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer text = ByteBuffer.allocate(256);
            int read = channel.read(text, 0);
            String said = read <= 0 ? "" : new String(text.array(), 0, read, StandardCharsets.UTF_8).strip();
            return said.isEmpty() ? "a process that has not said which" : said;
        } catch (IOException e) {
            return "a process that cannot be named: " + e.getMessage();
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
