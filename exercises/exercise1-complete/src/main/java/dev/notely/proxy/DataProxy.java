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
 * The data proxy's router: every note operation of every account passes through here on its way to a
 * note store. This is the only file you change during the workshop. The note at the end of the file
 * says what this stage of it does.
 *
 * <h2>Exercise 1: move every note from {@code legacy} to {@code new}, without downtime</h2>
 * For an account whose {@link AccountDetails#isMigrating()} is true:
 * <ol>
 *   <li>{@link #listNotes}: return the notes of both stores, each id once;</li>
 *   <li>{@link #getNote}: look in {@code new} first, then in {@code legacy};</li>
 *   <li>{@link #createNote}: create new notes in {@code new};</li>
 *   <li>{@link #updateNote}: a note still in {@code legacy} moves to {@code new} as it is updated;</li>
 *   <li>{@link #deleteNote} and {@link #countNotes}: cover both stores;</li>
 *   <li>{@link #backfill}: move the notes nobody writes, a page at a time, when the kit asks for it
 *       ({@code b} in the dashboard).</li>
 * </ol>
 * Accounts that are not migrating keep using {@code legacy} only.
 *
 * <h2>Why it is harder than it looks</h2>
 * When you press {@code d} your version starts next to the one already running, and for a while each
 * request goes to one of the two at random: the old code and yours serve the same stores at the same
 * time. A note's newest {@code updatedAt} must win whichever version writes last, and a delete must
 * stick whichever version sees it first. The simulated users check every answer; the dashboard shows
 * any mistake as a consistency miss.
 *
 * <p>Deploy with {@code d} in the dashboard. Grade your work with the command in the README.
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
        // A note being moved can be in both stores for a moment: list it once.
        Set<UUID> ids = new LinkedHashSet<>(legacy.listNotes(account.accountId()));
        ids.addAll(fresh.listNotes(account.accountId()));
        return List.copyOf(ids);
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        if (!account.isMigrating()) {
            return legacy.getNote(account.accountId(), noteId);
        }
        return fresh.getNote(account.accountId(), noteId)
                .or(() -> legacy.getNote(account.accountId(), noteId));
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
        // Legacy first: if another version moved the note meanwhile, we fall through to new below.
        Optional<Note> old = legacy.getNote(account.accountId(), note.id());
        if (old.isPresent()) {
            // Move the newer of the two: an out-of-date write must not replace what legacy holds.
            Note newest = note.isNewerThan(old.get()) ? note : old.get();
            fresh.upsertNote(account.accountId(), newest);
            legacy.removeMovedNote(account.accountId(), newest);
            return true;
        }
        return fresh.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        // Both stores, always: the note may have moved, whatever this account's flag. Both remember the
        // delete, so a move that read the note before it cannot copy it back afterwards.
        fresh.deleteNote(account.accountId(), noteId);
        legacy.deleteNote(account.accountId(), noteId);
    }

    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        if (!account.isMigrating()) {
            return BackfillResult.done(0); // its notes belong in legacy
        }
        List<Note> page = legacy.pageNotes(account.accountId(), after, limit);
        int moved = 0;
        for (Note note : page) {
            // The same two steps as an update's move, with the note as it was read.
            fresh.upsertNote(account.accountId(), note);
            if (legacy.removeMovedNote(account.accountId(), note)) {
                moved++;
            }
        }
        return BackfillResult.after(moved, page, limit);
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
}

/*
 * ---------------------------------------------------------------- this stage
 *
 * Stage exercise1-complete: a reference solution for exercise 1.
 *
 * <p>Accounts that are not migrating stay on {@code legacy}. For a migrating account, new notes go to
 * {@code new}, reads look in {@code new} first, and every update moves the note it touches: the updated
 * note is copied into {@code new} and then its legacy copy is removed. The simulated users update every
 * note sooner or later; the notes nobody writes are moved by {@link #backfill}, which the kit calls page
 * after page ({@code b} in the dashboard) until {@code legacy} holds none of a migrating account's notes.
 *
 * <p>Why it is safe while two versions serve at once:
 * <ul>
 *   <li>the copy is an upsert, and the stores keep the newest {@code updatedAt}, so two versions
 *       copying or updating the same note in any order end with the newest write;</li>
 *   <li>the note is copied before its legacy copy is removed, so at every moment it is in at least one
 *       store;</li>
 *   <li>the legacy copy is removed with {@code removeMovedNote}, not {@code deleteNote}: a move is not a
 *       delete, and leaves nothing behind;</li>
 *   <li>deletes go to both stores, and the stores remember them: a delete finds the note wherever it is
 *       at that moment (in legacy, in new, or in both half-way through a move), and a move that read the
 *       note just before the delete cannot bring it back, because its late copy is refused.</li>
 * </ul>
 *
 * <p>The backfill is as safe as an update, for the same reasons: it reads a page of legacy notes, copies
 * each with an upsert (an older copy never replaces what a user wrote to {@code new} meanwhile, and a
 * deleted note is not brought back), then removes the legacy copy unless a newer write reached it since.
 * A user, or the other version, may update, move or delete any of those notes between its store calls;
 * every ordering ends with the newest write in {@code new}, or with the note deleted. A page done twice
 * (the kit resumes after a restart from the last page it knows finished) moves nothing twice.
 *
 * <p>Switch migration on only once the rollout has finished: the previous version knows nothing of
 * {@code new} and would answer "missing" for every note moved there.
 *
 * <p>Next: exercise 2. Install its start stage with {@code --use-stage exercise2-start}.
 */
