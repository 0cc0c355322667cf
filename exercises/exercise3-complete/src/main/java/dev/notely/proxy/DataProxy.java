package dev.notely.proxy;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.MigrationStage;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.ShadowReads;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(DataProxy.class);

    private final NoteStore legacy;
    private final NoteStore fresh;
    private final ShadowReads shadow;

    public DataProxy(NoteStores stores) {
        this.legacy = stores.open(NoteStores.LEGACY);
        this.fresh = stores.open(NoteStores.NEW);
        this.shadow = stores.shadowReads();
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        MigrationStage stage = account.stage();
        List<UUID> ids = authoritative(stage).listNotes(account.accountId());
        if (stage.shadowReads()) {
            // Compared as sets: the two stores may list in different orders.
            shadow.compare(account.accountId(), null, new HashSet<>(ids), stage.secondary(),
                    () -> new HashSet<>(secondary(stage).listNotes(account.accountId())));
        }
        return ids;
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        MigrationStage stage = account.stage();
        Optional<Note> note = authoritative(stage).getNote(account.accountId(), noteId);
        if (stage.shadowReads()) {
            shadow.compare(account.accountId(), noteId, note, stage.secondary(),
                    () -> secondary(stage).getNote(account.accountId(), noteId));
        }
        return note;
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        MigrationStage stage = account.stage();
        authoritative(stage).createNote(account.accountId(), note);
        secondWrite(account, "create", note.id(), other -> other.upsertNote(account.accountId(), note));
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        MigrationStage stage = account.stage();
        NoteStore main = authoritative(stage);
        if (!main.updateNote(account.accountId(), note)) {
            return false;
        }
        // Copy what the authoritative store holds now: the newest version, which need not be this write.
        secondWrite(account, "update", note.id(), other -> main.getNote(account.accountId(), note.id())
                .ifPresent(current -> other.upsertNote(account.accountId(), current)));
        return true;
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        MigrationStage stage = account.stage();
        authoritative(stage).deleteNote(account.accountId(), noteId);
        secondWrite(account, "delete", noteId, other -> other.deleteNote(account.accountId(), noteId));
    }

    @Override
    public long countNotes(AccountDetails account) {
        MigrationStage stage = account.stage();
        long count = authoritative(stage).countNotes(account.accountId());
        if (stage.shadowReads()) {
            shadow.compare(account.accountId(), null, count, stage.secondary(),
                    () -> secondary(stage).countNotes(account.accountId()));
        }
        return count;
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

    /**
     * One page of the account's backfill. While both stores are written, it copies the authoritative
     * store's notes into the other (an upsert: a newer copy there stays, a deleted note stays deleted),
     * which also repairs second writes that failed, and takes out of the other store what the
     * authoritative one no longer holds. At {@code complete} it removes the account's notes
     * from legacy, each once its copy is in new. At {@code off} there is nothing to do.
     */
    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        MigrationStage stage = account.stage();
        UUID id = account.accountId();
        if (stage == MigrationStage.OFF) {
            return BackfillResult.done(0);
        }
        if (stage == MigrationStage.COMPLETE) {
            List<Note> page = legacy.pageNotes(id, after, limit);
            int removed = 0;
            for (Note note : page) {
                // Copy first, in case a second write was lost: new must hold the note before legacy lets go.
                fresh.upsertNote(id, note);
                if (legacy.removeMovedNote(id, note)) {
                    removed++;
                }
            }
            return BackfillResult.after(removed, page, limit);
        }
        NoteStore from = authoritative(stage);
        NoteStore to = secondary(stage);
        List<Note> page = from.pageNotes(id, after, limit);
        for (Note note : page) {
            to.upsertNote(id, note);
        }
        BackfillResult result = BackfillResult.after(page.size(), page, limit);
        return new BackfillResult(result.moved() + removeStale(id, from, to, after, result.next(), limit),
                result.next());
    }

    /**
     * Takes out of {@code to} the notes between {@code after} and {@code upTo} (the end when null) that
     * {@code from} no longer holds: deleted while the account was back at {@code off}, where deletes reach
     * legacy only. No tombstone is left, so a write still on its way to both stores is not blocked.
     */
    private static int removeStale(UUID id, NoteStore from, NoteStore to, Optional<UUID> after, UUID upTo, int limit) {
        int removed = 0;
        Optional<UUID> cursor = after;
        while (true) {
            List<Note> theirs = to.pageNotes(id, cursor, limit);
            for (Note note : theirs) {
                if (upTo != null && note.id().toString().compareTo(upTo.toString()) > 0) {
                    return removed;
                }
                if (from.getNote(id, note.id()).isEmpty() && to.removeMovedNote(id, note)) {
                    removed++;
                }
            }
            if (theirs.size() < limit) {
                return removed;
            }
            cursor = Optional.of(theirs.get(theirs.size() - 1).id());
        }
    }

    private NoteStore authoritative(MigrationStage stage) {
        return stage.authoritative().equals(NoteStores.LEGACY) ? legacy : fresh;
    }

    private NoteStore secondary(MigrationStage stage) {
        return stage.authoritative().equals(NoteStores.LEGACY) ? fresh : legacy;
    }

    /** The write to the other store, when the stage has one: its failure is logged, never thrown. */
    private void secondWrite(AccountDetails account, String what, UUID noteId, Consumer<NoteStore> write) {
        MigrationStage stage = account.stage();
        if (!stage.writesBoth()) {
            return;
        }
        try {
            write.accept(secondary(stage));
        } catch (RuntimeException e) {
            log.warn("second write failed, the backfill will repair it: {} of note {} (account {}) in {}: {}", what,
                    noteId, account.accountId(), stage.secondary(), e.getMessage());
        }
    }
}

/*
 * ---------------------------------------------------------------- this stage
 *
 * Stage exercise3-complete: a reference solution for exercise 3.
 *
 * <p>Each account moves through the stages of {@link MigrationStage}, one step at a time, and every step
 * but the last can be undone. The stage decides three things, all read from the stage table:
 * <ul>
 *   <li><b>the authoritative store</b> ({@link MigrationStage#authoritative()}): reads come from it and
 *       its write decides the answer, so a failure there fails the call;</li>
 *   <li><b>the second write</b> ({@link MigrationStage#writesBoth()}): after the authoritative write,
 *       the same change goes to the other store. If that fails, the user is not told: the failure is
 *       logged and counted (the store's error rate on the dashboard), and the backfill repairs it;</li>
 *   <li><b>shadow reads</b> ({@link MigrationStage#shadowReads()}): the read is repeated on the other
 *       store and compared, which never changes the answer.</li>
 * </ul>
 *
 * <p>Why going back one stage loses nothing: from {@code dual-write} to {@code ramp-down}, every write
 * reaches both stores, so either can take over as authoritative; a second write that failed is
 * repaired by the backfill before the kit lets an account move forward. {@code complete} is the one
 * step without a way back: the backfill then removes the account's notes from {@code legacy}.
 *
 * <p>Why it is safe with two versions serving: copies are upserts (the newest {@code updatedAt}
 * wins in any order), the second write of an update copies what the authoritative store holds after
 * the update (never an older write it refused), and deletes are remembered by the stores, so a backfill
 * or a second write that read a note before it was deleted cannot bring it back.
 */
