package dev.notely.proxy;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import java.util.List;
import java.util.Optional;
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
    // TODO 0: open the "new" store here too (NoteStores.NEW), next to legacy.

    public DataProxy(NoteStores stores) {
        this.legacy = stores.open(NoteStores.LEGACY);
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        // TODO 1: for a migrating account, return the ids from both stores.
        //   While a note is being moved it can sit in both stores for a moment: return each id once
        //   (a LinkedHashSet keeps the order and drops duplicates).
        return legacy.listNotes(account.accountId());
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        // TODO 2: for a migrating account, look in "new" first and fall back to legacy.
        //   Why "new" first? Once a note has been moved, the copy in "new" is the current one.
        return legacy.getNote(account.accountId(), noteId);
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        // TODO 3: a migrating account's new notes go straight to "new": nothing to move later.
        legacy.createNote(account.accountId(), note);
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        // TODO 4: this is where a note moves. For a migrating account:
        //   - if the note is still in legacy: keep the newer of the two, this update or the legacy
        //     copy (Note.isNewerThan), upsert that one into "new", then take the legacy copy out with
        //     removeMovedNote (passing the note you copied). Copying the update as it is fails when it
        //     is older than the legacy copy: during a rollout the old version still writes to legacy
        //     while yours moves notes, and two writes to one note can cross on the way. Copy first,
        //     remove second, so the note is in at least one store at every moment.
        //     Why removeMovedNote and not deleteNote? A move is not a delete. deleteNote removes the
        //     copy whatever it holds and remembers a delete nobody asked for, so the note could never
        //     come back to that store (in exercise 2 notes do move back). removeMovedNote removes the
        //     copy only if it is not newer than the one you moved, and leaves nothing behind.
        //   - otherwise update it in "new" (and return what that returns: false means "no such note").
        //   Your read of legacy, the copy and the removal run as one step against other calls to this
        //   version (the lock), but not against the other version: it may move the note between two
        //   of your calls. If you check legacy first and fall through to "new", a note moved
        //   meanwhile is still updated.
        return legacy.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        // TODO 5: delete from both stores. Deleting what is not there is harmless, and the note may
        //   be in either (or, for a moment, both).
        //   The race this wins: an update (or a backfill) that read the note in legacy just before your
        //   delete tries to copy it into new just after. Both stores remember your delete, so that late
        //   copy is refused and the note stays deleted. Miss one store, and the copy lands.
        legacy.deleteNote(account.accountId(), noteId);
    }

    @Override
    public long countNotes(AccountDetails account) {
        // TODO 6: count each of a migrating account's notes once, wherever it is.
        return legacy.countNotes(account.accountId());
    }

    @Override
    public long totalNotes() {
        // TODO 7: all notes in both stores.
        return legacy.totalNotes();
    }

    @Override
    public void healthCheck() {
        // TODO 8: the proxy is only healthy if every store it uses is.
        legacy.healthCheck();
    }

    // TODO 9: the backfill, for the notes nobody writes (an update moves only what it touches).
    //   Override NoteRouter's default, which says "this DataProxy has no backfill":
    //     public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit)
    //   Once migration is on and you press b, the kit calls it for every account, page after page:
    //   "after" is empty at first, then the cursor your previous answer gave.
    //   - An account that is not migrating has nothing to move: BackfillResult.done(0).
    //   - Otherwise read one page of its legacy notes (legacy.pageNotes(accountId, after, limit)) and
    //     move each exactly as an update does: upsertNote into "new", then removeMovedNote from legacy.
    //     Answer BackfillResult.after(moved, page, limit), "moved" being how many legacy copies
    //     removeMovedNote took out (it answers true for each): it says "done" for a short page, and
    //     otherwise gives the cursor for the next one.
    //   It races users and the other version exactly like an update does, and is safe for the same
    //   reasons: an upsert never replaces a newer write already in "new"; removeMovedNote leaves a copy
    //   that changed since you read it; a note deleted since you read it stays deleted, because the
    //   stores remember deletes. A page done twice (the kit resumes after a restart) moves nothing
    //   twice.

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return Optional.empty(); // sharding is exercise 2
    }
}

/*
 * ---------------------------------------------------------------- this stage
 *
 * Stage exercise1-hint: the start of exercise 1 with a hint at every step. It still behaves exactly
 * like exercise1-start; the TODOs say what to change and why, the code is yours to write.
 *
 * <h2>The goal</h2>
 * Move every note from {@code legacy} to {@code new} while the simulated users keep working, without
 * a single consistency miss. Only accounts whose {@link AccountDetails#isMigrating()} is true change
 * behaviour; everyone else stays on {@code legacy} untouched.
 *
 * <h2>Four facts to build on</h2>
 * <ol>
 *   <li><b>Two versions serve at once.</b> After {@code d}, your new version runs beside the old one
 *       and every request goes to either, at random, for the rollout wait. Anything your version
 *       writes, the old version may read a moment later, and the other way round.</li>
 *   <li><b>The newest write wins.</b> {@code updateNote} and {@code upsertNote} only apply a note whose
 *       {@code updatedAt} is newer than the stored one. Repeating a write, or two versions writing the
 *       same note in either order, ends with the newest content.</li>
 *   <li><b>Deletes stick.</b> {@code deleteNote} removes the note and remembers the delete, so no later
 *       {@code upsertNote} or {@code createNote} of that note in that store succeeds: a move that read
 *       the note just before a delete cannot bring it back, as long as the delete reaches every store
 *       the note may be in. Deleting a note that is not there is fine (and remembered too). Moving is
 *       not deleting: {@code removeMovedNote} takes out a copy that now lives in another store and
 *       leaves nothing behind.</li>
 *   <li><b>One call at a time, per version.</b> A proxy runs one call into this class at a time (one
 *       lock; the dashboard's {@code c} counts the calls that waited for it), so the store calls of
 *       one method, say a read and then a write, happen with no other call of <i>this</i> version in
 *       between. The other version, during a rollout, has a lock of its own: its calls can land
 *       between any two of your store calls. Plan every method for that.</li>
 * </ol>
 *
 * <p>Work through the TODOs top to bottom, run {@code --grade 1} (see the README) after each, then
 * deploy with {@code d}. Switch migration on ({@code M} on the accounts page) only when the rollout
 * has finished. A note moves when it is written; the notes nobody writes are moved by the backfill
 * (TODO 9, started with {@code b}). Once {@code legacy} holds none of a migrating account's notes,
 * leave migration on: switched off, the account reads {@code legacy} only, and its notes are no
 * longer there.
 */
