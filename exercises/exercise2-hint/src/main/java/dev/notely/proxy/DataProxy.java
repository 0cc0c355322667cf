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
 * <h2>Exercise 2: shard notes by account</h2>
 * One store is not enough any more. Spread accounts, and with them their notes, over two stores:
 * {@code new} and {@code second} ({@link NoteStores#SHARDS}).
 * <ol>
 *   <li>{@link #assignShard}: give each new account a shard by a stable function of its id, so that
 *       accounts spread evenly and the same id always gets the same shard;</li>
 *   <li>{@link #createNote}: create notes in the account's shard ({@link AccountDetails#shard()});
 *       an account without a shard lives in {@code new};</li>
 *   <li>moving an account: when an account gets another shard its migration flag is on; while it is,
 *       reads fall back to the other shard, an update moves the note into the account's shard, and
 *       deletes reach every shard;</li>
 *   <li>{@link #backfill}: move a migrating account's notes nobody writes into its shard, a page at a
 *       time, when the kit asks for it ({@code b} in the dashboard).</li>
 * </ol>
 * The rules of exercise 1 still hold: two versions serve at once during a rollout, the newest
 * {@code updatedAt} wins, deletes stick (and a moved copy is taken out with {@code removeMovedNote},
 * which is not a delete). Start from empty stores: quit the running kit, then start it with
 * {@code --clean} after installing this stage. Deploy everything but {@link #assignShard} first, then
 * {@link #assignShard}, then move accounts: the README's exercise 2 says why.
 */
public final class DataProxy implements NoteRouter {

    private final NoteStore store;
    // TODO 0: open both shards (NoteStores.SHARDS lists them), e.g. into a map from name to store,
    //   and write a small helper that picks an account's home store.

    public DataProxy(NoteStores stores) {
        this.store = stores.open(NoteStores.NEW);
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        // TODO 1 (deploy it last, see above): pick a shard from NoteStores.SHARDS by a function of the
        //   id alone.
        //   It must give the same answer in every JVM and every version (two versions serve at once,
        //   and proxies restart), and spread random ids evenly. Something built on the UUID's own
        //   hashCode or bits will do; anything random or based on a counter will not.
        return Optional.empty();
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        // TODO 2: not migrating: the home store only. Migrating: every shard, each id once.
        return store.listNotes(account.accountId());
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        // TODO 3: home first; while migrating, fall back to the other shard.
        return store.getNote(account.accountId(), noteId);
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        // TODO 4: new notes go to the home store.
        store.createNote(account.accountId(), note);
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        // TODO 5: while migrating, an update brings the note home: if it is in another shard, copy
        //   the newer of (this write, what that shard holds) home with upsertNote, then take it out
        //   there with removeMovedNote (passing the note you copied), not deleteNote. A delete is
        //   remembered: moved away with deleteNote, a note could never come back to that shard, and an
        //   account moved away and back ("s" twice) would lose it on the way home. Check the other
        //   shard first and fall through to updating home, so a note another version moved meanwhile
        //   is still updated: the lock keeps your own version out from between those calls, not the
        //   other one. Not migrating: update at home.
        return store.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        // TODO 6: every shard, always: half-way through a move the note is in both. As in exercise 1,
        //   an update or a backfill that read the note before your delete may try to copy it home after
        //   it; every shard remembers your delete, so that late copy is refused.
        store.deleteNote(account.accountId(), noteId);
    }

    @Override
    public long countNotes(AccountDetails account) {
        // TODO 7: count each note once, wherever it is.
        return store.countNotes(account.accountId());
    }

    @Override
    public long totalNotes() {
        // TODO 8: the notes of every shard.
        return store.totalNotes();
    }

    @Override
    public void healthCheck() {
        // TODO 9: every shard must be healthy.
        store.healthCheck();
    }

    // TODO 10: the backfill, for the notes nobody writes (an update moves only what it touches).
    //   Override NoteRouter's default, which says "this DataProxy has no backfill":
    //     public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit)
    //   The kit calls it for every account, page after page: "after" is empty at first, then the
    //   cursor your previous answer gave.
    //   - Not migrating: nothing to move, BackfillResult.done(0).
    //   - Migrating: read a page of the account's notes in the other shard (pageNotes(accountId,
    //     after, limit)) and move each home exactly as an update does: upsertNote home, then
    //     removeMovedNote there. Answer BackfillResult.after(moved, page, limit), "moved" being how
    //     many copies removeMovedNote took out: "done" for a short page, otherwise the cursor for the
    //     next one. (There is one other shard here. With more, one cursor must walk them all: pages
    //     come in id order, ids compared as text, so merge them and stop at the limit-th id.)
    //   It races users and the other version exactly like an update does, and is safe for the same
    //   reasons: upserts keep the newest write, removeMovedNote leaves a copy that changed since you
    //   read it, and a note deleted meanwhile stays deleted, because the shards remember deletes.
}

/*
 * ---------------------------------------------------------------- this stage
 *
 * Stage exercise2-hint: the start of exercise 2 with a hint at every step. It still behaves exactly
 * like exercise2-start (every note in {@code new}); the TODOs say what to change and why.
 *
 * <h2>The goal</h2>
 * Spread accounts over two shards, {@code new} and {@code second}, and move an account's notes when
 * it changes shard, without a single consistency miss.
 *
 * <h2>Words used below</h2>
 * <ul>
 *   <li><b>home</b>: the store named by {@link AccountDetails#shard()}, or {@code new} when the account
 *       has no shard;</li>
 *   <li><b>migrating</b>: {@link AccountDetails#isMigrating()}; the dashboard's {@code s} key gives an
 *       account the next shard and switches this on, so its notes may still be in the old shard.</li>
 * </ul>
 * The facts of exercise 1 still hold: two versions serve at once during a rollout, the newest
 * {@code updatedAt} wins, deletes stick (a store remembers them, and refuses a later copy of the note),
 * and one version runs one call at a time (one lock), so a read and a write inside one method are one
 * step against that version, never against the other one. Grade with {@code --grade 2}.
 *
 * <h2>Deploy in this order, each rollout finished before the next</h2>
 * <ol>
 *   <li>The read paths, and everything else but {@code assignShard}: TODOs 0 and 2 to 10. Reads look at
 *       home and, while migrating, in the other shard; deletes reach every shard; creates go home.
 *       Keep {@code assignShard} answering empty: no account has a shard yet, so users see no change.
 *       {@code --grade 2} then fails only "shard assignment is balanced".</li>
 *   <li>{@code assignShard} (TODO 1). From now on an account may live in {@code second}, and the
 *       version serving beside yours already knows where its notes are. Had you deployed both steps
 *       at once, the old version would create such an account's notes in {@code new} during the
 *       rollout while yours looks for them in {@code second} only: misses.</li>
 *   <li>Only then move accounts with {@code s}, and start the backfill with {@code b} for the notes
 *       nobody writes.</li>
 * </ol>
 * Accounts created before {@code assignShard} was deployed keep no shard (they live in {@code new});
 * to see it work, create an account afterwards (the README shows how) and look at its shard.
 */
