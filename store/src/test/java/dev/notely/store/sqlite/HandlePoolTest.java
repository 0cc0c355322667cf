package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handles kept for reuse: given back and used again, a few idle at most, closed after a failure and with the pool. */
class HandlePoolTest {

    /** How many idle handles the pool keeps. */
    private static final int MAX_IDLE = 8;

    @TempDir
    Path dir;

    private final List<Connection> connections = new ArrayList<>();
    private Jdbi jdbi;

    interface Probe extends SqlObject {
        @SqlQuery("SELECT 1")
        int one();

        @SqlUpdate("CREATE TABLE IF NOT EXISTS kept (v INTEGER)")
        void createTable();

        @SqlUpdate("INSERT INTO kept VALUES (1)")
        void insert();

        @SqlQuery("SELECT count(*) FROM kept")
        int count();
    }

    /** Not a DAO JDBI can attach: a method that is neither a statement nor a default method. */
    interface Broken {
        int notAStatement();
    }

    @BeforeEach
    void countConnections() {
        String url = "jdbc:sqlite:" + dir.resolve("pool.db");
        jdbi = Jdbi.create(() -> {
            Connection c = DriverManager.getConnection(url);
            connections.add(c);
            return c;
        }).installPlugin(new SqlObjectPlugin());
    }

    private HandlePool<Probe> pool() {
        return new HandlePool<>(jdbi, Probe.class, "the pool's database");
    }

    private long stillOpen() {
        return connections.stream().filter(c -> {
            try {
                return !c.isClosed();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void aHandleGivenBackServesTheNextCallAndIsClosedWithThePool() {
        HandlePool<Probe> pool = pool();
        assertEquals(1, pool.withDao(Probe::one));
        assertEquals(1, pool.inTransaction(Probe::one));
        assertEquals(1, pool.withDao(Probe::one));
        assertEquals(1, connections.size(), "one connection served every call");
        assertEquals(1, stillOpen(), "kept open between calls");
        pool.close();
        assertEquals(0, stillOpen());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.withDao(Probe::one));
        assertEquals("the pool's database is closed", e.getMessage());
    }

    @Test
    void beyondTheIdleLimitHandlesGivenBackAreClosed() {
        HandlePool<Probe> pool = pool();
        int busy = MAX_IDLE + 2;
        assertEquals(1, nested(pool, busy), "calls inside calls each borrow a handle of their own");
        assertEquals(busy, connections.size());
        assertEquals(MAX_IDLE, stillOpen(), "the pool keeps " + MAX_IDLE + " and closes the rest");
        for (int i = 0; i < busy; i++) {
            pool.withDao(Probe::one);
        }
        assertEquals(busy, connections.size(), "the kept handles serve the calls that follow");
        pool.close();
        assertEquals(0, stillOpen());
    }

    private static int nested(HandlePool<Probe> pool, int depth) {
        return pool.withDao(dao -> depth == 1 ? dao.one() : nested(pool, depth - 1));
    }

    @Test
    void aCallThatFailsClosesItsConnectionAndTheNextCallGetsAFreshOne() {
        HandlePool<Probe> pool = pool();
        IllegalStateException failure = new IllegalStateException("the statement failed");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> pool.withDao(dao -> {
            throw failure;
        })));
        assertEquals(0, stillOpen(), "the failed call's connection is not given back");
        assertEquals(1, pool.withDao(Probe::one));
        assertEquals(2, connections.size());
        pool.close();
    }

    @Test
    void aCallThatFailsWithATransactionLeftOpenIsRolledBackAndTheCloseFailureAttached() {
        HandlePool<Probe> pool = pool();
        pool.withDao(dao -> {
            dao.createTable();
            return null;
        });
        IllegalStateException failure = new IllegalStateException("failed mid-transaction");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> pool.withDao(dao -> {
            dao.getHandle().begin();
            dao.insert();
            throw failure;
        })));
        assertEquals(1, failure.getSuppressed().length, "closing a handle in a transaction fails, and says so");
        assertTrue(failure.getSuppressed()[0] instanceof TransactionException, failure.getSuppressed()[0].toString());
        assertEquals(0, pool.withDao(Probe::count), "the insert was rolled back");
        pool.close();
    }

    @Test
    void aCallThatEndsAfterThePoolClosedHasItsConnectionClosed() {
        HandlePool<Probe> pool = pool();
        int answer = pool.withDao(dao -> {
            pool.close();
            return dao.one();
        });
        assertEquals(1, answer, "the call itself runs to its end");
        assertEquals(0, stillOpen());
    }

    @Test
    void aDaoThatCannotBeAttachedLeavesNoConnectionOpen() {
        HandlePool<Broken> pool = new HandlePool<>(jdbi, Broken.class, "the pool's database");
        assertThrows(RuntimeException.class, () -> pool.withDao(Broken::notAStatement));
        assertEquals(1, connections.size());
        assertEquals(0, stillOpen());
    }
}
