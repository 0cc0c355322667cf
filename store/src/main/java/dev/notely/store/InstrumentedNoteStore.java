package dev.notely.store;

import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.Status;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Wraps a note store so that every call is recorded as data-store access. */
public final class InstrumentedNoteStore implements NoteStore {

    private final NoteStore delegate;
    private final StatsCollector stats;

    public InstrumentedNoteStore(NoteStore delegate, StatsCollector stats) {
        this.delegate = delegate;
        this.stats = stats;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<UUID> listNotes(UUID accountId) {
        return timed("listNotes", () -> delegate.listNotes(accountId));
    }

    @Override
    public Optional<Note> getNote(UUID accountId, UUID noteId) {
        return timed("getNote", () -> delegate.getNote(accountId, noteId));
    }

    @Override
    public void createNote(UUID accountId, Note note) {
        timed("createNote", () -> {
            delegate.createNote(accountId, note);
            return null;
        });
    }

    @Override
    public boolean updateNote(UUID accountId, Note note) {
        return timed("updateNote", () -> delegate.updateNote(accountId, note));
    }

    @Override
    public void upsertNote(UUID accountId, Note note) {
        timed("upsertNote", () -> {
            delegate.upsertNote(accountId, note);
            return null;
        });
    }

    @Override
    public void deleteNote(UUID accountId, UUID noteId) {
        timed("deleteNote", () -> {
            delegate.deleteNote(accountId, noteId);
            return null;
        });
    }

    @Override
    public long countNotes(UUID accountId) {
        return timed("countNotes", () -> delegate.countNotes(accountId));
    }

    @Override
    public long totalNotes() {
        return timed("totalNotes", delegate::totalNotes);
    }

    @Override
    public void healthCheck() {
        timed("healthCheck", () -> {
            delegate.healthCheck();
            return null;
        });
    }

    private <T> T timed(String operation, Supplier<T> call) {
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

    @Override
    public String toString() {
        return delegate.toString();
    }
}
