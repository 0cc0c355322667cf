package dev.notely.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A router sending everything to one store, with an optional fixed shard: what a proxy process warms up
 * with, and what tests extend to inject faults.
 */
public class StoreRouter implements NoteRouter {

    private final NoteStore store;
    private final String shard;

    public StoreRouter(NoteStore store) {
        this(store, null);
    }

    public StoreRouter(NoteStore store, String shard) {
        this.store = store;
        this.shard = shard;
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
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        return store.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        store.deleteNote(account.accountId(), noteId);
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
        return Optional.ofNullable(shard);
    }
}
