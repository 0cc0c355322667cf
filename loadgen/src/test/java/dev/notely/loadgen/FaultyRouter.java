package dev.notely.loadgen;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.StoreRouter;
import java.util.UUID;

/** A router over one store that can be told to misbehave in the ways a broken migration does. */
final class FaultyRouter extends StoreRouter {

    enum Fault { NONE, DROPS_UPDATES, LOSES_NOTES, IGNORES_DELETES }

    private final NoteStore store;
    private final Fault fault;

    FaultyRouter(NoteStore store, Fault fault) {
        super(store);
        this.store = store;
        this.fault = fault;
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        super.createNote(account, note);
        if (fault == Fault.LOSES_NOTES && note.id().getLeastSignificantBits() % 3 == 0) {
            store.deleteNote(account.accountId(), note.id()); // acknowledged, then gone
        }
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        if (fault == Fault.DROPS_UPDATES) {
            return store.getNote(account.accountId(), note.id()).isPresent(); // says yes, writes nothing
        }
        return super.updateNote(account, note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        if (fault != Fault.IGNORES_DELETES) {
            super.deleteNote(account, noteId);
        }
    }
}
