package dev.notely.proxy;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The app's tests deploy this router: exercise 1 (legacy to new for migrating accounts) with a backfill,
 * written here so the tests do not depend on what the exercise stages hold.
 */
public final class DataProxy implements NoteRouter {

    private final NoteStore legacy;
    private final NoteStore fresh;

    public DataProxy(NoteStores stores) {
        this.legacy = stores.open(NoteStores.LEGACY);
        this.fresh = stores.open(NoteStores.NEW);
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        if (!account.isMigrating()) {
            return legacy.listNotes(account.accountId());
        }
        Set<UUID> ids = new LinkedHashSet<>(legacy.listNotes(account.accountId()));
        ids.addAll(fresh.listNotes(account.accountId()));
        return List.copyOf(ids);
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        if (!account.isMigrating()) {
            return legacy.getNote(account.accountId(), noteId);
        }
        return fresh.getNote(account.accountId(), noteId).or(() -> legacy.getNote(account.accountId(), noteId));
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        (account.isMigrating() ? fresh : legacy).createNote(account.accountId(), note);
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        if (!account.isMigrating()) {
            return legacy.updateNote(account.accountId(), note);
        }
        Optional<Note> old = legacy.getNote(account.accountId(), note.id());
        if (old.isPresent()) {
            Note newest = note.isNewerThan(old.get()) ? note : old.get();
            fresh.upsertNote(account.accountId(), newest);
            legacy.removeMovedNote(account.accountId(), newest);
            return true;
        }
        return fresh.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        fresh.deleteNote(account.accountId(), noteId);
        legacy.deleteNote(account.accountId(), noteId);
    }

    @Override
    public long countNotes(AccountDetails account) {
        return listNotes(account).size();
    }

    @Override
    public long totalNotes() {
        return legacy.totalNotes() + fresh.totalNotes();
    }

    @Override
    public void healthCheck() {
        legacy.healthCheck();
        fresh.healthCheck();
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return Optional.empty();
    }

    /** A migrating account's legacy notes, a page at a time: copied to new, then taken out of legacy. */
    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        if (!account.isMigrating()) {
            return BackfillResult.done(0);
        }
        List<Note> page = legacy.pageNotes(account.accountId(), after, limit);
        int moved = 0;
        for (Note note : page) {
            fresh.upsertNote(account.accountId(), note);
            if (legacy.removeMovedNote(account.accountId(), note)) {
                moved++;
            }
        }
        return BackfillResult.after(moved, page, limit);
    }
}
