package dev.notely.store.sqlite;

import dev.notely.store.StoreException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Retries a database call that failed because another connection or process held the lock.
 *
 * <p>SQLite's own busy timeout already waits for most locks; this covers the cases it does not (such as
 * switching a fresh file to WAL while another process does the same) with a bounded exponential backoff
 * and full jitter, so two processes retrying do not collide again in step.
 */
final class BusyRetry {

    static final int MAX_ATTEMPTS = 8;
    static final long BASE_DELAY_MILLIS = 2;
    static final long MAX_DELAY_MILLIS = 200;

    private final String what;

    BusyRetry(String what) {
        this.what = what;
    }

    <T> T call(Supplier<T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (RuntimeException e) {
                if (!isBusy(e)) {
                    throw e;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new StoreException(what + " stayed locked by another connection after " + attempt
                            + " attempts; is another process holding a long transaction on it?", e);
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        long ceiling = Math.min(MAX_DELAY_MILLIS, BASE_DELAY_MILLIS << (attempt - 1));
        long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
        try {
            TimeUnit.MILLISECONDS.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database lock", e);
        }
    }

    /** Whether anything in the cause chain is SQLite reporting a busy or locked database. */
    static boolean isBusy(Throwable error) {
        SQLiteException sqlite = sqliteCause(error);
        if (sqlite == null) {
            return false;
        }
        int primary = sqlite.getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
    }

    static SQLiteException sqliteCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException e) {
                return e;
            }
        }
        return null;
    }
}
