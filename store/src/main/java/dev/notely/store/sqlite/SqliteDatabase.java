package dev.notely.store.sqlite;

import dev.notely.store.Failures;
import dev.notely.store.StoreException;
import dev.notely.store.sql.StoreTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite file opened the way the kit needs it: WAL so readers never block the writer,
 * {@code synchronous=FULL} so an acknowledged write survives a crash, a busy timeout plus
 * {@link BusyRetry} because two data-proxy processes write the same files during a rollout.
 *
 * @param <D> the DAO of the file's table, attached once per pooled connection
 */
final class SqliteDatabase<D> implements AutoCloseable {

    static final int BUSY_TIMEOUT_MILLIS = 2_000;

    private final String description;
    private final HandlePool<D> pool;
    private final BusyRetry retry;

    private SqliteDatabase(String description, HandlePool<D> pool) {
        this.description = description;
        this.pool = pool;
        this.retry = new BusyRetry(description);
    }

    /**
     * Opens (creating if needed) the database file and applies {@code schema}.
     *
     * @param description what the file is, for error messages ("note store 'legacy'")
     * @throws StoreException naming the path and the cause when the file cannot be opened
     */
    static <D> SqliteDatabase<D> open(Path file, String description, Class<D> daoType, Consumer<D> schema) {
        return open(file, description, true, daoType, jdbi -> { }, schema);
    }

    /**
     * As {@link #open(Path, String, Class, Consumer)}; unless {@code synced}, commits skip the fsync
     * ({@code synchronous=OFF}): for throwaway stores only, where a crash may lose what they hold.
     * {@code configure} is applied to the JDBI before its first handle is opened; handles keep the
     * configuration they were opened with.
     */
    static <D> SqliteDatabase<D> open(Path file, String description, boolean synced, Class<D> daoType,
                                      Consumer<Jdbi> configure, Consumer<D> schema) {
        Path absolute = file.toAbsolutePath().normalize();
        String label = description + " at " + absolute;
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot open " + label + ": cannot create folder " + absolute.getParent()
                    + " (" + e + "). Check the data directory is writable, or choose another with --data-dir.", e);
        }
        String url = "jdbc:sqlite:" + absolute;
        SQLiteConfig config = connectionConfig(synced);
        Jdbi jdbi = Jdbi.create(() -> config.createConnection(url)).installPlugin(new SqlObjectPlugin())
                .installPlugin(new StoreTypes())
                .setStatementBuilderFactory(connection -> new ReusedStatements());
        configure.accept(jdbi);
        HandlePool<D> pool = new HandlePool<>(jdbi, daoType, label);
        SqliteDatabase<D> db = new SqliteDatabase<>(label, pool);
        try {
            db.call(dao -> {
                schema.accept(dao);
                return null;
            });
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot open " + label + ": " + Failures.rootMessage(e)
                    + ". Check the file is a SQLite database and the folder is writable, or start with --clean.", e);
        }
        return db;
    }

    /**
     * Opens an existing database file only to read it: nothing is created, migrated or written, so a folder
     * the kit may not write (a copy, a read-only mount) can still be read. Without a WAL file beside it no
     * connection has the file open (the kit's connections always keep one), and SQLite is told so
     * ({@code immutable}): it then makes no WAL or shared-memory file of its own, which a read-only
     * connection could not remove again. With one, a kit may be writing, or stopped without tidying up, and
     * what the WAL holds is read through it.
     *
     * @throws StoreException naming the path and the cause when the file cannot be read
     */
    static <D> SqliteDatabase<D> openReadOnly(Path file, String description, Class<D> daoType) {
        Path absolute = file.toAbsolutePath().normalize();
        String label = description + " at " + absolute;
        boolean inUse = Files.exists(absolute.resolveSibling(absolute.getFileName() + "-wal"));
        String url = "jdbc:sqlite:" + absolute.toUri() + (inUse ? "?mode=ro" : "?mode=ro&immutable=1");
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Jdbi jdbi = Jdbi.create(() -> config.createConnection(url)).installPlugin(new SqlObjectPlugin())
                .installPlugin(new StoreTypes())
                .setStatementBuilderFactory(connection -> new ReusedStatements());
        HandlePool<D> pool = new HandlePool<>(jdbi, daoType, label);
        return new SqliteDatabase<>(label, pool);
    }

    /** The pragmas every connection to a kit database is opened with. */
    static SQLiteConfig connectionConfig(boolean synced) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synced ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.OFF);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        return config;
    }

    /**
     * Runs {@code work}, each statement committed on its own, retrying while another connection holds the
     * lock.
     *
     * @throws StoreException naming this database and the cause, whatever went wrong
     */
    <T> T call(Function<D, T> work) {
        return translated(() -> retry.call(() -> pool.withDao(work)));
    }

    /** Runs {@code work} as one transaction, retried as a whole while another connection holds the lock. */
    <T> T inTransaction(Function<D, T> work) {
        return translated(() -> retry.call(() -> pool.inTransaction(work)));
    }

    private <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(description + ": " + Failures.rootMessage(e), e);
        }
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
