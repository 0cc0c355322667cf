package dev.notely.loadgen;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A router over one store that can be told to misbehave in the ways a broken migration does. */
final class FaultyRouter implements NoteRouter {

    enum Fault { NONE, DROPS_UPDATES, LOSES_NOTES, IGNORES_DELETES }

    private final NoteStore store;
    private final Fault fault;

    FaultyRouter(NoteStore store, Fault fault) {
        this.store = store;
        this.fault = fault;
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        return store.listNotes(account.accountId());
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        return store.getNote(account.accountId(), noteId);
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        store.createNote(account.accountId(), note);
        if (fault == Fault.LOSES_NOTES && note.id().getLeastSignificantBits() % 3 == 0) {
            store.deleteNote(account.accountId(), note.id()); // acknowledged, then gone
        }
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        if (fault == Fault.DROPS_UPDATES) {
            return store.getNote(account.accountId(), note.id()).isPresent(); // says yes, writes nothing
        }
        return store.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        if (fault != Fault.IGNORES_DELETES) {
            store.deleteNote(account.accountId(), noteId);
        }
    }

    @Override
    public long countNotes(AccountDetails account) {
        return store.countNotes(account.accountId());
    }

    @Override
    public long totalNotes() {
        return store.totalNotes();
    }

    @Override
    public void healthCheck() {
        store.healthCheck();
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return Optional.empty();
    }
}
