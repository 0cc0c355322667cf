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
 * <h2>Exercise 3: move to {@code new} the way it is done in production, with a way back at every step</h2>
 * Each account has a stage ({@code off}, {@code dual-write}, {@code shadow}, {@code live},
 * {@code ramp-down}, {@code complete}); {@link dev.notely.store.MigrationStage} says, for each, which store
 * is authoritative, whether writes reach both stores and whether reads are shadowed. Make the router
 * follow the table:
 * <ol>
 *   <li>reads come from the authoritative store;</li>
 *   <li>writes go to the authoritative store, then, while the stage writes both, to the other one; a
 *       failure of that second write is logged, never shown to the user;</li>
 *   <li>in {@code shadow} and {@code live}, reads are repeated on the other store and compared with
 *       {@link NoteStores#shadowReads()}, which never changes the answer;</li>
 *   <li>{@link #backfill}: copy the account's notes into the other store while both are written, and
 *       remove them from {@code legacy} at {@code complete}.</li>
 * </ol>
 *
 * <h2>Why it is harder than it looks</h2>
 * Moving an account forward or back one stage happens while users write and while two versions of
 * this class may serve at once. Every step back must lose nothing, and a delete must stick whichever
 * copy the backfill or a second write was carrying.
 *
 * <p>Deploy with {@code d} in the dashboard. Grade your work with {@code --grade 3} (see the README).
 */
public final class DataProxy implements NoteRouter {

    private final NoteStore legacy;
    // TODO 0: open "new" too, and keep stores.shadowReads(): the helper that compares shadow reads.

    public DataProxy(NoteStores stores) {
        this.legacy = stores.open(NoteStores.LEGACY);
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        // TODO 1: read from the stage's authoritative store. In shadow and live, repeat the read on the
        //   other store with shadow.compare(...) and return the authoritative answer whatever it says
        //   (compare lists as sets: the stores need not list in the same order).
        return legacy.listNotes(account.accountId());
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        // TODO 2: as TODO 1, for one note.
        return legacy.getNote(account.accountId(), noteId);
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        // TODO 3: create in the authoritative store (a conflict there is the user's answer). While the
        //   stage writes both, then upsert the note into the other store inside a try/catch that logs.
        legacy.createNote(account.accountId(), note);
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        // TODO 4: update the authoritative store; its answer is the answer. If the note exists and the
        //   stage writes both, copy to the other store what the authoritative store holds NOW (getNote,
        //   then upsertNote): this write may have been older than the stored one and ignored.
        return legacy.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        // TODO 5: delete in the authoritative store, then, while the stage writes both, in the other.
        legacy.deleteNote(account.accountId(), noteId);
    }

    @Override
    public long countNotes(AccountDetails account) {
        // TODO 6: as TODO 1: count in the authoritative store, shadowed in shadow and live.
        return legacy.countNotes(account.accountId());
    }

    @Override
    public long totalNotes() {
        // TODO 7: what both stores hold.
        return legacy.totalNotes();
    }

    @Override
    public void healthCheck() {
        // TODO 8: both stores.
        legacy.healthCheck();
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return Optional.empty(); // no sharding in this exercise
    }

    // TODO 9: backfill(AccountDetails account, Optional<UUID> after, int limit), a NoteRouter method. The
    //   kit calls it page by page for every account (pass back BackfillResult.next) while users write:
    //   - off: nothing to do, return BackfillResult.done(0);
    //   - dual-write to ramp-down: read a page of the authoritative store (pageNotes(account, after, limit))
    //     and upsertNote each note into the other store; return BackfillResult.after(page.size(), page, limit).
    //     Copies never overwrite a newer note, and never revive a deleted one. Then take out of the other
    //     store (removeMovedNote) the notes in the same stretch of ids that the authoritative store no
    //     longer holds: deleted while the account was back at off, where deletes reach legacy only;
    //   - complete: read a page of legacy, upsert each note into new, then removeMovedNote it from legacy.
}

/*
 * ---------------------------------------------------------------- this stage
 *
 * Stage exercise3-hint: the start of exercise 3 with a hint at every step. It still behaves exactly
 * like exercise3-start; the TODOs say what to change and why, the code is yours to write.
 *
 * <h2>The goal</h2>
 * Move each account from {@code legacy} to {@code new} in six stages, with a way back at every step but
 * the last. {@link AccountDetails#stage()} tells you the account's stage on every call, and
 * {@link dev.notely.store.MigrationStage} holds the stage table:
 * {@code authoritative()} (the store reads come from and whose write decides the answer),
 * {@code secondary()} (the other one), {@code writesBoth()} and {@code shadowReads()}.
 *
 * <h2>Facts to build on</h2>
 * <ol>
 *   <li><b>Two versions serve at once</b> during a rollout, and the kit moves accounts between stages
 *       while users write. Plan every method for another call landing between any two store calls.</li>
 *   <li><b>The newest write wins.</b> {@code updateNote} and {@code upsertNote} only apply a newer
 *       {@code updatedAt}; a copy made with {@code upsertNote} is safe to repeat and to race.</li>
 *   <li><b>Deletes stick.</b> {@code deleteNote} is remembered by the store: no later
 *       {@code upsertNote} of that note succeeds there. So a copy that read a note before it was
 *       deleted cannot bring it back, provided the delete reached that store too.</li>
 *   <li><b>The second write is not the user's business.</b> If it fails, log it and carry on: the
 *       authoritative store has the write, and the backfill repairs the other.</li>
 * </ol>
 *
 * <p>Work through the TODOs, run {@code --grade 3} after each, then deploy with {@code d}. The order
 * on the dashboard: dual-write every account, backfill ({@code b}), verify ({@code v}), then shadow,
 * live, ramp-down and complete; the kit refuses a step whose conditions are not met and says why.
 */
