package dev.notely.store.sqlite;

import java.util.ArrayDeque;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps a few open JDBI handles for reuse, each on a SQLite connection of its own with the table's DAO
 * attached once. Opening a connection (and applying its pragmas) costs far more than a point query, and
 * so does attaching a DAO: JDBI reads the DAO's annotations and builds its configuration on every attach.
 * Handles beyond the idle limit are closed when returned, and so is any handle a call failed on.
 *
 * @param <D> the DAO type
 */
final class HandlePool<D> implements AutoCloseable {

    private static final int MAX_IDLE = 8;

    private final Jdbi jdbi;
    private final Class<D> daoType;
    private final String what;
    private final ArrayDeque<Attached<D>> idle = new ArrayDeque<>();
    private boolean closed;

    /** A handle and the DAO attached to it, used by one call at a time. */
    private record Attached<D>(Handle handle, D dao) {
    }

    /**
     * @param what the database, for the error when a call comes after {@link #close()}
     */
    HandlePool(Jdbi jdbi, Class<D> daoType, String what) {
        this.jdbi = jdbi;
        this.daoType = daoType;
        this.what = what;
    }

    /** Runs {@code work} on a pooled DAO, each statement committed on its own. */
    <T> T withDao(Function<D, T> work) {
        return use(attached -> work.apply(attached.dao()));
    }

    /** Runs {@code work} on a pooled DAO as one transaction, rolled back if it throws. */
    <T> T inTransaction(Function<D, T> work) {
        return use(attached -> attached.handle().inTransaction(handle -> work.apply(attached.dao())));
    }

    private <T> T use(Function<Attached<D>, T> work) {
        Attached<D> attached = borrow();
        T result;
        try {
            result = work.apply(attached);
        } catch (RuntimeException | Error e) {
            // After a failure the driver may have left a statement half run or finalized it: start the next
            // call on a fresh connection rather than find out.
            try {
                attached.handle().close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        giveBack(attached);
        return result;
    }

    private Attached<D> borrow() {
        synchronized (idle) {
            if (closed) {
                throw new IllegalStateException(what + " is closed");
            }
            Attached<D> pooled = idle.pollFirst();
            if (pooled != null) {
                return pooled;
            }
        }
        Handle handle = jdbi.open();
        try {
            return new Attached<>(handle, handle.attach(daoType));
        } catch (RuntimeException | Error e) {
            handle.close();
            throw e;
        }
    }

    private void giveBack(Attached<D> attached) {
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE && !attached.handle().isInTransaction()) {
                idle.addFirst(attached);
                return;
            }
        }
        attached.handle().close();
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            for (Attached<D> attached : idle) {
                try {
                    attached.handle().close();
                } catch (RuntimeException ignored) {
                    // closing anyway; nothing useful to do with the failure
                }
            }
            idle.clear();
        }
    }
}
