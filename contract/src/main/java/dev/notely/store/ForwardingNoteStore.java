package dev.notely.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A note store that passes every call, by operation name, through {@link #around} on its way to the
 * store it wraps: one place for what must happen around each store call (telemetry, the checks'
 * scheduling of two routers) instead of a copy of every method per concern.
 */
public abstract class ForwardingNoteStore implements NoteStore {

    protected final NoteStore delegate;

    protected ForwardingNoteStore(NoteStore delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code call}, the store's own operation named {@code operation}, and returns its result. */
    protected abstract <T> T around(String operation, Supplier<T> call);

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<UUID> listNotes(UUID accountId) {
        return around("listNotes", () -> delegate.listNotes(accountId));
    }

    @Override
    public Optional<Note> getNote(UUID accountId, UUID noteId) {
        return around("getNote", () -> delegate.getNote(accountId, noteId));
    }

    @Override
    public void createNote(UUID accountId, Note note) {
        around("createNote", () -> {
            delegate.createNote(accountId, note);
            return null;
        });
    }

    @Override
    public boolean updateNote(UUID accountId, Note note) {
        return around("updateNote", () -> delegate.updateNote(accountId, note));
    }

    @Override
    public void upsertNote(UUID accountId, Note note) {
        around("upsertNote", () -> {
            delegate.upsertNote(accountId, note);
            return null;
        });
    }

    @Override
    public void deleteNote(UUID accountId, UUID noteId) {
        around("deleteNote", () -> {
            delegate.deleteNote(accountId, noteId);
            return null;
        });
    }

    @Override
    public boolean removeMovedNote(UUID accountId, Note moved) {
        return around("removeMovedNote", () -> delegate.removeMovedNote(accountId, moved));
    }

    @Override
    public List<Note> pageNotes(UUID accountId, Optional<UUID> after, int limit) {
        return around("pageNotes", () -> delegate.pageNotes(accountId, after, limit));
    }

    @Override
    public List<UUID> pageAccounts(Optional<UUID> after, int limit) {
        return around("pageAccounts", () -> delegate.pageAccounts(after, limit));
    }

    @Override
    public long countNotes(UUID accountId) {
        return around("countNotes", () -> delegate.countNotes(accountId));
    }

    @Override
    public long totalNotes() {
        return around("totalNotes", delegate::totalNotes);
    }

    @Override
    public void healthCheck() {
        around("healthCheck", () -> {
            delegate.healthCheck();
            return null;
        });
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
