package dev.notely.store;

import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.Status;
import java.util.function.Supplier;

/** Wraps a note store so that every call is recorded as data-store access. */
public final class InstrumentedNoteStore extends ForwardingNoteStore {

    private final StatsCollector stats;

    public InstrumentedNoteStore(NoteStore delegate, StatsCollector stats) {
        super(delegate);
        this.stats = stats;
    }

    @Override
    protected <T> T around(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        Status status = Status.ERROR;
        try {
            T result = call.get();
            status = Status.SUCCESS;
            return result;
        } finally {
            stats.recordStoreAccess(operation, status, delegate.name(), System.nanoTime() - start);
        }
    }
}
