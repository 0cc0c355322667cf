package dev.notely.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Prepares each of a connection's statements once and hands it out again on later calls: for a point
 * read, preparing the statement costs about as much as running it. A pooled handle lives as long as its
 * connection, and so do these statements; they are closed with the handle.
 *
 * <p>sqlite-jdbc resets a statement when its result set is closed and when its update has run, so a
 * statement kept here holds no read snapshot between calls. When the same SQL is asked for while its
 * statement is still in use, a fresh statement is prepared and closed after use as usual.
 */
final class ReusedStatements extends DefaultStatementBuilder {

    /** More distinct statements than any DAO of the kit has; beyond it, statements are prepared per use. */
    static final int MAX_KEPT = 32;

    private final Map<String, PreparedStatement> kept = new HashMap<>();
    private final Set<Statement> inUse = Collections.newSetFromMap(new IdentityHashMap<>());

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
        if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
            return super.create(connection, sql, context);
        }
        PreparedStatement statement = kept.get(sql);
        if (statement == null && kept.size() < MAX_KEPT) {
            statement = super.create(connection, sql, context);
            kept.put(sql, statement);
        }
        if (statement != null && inUse.add(statement)) {
            return statement;
        }
        return super.create(connection, sql, context);
    }

    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
        if (!inUse.remove(statement)) {
            super.close(connection, sql, statement);
        }
    }

    @Override
    public void close(Connection connection) {
        for (PreparedStatement statement : kept.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection is being closed anyway, which releases the statement with it
            }
        }
        kept.clear();
        inUse.clear();
    }
}
