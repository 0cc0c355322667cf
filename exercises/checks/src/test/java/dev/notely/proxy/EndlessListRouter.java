package dev.notely.proxy;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * A router whose {@code listNotes} never returns and shrugs off interrupts, like an attendee's endless
 * loop; everything else goes to legacy. It parks instead of spinning, so the threads it strands cost
 * no CPU for the rest of the test run.
 */
public final class EndlessListRouter implements NoteRouter {

    private final NoteStore legacy;

    public EndlessListRouter(NoteStores stores) {
        this.legacy = stores.open(NoteStores.LEGACY);
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        for (;;) {
            LockSupport.park(this);
        }
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        return legacy.getNote(account.accountId(), noteId);
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        legacy.createNote(account.accountId(), note);
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        return legacy.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        legacy.deleteNote(account.accountId(), noteId);
    }

    @Override
    public long countNotes(AccountDetails account) {
        return legacy.countNotes(account.accountId());
    }

    @Override
    public long totalNotes() {
        return legacy.totalNotes();
    }

    @Override
    public void healthCheck() {
        legacy.healthCheck();
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return Optional.empty();
    }
}
