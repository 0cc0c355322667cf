package dev.notely.proxyhost;

import dev.notely.proxyhost.StoreTrace.Outcome;
import dev.notely.proxyhost.StoreTrace.Written;
import dev.notely.store.ForwardingNoteStore;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.ShadowReads;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The stores the router is given, each call on one note (or one account's list) recorded in a
 * {@link StoreTrace}: the store side of a miss's timeline. Calls over many notes (pages, counts) are not
 * traced: they are the backfill's and the dashboard's, and say nothing about one note.
 */
final class TracedNoteStores implements NoteStores {

    private final NoteStores stores;
    private final StoreTrace trace;
    private final Map<String, NoteStore> opened = new HashMap<>();

    TracedNoteStores(NoteStores stores, StoreTrace trace) {
        this.stores = stores;
        this.trace = trace;
    }

    /** {@code stores} itself when tracing is off, so it then costs nothing. */
    static NoteStores wrap(NoteStores stores, StoreTrace trace) {
        return trace.enabled() ? new TracedNoteStores(stores, trace) : stores;
    }

    @Override
    public synchronized NoteStore open(String name) {
        NoteStore store = opened.get(name);
        if (store == null) {
            store = new Traced(stores.open(name), trace);
            opened.put(name, store);
        }
        return store;
    }

    @Override
    public ShadowReads shadowReads() {
        return stores.shadowReads();
    }

    private static final class Traced extends ForwardingNoteStore {
        private final StoreTrace trace;

        Traced(NoteStore delegate, StoreTrace trace) {
            super(delegate);
            this.trace = trace;
        }

        @Override
        protected <T> T around(String operation, Supplier<T> call) {
            return call.get();
        }

        /** Runs {@code call} and records it under {@code key}, its result put as {@code outcome} says. */
        private <T> T traced(UUID key, String what, Supplier<T> call, Function<T, Object> outcome) {
            long at = System.currentTimeMillis();
            T result;
            try {
                result = call.get();
            } catch (RuntimeException e) {
                trace.record(key, what, delegate.name(), at, StoreTrace.failed(e));
                throw e;
            }
            trace.record(key, what, delegate.name(), at, outcome.apply(result));
            return result;
        }

        @Override
        public List<UUID> listNotes(UUID accountId) {
            return traced(accountId, "listNotes", () -> delegate.listNotes(accountId), listed -> listed);
        }

        @Override
        public Optional<Note> getNote(UUID accountId, UUID noteId) {
            return traced(noteId, "getNote", () -> delegate.getNote(accountId, noteId),
                    found -> found.<Object>map(n -> new Written(n.updatedAt().toEpochMilli())).orElse(Outcome.NOT_FOUND));
        }

        @Override
        public void createNote(UUID accountId, Note note) {
            traced(note.id(), "createNote", () -> {
                delegate.createNote(accountId, note);
                return null;
            }, nothing -> new Written(note.updatedAt().toEpochMilli()));
        }

        @Override
        public boolean updateNote(UUID accountId, Note note) {
            return traced(note.id(), "updateNote", () -> delegate.updateNote(accountId, note),
                    there -> there ? new Written(note.updatedAt().toEpochMilli()) : Outcome.NOT_THERE);
        }

        @Override
        public void upsertNote(UUID accountId, Note note) {
            traced(note.id(), "upsertNote", () -> {
                delegate.upsertNote(accountId, note);
                return null;
            }, nothing -> new Written(note.updatedAt().toEpochMilli()));
        }

        @Override
        public void deleteNote(UUID accountId, UUID noteId) {
            traced(noteId, "deleteNote", () -> {
                delegate.deleteNote(accountId, noteId);
                return null;
            }, nothing -> Outcome.OK);
        }

        @Override
        public boolean removeMovedNote(UUID accountId, Note moved) {
            return traced(moved.id(), "removeMovedNote", () -> delegate.removeMovedNote(accountId, moved),
                    removed -> removed ? Outcome.REMOVED : Outcome.KEPT);
        }
    }
}
