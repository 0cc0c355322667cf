package dev.notely.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.notely.store.Failures;
import dev.notely.store.StoreException;
import dev.notely.store.sql.StoreTypes;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.Driver;

/**
 * One PostgreSQL database opened the way the kit needs it: a connection pool (HikariCP) in front of the
 * server, the schema created on first use, and every failure reported as a {@link StoreException} naming
 * the database and what went wrong. Unlike a SQLite file, the server can go away and come back; the pool
 * replaces broken connections, so calls fail while it is gone and work again once it is back.
 */
final class PostgresDatabase implements AutoCloseable {

    /** Enough for a proxy's concurrent calls; two proxies and the backfill stay well under the server's 100. */
    static final int MAX_CONNECTIONS = 8;
    /** How long a call waits for a connection before failing, so a request to a dead server fails soon. */
    static final long CONNECTION_TIMEOUT_MILLIS = 3_000;
    /** How long opening a store waits for the server to let it in; a socket timeout alone would wait forever. */
    static final int LOGIN_TIMEOUT_SECONDS = 10;
    /**
     * How long a statement may wait for the server's answer: a server whose machine vanished sends nothing,
     * not even a refusal, and without this a call would hold its proxy's lock until TCP gives up (minutes),
     * long past the app's call timeout. A URL's own {@code socketTimeout} wins.
     */
    static final int SOCKET_TIMEOUT_SECONDS = 5;
    /**
     * Once a call waited in vain for a connection, how long the next calls fail at once instead of each waiting
     * {@link #CONNECTION_TIMEOUT_MILLIS} for a connection: a proxy runs its calls one at a time, and a queue of
     * such waits would outlast the app's call timeout, answering "timed out" instead of naming the store.
     * The pool keeps reconnecting in the background meanwhile; as soon as it holds a connection again, calls
     * go through, so the service resumes without waiting for this to pass.
     */
    static final long FAIL_FAST_MILLIS = 5_000;

    private static final String PREFIX = "jdbc:postgresql:";

    private final String description;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    /** The last time the server could not be reached, while calls fail fast; null while it can. */
    private volatile Outage outage;

    private record Outage(String cause, long untilNanos) {
    }

    private PostgresDatabase(String description, HikariDataSource pool, Jdbi jdbi) {
        this.description = description;
        this.pool = pool;
        this.jdbi = jdbi;
    }

    /** Whether {@code url} names a PostgreSQL database ({@code jdbc:postgresql:...}). */
    static boolean isPostgresUrl(String url) {
        return url.startsWith(PREFIX);
    }

    /**
     * The URL without its parameters, which carry the user and password: what error messages show.
     */
    static String redacted(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /**
     * Connects to the database at {@code url} and applies {@code schema} through a DAO of {@code daoType}.
     *
     * @param description what the database holds, for error messages ("note store 'new'")
     * @throws StoreException naming the database (without credentials) and the cause when the URL is not a
     *                        PostgreSQL one, or the server cannot be reached, refuses the login or the schema
     */
    static <D> PostgresDatabase open(String url, String description, String poolName, Class<D> daoType,
                                     Consumer<D> schema) {
        String label = description + " at " + redacted(url);
        if (!isPostgresUrl(url) || Driver.parseURL(url, null) == null) {
            throw new StoreException("cannot open " + label + ": not a PostgreSQL URL; expected "
                    + PREFIX + "//HOST:PORT/DATABASE?user=USER&password=PASSWORD");
        }
        // The schema goes through a connection of its own, before the pool exists: a server that is not
        // there, or refuses the login, fails the open here with the driver's own message.
        Properties defaults = new Properties();
        defaults.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
        try {
            configured(Jdbi.create(url, defaults)).useExtension(daoType, schema::accept);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open " + label + ": " + cause(e), e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setDriverClassName(Driver.class.getName());
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        // The server was just reached; should it be gone already, calls fail (and recover) as they would later.
        config.setInitializationFailTimeout(-1);
        HikariDataSource pool = new HikariDataSource(config);
        return new PostgresDatabase(label, pool, configured(Jdbi.create(pool)));
    }

    private static Jdbi configured(Jdbi jdbi) {
        return jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new StoreTypes());
    }

    /** A DAO whose every call takes a pooled connection for the call and gives it back. */
    <D> D onDemand(Class<D> daoType) {
        return jdbi.onDemand(daoType);
    }

    /**
     * Runs {@code call}, turning any failure into a {@link StoreException} naming this database; one that
     * could not reach the server says the store "is unavailable". While the server is known to be out of
     * reach (a call waited for a connection in vain) and the pool still holds none, fails at once (see
     * {@link #FAIL_FAST_MILLIS}).
     */
    <T> T call(Supplier<T> call) {
        Outage known = outage;
        if (known != null && System.nanoTime() - known.untilNanos() < 0
                && pool.getHikariPoolMXBean().getTotalConnections() == 0) {
            throw new StoreException(description + " is unavailable: " + known.cause());
        }
        try {
            T result = call.get();
            if (known != null) {
                outage = null;
            }
            return result;
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            String cause = cause(e);
            if (!unreachable(e)) {
                throw new StoreException(description + ": " + cause, e);
            }
            if (noConnection(e)) {
                // Not a connection that broke (the pool replaces those at once), but no connection to be had.
                outage = new Outage(cause, System.nanoTime() + FAIL_FAST_MILLIS * 1_000_000);
            }
            throw new StoreException(description + " is unavailable: " + cause, e);
        }
    }

    /** Whether {@code e} is the pool giving up waiting for a connection: the server cannot be reached at all. */
    static boolean noConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} says the server could not be reached or went away (SQL states of class 08, connection
     * exception, and 57P, the server shutting down or starting), rather than that a statement failed.
     */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What went wrong, in the driver's words: the innermost SQL error's message (the pool wraps the
     * driver's "Connection to ... refused" in one of its own), else the innermost cause's.
     */
    static String cause(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message != null ? message : Failures.rootMessage(e);
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
