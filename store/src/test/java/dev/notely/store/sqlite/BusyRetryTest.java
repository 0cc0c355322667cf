package dev.notely.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.StoreException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Retrying a call while another connection holds the lock: how often, and what the caller is told. */
class BusyRetryTest {

    private final BusyRetry retry = new BusyRetry("note store 'legacy'");
    private final AtomicInteger calls = new AtomicInteger();

    /** As JDBI reports it: SQLite's error wrapped in an unchecked exception. */
    private static RuntimeException sqliteError(SQLiteErrorCode code) {
        return new IllegalStateException("statement failed", new SQLiteException("[" + code.name() + "]", code));
    }

    /** Fails with SQLITE_BUSY {@code times} times, then answers. */
    private Supplier<String> busyFor(int times) {
        return () -> {
            if (calls.incrementAndGet() <= times) {
                throw sqliteError(SQLiteErrorCode.SQLITE_BUSY);
            }
            return "written";
        };
    }

    @Test
    void aLockReleasedWithinTheAttemptLimitIsWaitedOut() {
        assertEquals("written", retry.call(busyFor(BusyRetry.MAX_ATTEMPTS - 1)));
        assertEquals(BusyRetry.MAX_ATTEMPTS, calls.get());
    }

    @Test
    void aLockHeldPastTheAttemptLimitFailsWithAClearMessage() {
        StoreException e = assertThrows(StoreException.class, () -> retry.call(busyFor(BusyRetry.MAX_ATTEMPTS)));
        assertEquals("note store 'legacy' stayed locked by another connection after " + BusyRetry.MAX_ATTEMPTS
                + " attempts; is another process holding a long transaction on it?", e.getMessage());
        assertEquals(BusyRetry.MAX_ATTEMPTS, calls.get(), "no attempt beyond the limit");
        assertEquals(SQLiteErrorCode.SQLITE_BUSY, BusyRetry.sqliteCause(e).getResultCode(), "the cause is kept");
    }

    @Test
    void aCallerInterruptedWhileWaitingForALockStopsRetryingAndStaysInterrupted() {
        // A pause may be drawn as zero, which does not wait; the first that waits meets the interrupt.
        Thread.currentThread().interrupt();
        try {
            StoreException e = assertThrows(StoreException.class, () -> retry.call(busyFor(BusyRetry.MAX_ATTEMPTS)));
            assertEquals("interrupted while waiting for a database lock", e.getMessage());
            assertTrue(calls.get() < BusyRetry.MAX_ATTEMPTS, "gave up after " + calls.get() + " attempts");
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller to see");
        }
    }

    @Test
    void otherErrorsFailAtOnce() {
        RuntimeException constraint = sqliteError(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> retry.call(() -> {
            calls.incrementAndGet();
            throw constraint;
        }));
        assertSame(constraint, thrown);
        assertEquals(1, calls.get());
    }

    @Test
    void busyAndLockedInAllTheirFormsCountAsBusy() {
        for (SQLiteErrorCode code : new SQLiteErrorCode[] {SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT,
                SQLiteErrorCode.SQLITE_BUSY_TIMEOUT, SQLiteErrorCode.SQLITE_LOCKED, SQLiteErrorCode.SQLITE_LOCKED_SHAREDCACHE}) {
            assertTrue(BusyRetry.isBusy(sqliteError(code)), code.name());
        }
        assertFalse(BusyRetry.isBusy(sqliteError(SQLiteErrorCode.SQLITE_IOERR)));
        assertFalse(BusyRetry.isBusy(new IllegalStateException("no SQLite error at all")));
    }
}
