package dev.notely.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteConfig;

/**
 * Keeps a few open SQLite connections for reuse: opening a connection (and applying its pragmas) costs
 * far more than a point query. Connections beyond the idle limit are simply closed when returned.
 */
final class ConnectionPool implements ConnectionFactory, AutoCloseable {

    private static final int MAX_IDLE = 8;

    private final String url;
    private final SQLiteConfig config;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ConnectionPool(String url, SQLiteConfig config) {
        this.url = url;
        this.config = config;
    }

    @Override
    public Connection openConnection() throws SQLException {
        synchronized (idle) {
            if (closed) {
                throw new SQLException("database " + url + " is closed");
            }
            Connection pooled = idle.pollFirst();
            if (pooled != null) {
                return pooled;
            }
        }
        return config.createConnection(url);
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(connection);
                return;
            }
        }
        connection.close();
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            for (Connection connection : idle) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing anyway; nothing useful to do with the failure
                }
            }
            idle.clear();
        }
    }
}
