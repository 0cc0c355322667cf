package dev.notely.checks;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.MigrationStage;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.ShadowReads;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A router that follows exercise 3's stage table as the reference solution does, unless told to make one
 * of the mistakes the exercise's checks exist to catch.
 */
final class StagedRouter implements NoteRouter {

    /** The mistakes, each as a person writing a staged router might make it. */
    enum Bug {
        /** At live, get still reads legacy: live was taken to mean only that the shadow read starts. */
        LIVE_READS_LEGACY,
        /** Get reads both stores and returns the newer copy, as if the other store could only lag behind. */
        READS_THE_NEWER_COPY,
        /** Get falls back to the other store when the authoritative one has no such note, as in exercise 1. */
        GET_FALLS_BACK,
        /** The list merges both stores' notes, as in exercise 1. */
        LISTS_BOTH_STORES,
        /** The count still comes from legacy: only get and list were switched over. */
        COUNTS_LEGACY,
        /** A create goes to legacy, then to new while both are written, whichever store is authoritative. */
        CREATES_LEGACY_FIRST,
        /** A create reaches the authoritative store only: the second write was added to update and delete. */
        CREATE_WITHOUT_SECOND_WRITE,
        /** A create writes the other store first, in one try with the authoritative write, so its failure skips both. */
        CREATE_WRITES_SECOND_FIRST,
        /** Every write reaches both stores at every stage, off and complete included. */
        WRITES_BOTH_ALWAYS,
        /** At live, writes go to new only: reads no longer come from legacy, so why write it. */
        LIVE_WRITES_NEW_ONLY,
        /** An update goes to legacy, then to new while both are written, whichever store is authoritative. */
        UPDATES_LEGACY_FIRST,
        /** An update answers whether the note exists, and the write itself was left out. */
        DROPS_UPDATES,
        /** An update replaces the stored note whatever its time: takes the old one out and creates the new one. */
        UPDATE_OVERWRITES,
        /** An update reaches the authoritative store only. */
        UPDATE_WITHOUT_SECOND_WRITE,
        /** The second write of an update copies the incoming note, not what the authoritative store kept. */
        COPIES_THE_WRITE,
        /** An update answers true whatever the authoritative store said. */
        UPDATE_ANSWERS_TRUE,
        /** An update of a note that is not there upserts it, and answers whether it is there now. */
        UPDATE_UPSERTS,
        /** An update of a note that is not there upserts it, but answers the store's false. */
        UPDATE_UPSERTS_QUIETLY,
        /** A delete goes to legacy, then to new while both are written, whichever store is authoritative. */
        DELETES_LEGACY_FIRST,
        /** A delete reaches the authoritative store only. */
        DELETE_WITHOUT_SECOND_WRITE,
        /** A delete skips the other store when it does not hold the note, so no delete is remembered there. */
        DELETES_ONLY_WHERE_FOUND,
        /** No second write is guarded: a failing second store fails the call. */
        SECOND_WRITE_THROWS,
        /** The second write of a delete, written apart from the others, is not guarded. */
        DELETE_SECOND_WRITE_THROWS,
        /** In shadow and live, get returns the shadow read's answer. */
        SHADOW_ANSWERS,
        /** Only get is shadowed: list and count were forgotten. */
        SHADOWS_ONLY_GET,
        /** Get's shadow read compares only which note was found, not the note. */
        SHADOW_COMPARES_IDS,
        /** Reads are shadowed whenever both stores are written, dual-write and ramp-down included. */
        SHADOWS_WHILE_BOTH_WRITTEN,
        /** The shadow read is made before compare and handed to it as a value, so its failure escapes. */
        SHADOW_READS_MADE_FIRST,
        /** The backfill copies at every stage, off included. */
        BACKFILL_AT_EVERY_STAGE,
        /** The backfill copies legacy into new at every stage, as in exercise 1, even where new is authoritative. */
        BACKFILL_ALWAYS_TO_NEW,
        /** The backfill answers done after its first page. */
        BACKFILL_STOPS_AFTER_ONE_PAGE,
        /** The backfill copies, but never takes out of the other store what the authoritative one no longer holds. */
        BACKFILL_KEEPS_STALE_COPIES,
        /** The backfill always answers a cursor: the page's last id, or the one it was given for an empty page. */
        BACKFILL_IGNORES_SHORT_PAGES,
        /** The backfill answers null, as the generated stub did. */
        BACKFILL_ANSWERS_NULL,
        /** The backfill is not written yet: the router keeps the interface's default. */
        BACKFILL_UNSUPPORTED,
        /** At complete, the backfill does nothing: the notes are in new already, it seems. */
        COMPLETE_DOES_NOTHING,
        /** At complete, the backfill takes the notes out of legacy without copying them, trusting the second writes. */
        COMPLETE_REMOVES_WITHOUT_COPY,
        /** At complete, the backfill takes out of legacy only the notes it finds in new, and copies none. */
        COMPLETE_REMOVES_ONLY_COPIED,
        /** At complete, the backfill empties legacy of every account's notes, not only this account's. */
        COMPLETE_EMPTIES_EVERY_ACCOUNT
    }

    private final NoteStore legacy;
    private final NoteStore fresh;
    private final ShadowReads shadow;
    private final Set<Bug> bugs;

    StagedRouter(NoteStores stores, Set<Bug> bugs) {
        this.legacy = stores.open(NoteStores.LEGACY);
        this.fresh = stores.open(NoteStores.NEW);
        this.shadow = stores.shadowReads();
        this.bugs = bugs.isEmpty() ? EnumSet.noneOf(Bug.class) : EnumSet.copyOf(bugs);
    }

    /** The factory the checks build their routers with. */
    static Function<NoteStores, NoteRouter> factory(Bug... bugs) {
        return stores -> new StagedRouter(stores, Set.of(bugs));
    }

    private boolean has(Bug bug) {
        return bugs.contains(bug);
    }

    private NoteStore main(MigrationStage stage) {
        return stage.authoritative().equals(NoteStores.LEGACY) ? legacy : fresh;
    }

    private NoteStore other(MigrationStage stage) {
        return stage.authoritative().equals(NoteStores.LEGACY) ? fresh : legacy;
    }

    private boolean shadowed(MigrationStage stage) {
        return stage.shadowReads() || has(Bug.SHADOWS_WHILE_BOTH_WRITTEN) && stage.writesBoth();
    }

    private boolean writesBoth(MigrationStage stage) {
        return has(Bug.WRITES_BOTH_ALWAYS)
                || stage.writesBoth() && !(has(Bug.LIVE_WRITES_NEW_ONLY) && stage == MigrationStage.LIVE);
    }

    /** The shadow read to hand to compare: as it is, or already made. */
    private <T> Supplier<T> shadowRead(Supplier<T> read) {
        if (has(Bug.SHADOW_READS_MADE_FIRST)) {
            T made = read.get();
            return () -> made;
        }
        return read;
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        MigrationStage stage = account.stage();
        UUID id = account.accountId();
        NoteStore main = has(Bug.LIVE_READS_LEGACY) && stage == MigrationStage.LIVE ? legacy : main(stage);
        NoteStore other = other(stage);
        Optional<Note> note = main.getNote(id, noteId);
        if (has(Bug.GET_FALLS_BACK) && note.isEmpty()) {
            note = other.getNote(id, noteId);
        }
        if (has(Bug.READS_THE_NEWER_COPY)) {
            Optional<Note> theirs = other.getNote(id, noteId);
            if (theirs.isPresent() && (note.isEmpty() || theirs.get().isNewerThan(note.get()))) {
                note = theirs;
            }
        }
        if (!shadowed(stage)) {
            return note;
        }
        if (has(Bug.SHADOW_ANSWERS)) {
            return other.getNote(id, noteId);
        }
        if (has(Bug.SHADOW_COMPARES_IDS)) {
            shadow.compare(id, noteId, note.map(Note::id), stage.secondary(),
                    shadowRead(() -> other.getNote(id, noteId).map(Note::id)));
            return note;
        }
        return shadow.compare(id, noteId, note, stage.secondary(), shadowRead(() -> other.getNote(id, noteId)));
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        MigrationStage stage = account.stage();
        UUID id = account.accountId();
        List<UUID> ids = main(stage).listNotes(id);
        if (has(Bug.LISTS_BOTH_STORES)) {
            Set<UUID> both = new LinkedHashSet<>(ids);
            both.addAll(other(stage).listNotes(id));
            ids = List.copyOf(both);
        }
        if (shadowed(stage) && !has(Bug.SHADOWS_ONLY_GET)) {
            // Compared as sets: the two stores may list in different orders.
            shadow.compare(id, null, new HashSet<>(ids), stage.secondary(),
                    shadowRead(() -> new HashSet<>(other(stage).listNotes(id))));
        }
        return ids;
    }

    @Override
    public long countNotes(AccountDetails account) {
        MigrationStage stage = account.stage();
        UUID id = account.accountId();
        long count = (has(Bug.COUNTS_LEGACY) ? legacy : main(stage)).countNotes(id);
        if (shadowed(stage) && !has(Bug.SHADOWS_ONLY_GET)) {
            shadow.compare(id, null, count, stage.secondary(), shadowRead(() -> other(stage).countNotes(id)));
        }
        return count;
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        MigrationStage stage = account.stage();
        UUID id = account.accountId();
        NoteStore first = has(Bug.CREATES_LEGACY_FIRST) ? legacy : main(stage);
        NoteStore second = has(Bug.CREATES_LEGACY_FIRST) ? fresh : other(stage);
        if (has(Bug.CREATE_WRITES_SECOND_FIRST) && writesBoth(stage)) {
            try {
                second.upsertNote(id, note);
                first.createNote(id, note);
            } catch (RuntimeException e) {
                // the backfill repairs it
            }
            return;
        }
        first.createNote(id, note);
        if (!has(Bug.CREATE_WITHOUT_SECOND_WRITE)) {
            secondWrite(stage, () -> second.upsertNote(id, note));
        }
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        MigrationStage stage = account.stage();
        UUID id = account.accountId();
        NoteStore first = has(Bug.UPDATES_LEGACY_FIRST) ? legacy : main(stage);
        NoteStore second = has(Bug.UPDATES_LEGACY_FIRST) ? fresh : other(stage);
        boolean found;
        if (has(Bug.UPDATE_OVERWRITES)) {
            Optional<Note> current = first.getNote(id, note.id());
            current.ifPresent(old -> {
                first.removeMovedNote(id, old);
                first.createNote(id, note);
            });
            found = current.isPresent();
        } else {
            found = has(Bug.DROPS_UPDATES) ? first.getNote(id, note.id()).isPresent() : first.updateNote(id, note);
        }
        if (!found) {
            if (has(Bug.UPDATE_UPSERTS) || has(Bug.UPDATE_UPSERTS_QUIETLY)) {
                first.upsertNote(id, note);
                return has(Bug.UPDATE_UPSERTS) && first.getNote(id, note.id()).isPresent();
            }
            return has(Bug.UPDATE_ANSWERS_TRUE);
        }
        if (!has(Bug.UPDATE_WITHOUT_SECOND_WRITE)) {
            // Copy what the authoritative store holds now: the newest version, which need not be this write.
            secondWrite(stage, () -> {
                if (has(Bug.COPIES_THE_WRITE)) {
                    second.upsertNote(id, note);
                } else {
                    first.getNote(id, note.id()).ifPresent(current -> second.upsertNote(id, current));
                }
            });
        }
        return true;
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        MigrationStage stage = account.stage();
        UUID id = account.accountId();
        NoteStore first = has(Bug.DELETES_LEGACY_FIRST) ? legacy : main(stage);
        NoteStore second = has(Bug.DELETES_LEGACY_FIRST) ? fresh : other(stage);
        first.deleteNote(id, noteId);
        if (has(Bug.DELETE_WITHOUT_SECOND_WRITE)) {
            return;
        }
        if (has(Bug.DELETE_SECOND_WRITE_THROWS) && writesBoth(stage)) {
            second.deleteNote(id, noteId);
            return;
        }
        secondWrite(stage, () -> {
            if (!has(Bug.DELETES_ONLY_WHERE_FOUND) || second.getNote(id, noteId).isPresent()) {
                second.deleteNote(id, noteId);
            }
        });
    }

    /** The write to the other store, when the stage has one: its failure fails nothing. */
    private void secondWrite(MigrationStage stage, Runnable write) {
        if (!writesBoth(stage)) {
            return;
        }
        if (has(Bug.SECOND_WRITE_THROWS)) {
            write.run();
            return;
        }
        try {
            write.run();
        } catch (RuntimeException e) {
            // the store counts the failure, and the backfill repairs the copy
        }
    }

    /**
     * One page of the account's backfill: while both stores are written, the authoritative store's notes
     * are copied into the other (an upsert, so a newer copy or a delete there stays), and after the last
     * page, what the authoritative store no longer holds is taken out of the other. At complete, the
     * account's notes leave legacy, each once its copy is in new.
     */
    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        if (has(Bug.BACKFILL_UNSUPPORTED)) {
            return NoteRouter.super.backfill(account, after, limit);
        }
        if (has(Bug.BACKFILL_ANSWERS_NULL)) {
            return null;
        }
        MigrationStage stage = account.stage();
        UUID id = account.accountId();
        if (stage == MigrationStage.OFF && !has(Bug.BACKFILL_AT_EVERY_STAGE)
                || stage == MigrationStage.COMPLETE && has(Bug.COMPLETE_DOES_NOTHING)) {
            return BackfillResult.done(0);
        }
        if (stage == MigrationStage.COMPLETE) {
            if (has(Bug.COMPLETE_EMPTIES_EVERY_ACCOUNT)) {
                for (UUID each : legacy.pageAccounts(Optional.empty(), Integer.MAX_VALUE)) {
                    if (!each.equals(id)) {
                        leaveLegacy(each, Optional.empty(), Integer.MAX_VALUE);
                    }
                }
            }
            return leaveLegacy(id, after, limit);
        }
        NoteStore from = has(Bug.BACKFILL_ALWAYS_TO_NEW) ? legacy : main(stage);
        NoteStore to = has(Bug.BACKFILL_ALWAYS_TO_NEW) ? fresh : other(stage);
        List<Note> page = from.pageNotes(id, after, limit);
        for (Note note : page) {
            to.upsertNote(id, note);
        }
        int moved = page.size();
        if (page.size() < limit && !has(Bug.BACKFILL_KEEPS_STALE_COPIES)) {
            moved += removeStale(id, from, to);
        }
        if (has(Bug.BACKFILL_STOPS_AFTER_ONE_PAGE)) {
            return BackfillResult.done(moved);
        }
        if (has(Bug.BACKFILL_IGNORES_SHORT_PAGES)) {
            return new BackfillResult(moved, page.isEmpty() ? after.orElse(null) : page.get(page.size() - 1).id());
        }
        return BackfillResult.after(moved, page, limit);
    }

    /** Takes out of {@code to} the account's notes that {@code from} no longer holds, such as deletes made at off. */
    private static int removeStale(UUID id, NoteStore from, NoteStore to) {
        int removed = 0;
        for (UUID noteId : to.listNotes(id)) {
            Optional<Note> stale = from.getNote(id, noteId).isEmpty() ? to.getNote(id, noteId) : Optional.empty();
            if (stale.isPresent() && to.removeMovedNote(id, stale.get())) {
                removed++;
            }
        }
        return removed;
    }

    /** One page of the account's notes out of legacy, each copied into new first unless told otherwise. */
    private BackfillResult leaveLegacy(UUID id, Optional<UUID> after, int limit) {
        List<Note> page = legacy.pageNotes(id, after, limit);
        int removed = 0;
        for (Note note : page) {
            if (has(Bug.COMPLETE_REMOVES_ONLY_COPIED) && fresh.getNote(id, note.id()).isEmpty()) {
                continue;
            }
            if (!has(Bug.COMPLETE_REMOVES_WITHOUT_COPY) && !has(Bug.COMPLETE_REMOVES_ONLY_COPIED)) {
                fresh.upsertNote(id, note);
            }
            if (legacy.removeMovedNote(id, note)) {
                removed++;
            }
        }
        return BackfillResult.after(removed, page, limit);
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
