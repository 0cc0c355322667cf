package dev.notely.checks;

import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The note stores of one router instance in the interleaving check: every store call first passes
 * through {@link Turns}, where the other instance may take over. This is how one instance's operation
 * gets interrupted between, say, reading legacy and copying into new.
 */
final class SteppedNoteStores implements NoteStores {

    private final NoteStores stores;
    private final Turns turns;
    private final int me;

    /** @param me which of the two operations of a round this router's calls belong to, 0 or 1 */
    SteppedNoteStores(NoteStores stores, Turns turns, int me) {
        this.stores = stores;
        this.turns = turns;
        this.me = me;
    }

    @Override
    public NoteStore open(String name) {
        return new Stepped(stores.open(name));
    }

    private final class Stepped implements NoteStore {

        private final NoteStore store;

        Stepped(NoteStore store) {
            this.store = store;
        }

        @Override
        public String name() {
            return store.name();
        }

        @Override
        public List<UUID> listNotes(UUID accountId) {
            turns.beforeStoreCall(me);
            return store.listNotes(accountId);
        }

        @Override
        public Optional<Note> getNote(UUID accountId, UUID noteId) {
            turns.beforeStoreCall(me);
            return store.getNote(accountId, noteId);
        }

        @Override
        public void createNote(UUID accountId, Note note) {
            turns.beforeStoreCall(me);
            store.createNote(accountId, note);
        }

        @Override
        public boolean updateNote(UUID accountId, Note note) {
            turns.beforeStoreCall(me);
            return store.updateNote(accountId, note);
        }

        @Override
        public void upsertNote(UUID accountId, Note note) {
            turns.beforeStoreCall(me);
            store.upsertNote(accountId, note);
        }

        @Override
        public void deleteNote(UUID accountId, UUID noteId) {
            turns.beforeStoreCall(me);
            store.deleteNote(accountId, noteId);
        }

        @Override
        public long countNotes(UUID accountId) {
            turns.beforeStoreCall(me);
            return store.countNotes(accountId);
        }

        @Override
        public long totalNotes() {
            turns.beforeStoreCall(me);
            return store.totalNotes();
        }

        @Override
        public void healthCheck() {
            turns.beforeStoreCall(me);
            store.healthCheck();
        }
    }
}
