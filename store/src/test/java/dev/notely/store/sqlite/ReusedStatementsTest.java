package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements prepared once per connection and handed out again, within limits. */
class ReusedStatementsTest {

    private static final String SQL = "SELECT 1";

    @TempDir
    Path dir;

    @Test
    void aStatementIsPreparedOnceAndClosedWithItsHandle() throws SQLException {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("reuse.db"))
                .setStatementBuilderFactory(connection -> new ReusedStatements());
        PreparedStatement kept;
        try (Handle handle = jdbi.open()) {
            assertEquals(1, handle.createQuery(SQL).mapTo(Integer.class).one());
            ReusedStatements statements = (ReusedStatements) handle.getStatementBuilder();
            Connection connection = handle.getConnection();
            StatementContext context = handle.createQuery(SQL).getContext();

            kept = statements.create(connection, SQL, context);
            PreparedStatement meanwhile = statements.create(connection, SQL, context);
            assertNotSame(kept, meanwhile, "a statement still in use is not handed out twice");
            statements.close(connection, SQL, meanwhile);
            assertTrue(meanwhile.isClosed(), "the extra statement is closed after use");

            statements.close(connection, SQL, kept);
            assertFalse(kept.isClosed(), "the kept statement outlives its use");
            assertSame(kept, statements.create(connection, SQL, context));
            statements.close(connection, SQL, kept);
            assertEquals(1, handle.createQuery(SQL).mapTo(Integer.class).one(), "and still runs");
        }
        assertTrue(kept.isClosed(), "kept statements are closed with the handle");
    }

    @Test
    void beyondTheLimitStatementsArePreparedPerUseAndClosedAfter() throws SQLException {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("reuse.db"))
                .setStatementBuilderFactory(connection -> new ReusedStatements());
        try (Handle handle = jdbi.open()) {
            ReusedStatements statements = (ReusedStatements) handle.getStatementBuilder();
            Connection connection = handle.getConnection();
            StatementContext context = handle.createQuery(SQL).getContext();
            PreparedStatement first = null;
            for (int i = 1; i <= ReusedStatements.MAX_KEPT; i++) {
                PreparedStatement kept = statements.create(connection, "SELECT " + i, context);
                statements.close(connection, "SELECT " + i, kept);
                assertFalse(kept.isClosed(), "statement " + i + " is kept");
                first = first == null ? kept : first;
            }
            String oneMore = "SELECT " + (ReusedStatements.MAX_KEPT + 1);
            PreparedStatement extra = statements.create(connection, oneMore, context);
            statements.close(connection, oneMore, extra);
            assertTrue(extra.isClosed(), "past the limit a statement is closed after use");
            assertSame(first, statements.create(connection, "SELECT 1", context), "the kept ones are still handed out");
        }
    }

    @Test
    void anInsertAnsweringItsGeneratedKeyIsPreparedAfreshEachTime() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("reuse.db"))
                .setStatementBuilderFactory(connection -> new ReusedStatements());
        try (Handle handle = jdbi.open()) {
            handle.execute("CREATE TABLE numbered (id INTEGER PRIMARY KEY, v TEXT)");
            for (long expected = 1; expected <= 3; expected++) {
                assertEquals(expected, handle.createUpdate("INSERT INTO numbered (v) VALUES ('x')")
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            }
        }
    }
}
