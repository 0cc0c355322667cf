package dev.notely.checks;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A router that hands every call to another. The checks build a second instance of a router by loading
 * its class again; this one has no constructor for that, so the second instance comes from the same
 * factory as the first, with whatever the factory wraps around its stores.
 */
class ForwardingRouter implements NoteRouter {

    private final NoteRouter router;

    ForwardingRouter(NoteRouter router) {
        this.router = router;
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        return router.listNotes(account);
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        return router.getNote(account, noteId);
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        router.createNote(account, note);
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        return router.updateNote(account, note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        router.deleteNote(account, noteId);
    }

    @Override
    public long countNotes(AccountDetails account) {
        return router.countNotes(account);
    }

    @Override
    public long totalNotes() {
        return router.totalNotes();
    }

    @Override
    public void healthCheck() {
        router.healthCheck();
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return router.assignShard(accountId);
    }

    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        return router.backfill(account, after, limit);
    }
}
