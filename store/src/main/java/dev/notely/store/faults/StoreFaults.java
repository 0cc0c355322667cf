package dev.notely.store.faults;

import java.util.function.UnaryOperator;

/**
 * The faults in force in one process, changed live: the kit keeps one and its proxies each keep theirs, and
 * every {@link FaultyNoteStore} reads it on each call. A store reads it without a lock, so a fault costs
 * nothing while none is set.
 */
public final class StoreFaults {

    private volatile FaultTable table;

    /** No faults until told otherwise. */
    public StoreFaults() {
        this(FaultTable.NONE);
    }

    public StoreFaults(FaultTable initial) {
        this.table = initial;
    }

    public FaultTable current() {
        return table;
    }

    /** The fault of {@code store} right now. */
    public StoreFault of(String store) {
        return table.of(store);
    }

    /**
     * Takes {@code newer} unless a table of the same or a later generation is already in force: tables told
     * out of order (a push racing a proxy's start) never undo a later change.
     *
     * @return whether it was taken
     */
    public synchronized boolean apply(FaultTable newer) {
        if (newer.generation() <= table.generation()) {
            return false;
        }
        table = newer;
        return true;
    }

    /** Changes the table in force (the next generation is the caller's, through {@link FaultTable#with}), and returns it. */
    public synchronized FaultTable update(UnaryOperator<FaultTable> change) {
        FaultTable next = change.apply(table);
        table = next;
        return next;
    }
}
