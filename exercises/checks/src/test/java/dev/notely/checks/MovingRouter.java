package dev.notely.checks;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A router that moves a migrating account's notes from one store to another as the reference stages do,
 * unless told to make one of the mistakes the shared move checks, exercise 1's own or the interleaving checks
 * exist to catch. An account that is not migrating stays where notes come from. What an instance keeps in
 * memory is its own, as it is in each of two proxy processes.
 */
final class MovingRouter implements NoteRouter {

    /** The mistakes, each as a person writing a router might make it. */
    enum Bug {
        /** The list of an account that is not migrating comes from where notes are going, not where they are. */
        LISTS_SETTLED_ACCOUNTS_FROM_TO,
        /** Get of an account that is not migrating looks where notes are going, not where they are. */
        READS_SETTLED_ACCOUNTS_FROM_TO,
        /** Every create lands where notes are going, whether the account is migrating or not. */
        CREATES_ALWAYS_IN_TO,
        /** A create of a migrating account writes the note to both stores. */
        CREATES_IN_BOTH,
        /** An update moves the note whether the account is migrating or not. */
        MOVES_SETTLED_ACCOUNTS_NOTES,
        /** The count of an account that is not migrating comes from where notes are going. */
        COUNTS_SETTLED_ACCOUNTS_IN_TO,
        /** The list leaves out a note that is in both stores (half-way through its move) instead of naming it once. */
        LISTS_NEITHER_COPY,
        /** Get looks only where notes are going. */
        READS_ONLY_TO,
        /** Get looks where notes come from first, so it returns the old copy of a note in both. */
        READS_FROM_FIRST,
        /** Get looks only where notes come from, as before the migration. */
        READS_ONLY_FROM,
        /** The list leaves out the notes that have moved already. */
        LISTS_ONLY_FROM,
        /** The list leaves out the notes that have not moved yet. */
        LISTS_ONLY_TO,
        /** The list names a note in both stores twice. */
        LISTS_BOTH_COPIES,
        /** An update writes where it found the note, and never moves it. */
        UPDATES_IN_PLACE,
        /** An update copies the note but leaves the old copy behind. */
        LEAVES_THE_OLD_COPY,
        /** An update moves the note, then answers false, as if there were no such note. */
        MOVE_ANSWERS_FALSE,
        /** An update looks only where notes come from, so a note that moved is "no such note". */
        UPDATES_ONLY_FROM,
        /** An update of a note that moved already answers true but writes nothing. */
        DROPS_UPDATES_OF_MOVED_NOTES,
        /** A move copies the incoming update even when it is older than the note it moves. */
        MOVES_THE_OLDER_UPDATE,
        /** An update of a note that moved already overwrites it whatever its time. */
        OVERWRITES_MOVED_NOTES,
        /** A delete only looks where notes are going. */
        DELETES_ONLY_IN_TO,
        /** A delete only looks where notes come from. */
        DELETES_ONLY_IN_FROM,
        /** A delete takes the note out but leaves nothing behind to refuse a late copy (removeMovedNote). */
        FORGETS_DELETES,
        /** A delete stops at the first store that has the note. */
        DELETES_ONE_COPY,
        /** An update of a note that is nowhere creates it, and says so. */
        UPDATE_CREATES,
        /** An update of a note that is nowhere creates it, but answers false. */
        UPDATE_CREATES_QUIETLY,
        /** The count adds up both stores' lists, so a note in both counts twice. */
        COUNTS_COPIES_TWICE,
        /** The total forgets the store notes come from. */
        TOTAL_OF_TO_ONLY,
        /** The backfill does not copy a note that is already where it is going, whichever copy is newer. */
        BACKFILL_SKIPS_COPIED,
        /** The backfill replaces whatever is where a note is going, newer or not. */
        BACKFILL_OVERWRITES,
        /** The backfill moves the notes of every account, migrating or not. */
        BACKFILL_OF_EVERYONE,
        /** The backfill moves nothing for an account that is not migrating, but says it moved its notes. */
        BACKFILL_CLAIMS_UNMOVED,
        /** The backfill copies each note but leaves it where it was. */
        BACKFILL_LEAVES_THE_OLD_COPY,
        /** The backfill takes each note out of where it was without copying it first. */
        BACKFILL_REMOVES_WITHOUT_COPY,
        /** The backfill counts only the notes that were not where they are going yet. */
        BACKFILL_COUNTS_ONLY_ARRIVALS,
        /** The backfill answers null instead of a result. */
        BACKFILL_ANSWERS_NULL,
        /** The backfill answers the cursor it was given, for ever. */
        BACKFILL_NEVER_DONE,
        /** The backfill always answers a new cursor, even after its last page. */
        BACKFILL_NEVER_SHORT,
        /** The backfill is not written yet: the router keeps the interface's default. */
        BACKFILL_UNSUPPORTED,
        /** The backfill's own code refuses a call. */
        BACKFILL_THROWS,
        /** A move copies the note with createNote, which refuses a note another instance has copied a moment before. */
        COPIES_WITH_CREATE,
        /** A move copies the note with updateNote, which writes nothing where the note is not yet, then takes it out of where it was. */
        COPIES_WITH_UPDATE,
        /** A move takes the note out of where it was before it copies it, so for a moment the note is nowhere. */
        REMOVES_BEFORE_COPY,
        /** Get keeps each note it found in memory and answers from there, blind to what the other instance writes or deletes. */
        REMEMBERS_READS,
        /** The list keeps every id it has listed in memory, and forgets only the notes this instance deletes. */
        LIST_REMEMBERS_IDS,
        /** Get answers the last copy it saw when no store has the note, as if a note could be missing only half-way through its move. */
        FALLS_BACK_TO_MEMORY,
        /** Get answers nothing for a note this instance deleted, whatever the stores hold. */
        HIDES_OWN_DELETES
    }

    private final NoteStore from;
    private final NoteStore to;
    private final Set<Bug> bugs;
    /** What this instance keeps in memory when told to: the notes it read, the ids it listed, the ids it deleted. */
    private final Map<UUID, Note> read = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> listed = new ConcurrentHashMap<>();
    private final Set<UUID> deletedHere = ConcurrentHashMap.newKeySet();

    MovingRouter(NoteStores stores, MoveChecks move, Set<Bug> bugs) {
        this(stores, move.from(), move.to(), bugs);
    }

    /** A router moving a migrating account's notes from the store named {@code from} to the one named {@code to}. */
    MovingRouter(NoteStores stores, String from, String to, Set<Bug> bugs) {
        this.from = stores.open(from);
        this.to = stores.open(to);
        this.bugs = bugs.isEmpty() ? EnumSet.noneOf(Bug.class) : EnumSet.copyOf(bugs);
    }

    /** The factory the checks build their routers with. */
    static Function<NoteStores, NoteRouter> factory(MoveChecks move, Bug... bugs) {
        return stores -> new MovingRouter(stores, move, Set.of(bugs));
    }

    private boolean has(Bug bug) {
        return bugs.contains(bug);
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        if (has(Bug.LIST_REMEMBERS_IDS)) {
            Set<UUID> known = listed.computeIfAbsent(account.accountId(), id -> ConcurrentHashMap.newKeySet());
            known.addAll(listFromStores(account));
            return List.copyOf(known);
        }
        return listFromStores(account);
    }

    private List<UUID> listFromStores(AccountDetails account) {
        if (!account.isMigrating() && has(Bug.LISTS_SETTLED_ACCOUNTS_FROM_TO)) {
            return to.listNotes(account.accountId());
        }
        if (!account.isMigrating() || has(Bug.LISTS_ONLY_FROM)) {
            return from.listNotes(account.accountId());
        }
        if (has(Bug.LISTS_ONLY_TO)) {
            return to.listNotes(account.accountId());
        }
        if (has(Bug.LISTS_BOTH_COPIES)) {
            List<UUID> ids = new java.util.ArrayList<>(from.listNotes(account.accountId()));
            ids.addAll(to.listNotes(account.accountId()));
            return ids;
        }
        if (has(Bug.LISTS_NEITHER_COPY)) {
            List<UUID> inFrom = from.listNotes(account.accountId());
            List<UUID> inTo = to.listNotes(account.accountId());
            List<UUID> ids = new java.util.ArrayList<>(inFrom);
            ids.addAll(inTo);
            ids.removeIf(id -> inFrom.contains(id) && inTo.contains(id));
            return ids;
        }
        Set<UUID> ids = new LinkedHashSet<>(from.listNotes(account.accountId()));
        ids.addAll(to.listNotes(account.accountId()));
        return List.copyOf(ids);
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        if (has(Bug.HIDES_OWN_DELETES) && deletedHere.contains(noteId)) {
            return Optional.empty();
        }
        if (has(Bug.FALLS_BACK_TO_MEMORY)) {
            Optional<Note> found = getFromStores(account, noteId);
            found.ifPresent(note -> read.put(noteId, note));
            return found.or(() -> Optional.ofNullable(read.get(noteId)));
        }
        if (has(Bug.REMEMBERS_READS)) {
            Note known = read.get(noteId);
            if (known != null) {
                return Optional.of(known);
            }
            Optional<Note> found = getFromStores(account, noteId);
            found.ifPresent(note -> read.put(noteId, note));
            return found;
        }
        return getFromStores(account, noteId);
    }

    private Optional<Note> getFromStores(AccountDetails account, UUID noteId) {
        UUID id = account.accountId();
        if (!account.isMigrating()) {
            return (has(Bug.READS_SETTLED_ACCOUNTS_FROM_TO) ? to : from).getNote(id, noteId);
        }
        if (has(Bug.READS_ONLY_TO)) {
            return to.getNote(id, noteId);
        }
        if (has(Bug.READS_ONLY_FROM)) {
            return from.getNote(id, noteId);
        }
        if (has(Bug.READS_FROM_FIRST)) {
            return from.getNote(id, noteId).or(() -> to.getNote(id, noteId));
        }
        return to.getNote(id, noteId).or(() -> from.getNote(id, noteId));
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        (account.isMigrating() || has(Bug.CREATES_ALWAYS_IN_TO) ? to : from).createNote(account.accountId(), note);
        if (account.isMigrating() && has(Bug.CREATES_IN_BOTH)) {
            from.createNote(account.accountId(), note);
        }
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        read.remove(note.id());
        UUID id = account.accountId();
        if (!account.isMigrating() && !has(Bug.MOVES_SETTLED_ACCOUNTS_NOTES)) {
            return from.updateNote(id, note);
        }
        Optional<Note> old = from.getNote(id, note.id());
        if (old.isPresent()) {
            if (has(Bug.UPDATES_IN_PLACE)) {
                return from.updateNote(id, note);
            }
            Note newest = has(Bug.MOVES_THE_OLDER_UPDATE) || note.isNewerThan(old.get()) ? note : old.get();
            if (has(Bug.REMOVES_BEFORE_COPY)) {
                from.removeMovedNote(id, newest);
                to.upsertNote(id, newest);
                return true;
            }
            if (has(Bug.COPIES_WITH_CREATE)) {
                to.createNote(id, newest);
            } else if (has(Bug.COPIES_WITH_UPDATE)) {
                to.updateNote(id, newest);
            } else {
                to.upsertNote(id, newest);
            }
            if (!has(Bug.LEAVES_THE_OLD_COPY)) {
                from.removeMovedNote(id, newest);
            }
            return !has(Bug.MOVE_ANSWERS_FALSE);
        }
        if (has(Bug.UPDATES_ONLY_FROM)) {
            return false;
        }
        if (has(Bug.DROPS_UPDATES_OF_MOVED_NOTES)) {
            return to.getNote(id, note.id()).isPresent();
        }
        if (has(Bug.OVERWRITES_MOVED_NOTES)) {
            Optional<Note> moved = to.getNote(id, note.id());
            moved.ifPresent(current -> {
                to.removeMovedNote(id, current);
                to.createNote(id, note);
            });
            return moved.isPresent();
        }
        if (has(Bug.UPDATE_CREATES) || has(Bug.UPDATE_CREATES_QUIETLY)) {
            boolean found = to.updateNote(id, note);
            to.upsertNote(id, note);
            return has(Bug.UPDATE_CREATES) || found;
        }
        return to.updateNote(id, note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        read.remove(noteId);
        deletedHere.add(noteId);
        listed.values().forEach(ids -> ids.remove(noteId));
        UUID id = account.accountId();
        if (has(Bug.DELETES_ONE_COPY) && to.getNote(id, noteId).isPresent()) {
            to.deleteNote(id, noteId);
            return;
        }
        if (has(Bug.FORGETS_DELETES)) {
            to.getNote(id, noteId).ifPresent(note -> to.removeMovedNote(id, note));
        } else if (!has(Bug.DELETES_ONLY_IN_FROM)) {
            to.deleteNote(id, noteId);
        }
        if (!has(Bug.DELETES_ONLY_IN_TO)) {
            from.deleteNote(id, noteId);
        }
    }

    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        if (has(Bug.BACKFILL_UNSUPPORTED)) {
            return NoteRouter.super.backfill(account, after, limit);
        }
        if (has(Bug.BACKFILL_THROWS)) {
            throw new UnsupportedOperationException("pages of " + limit + " notes");
        }
        if (has(Bug.BACKFILL_ANSWERS_NULL)) {
            return null;
        }
        if (!account.isMigrating() && has(Bug.BACKFILL_CLAIMS_UNMOVED)) {
            return BackfillResult.done((int) from.countNotes(account.accountId()));
        }
        if (!account.isMigrating() && !has(Bug.BACKFILL_OF_EVERYONE)) {
            return BackfillResult.done(0);
        }
        UUID id = account.accountId();
        List<Note> page = from.pageNotes(id, after, limit);
        int moved = 0;
        for (Note note : page) {
            Optional<Note> there = to.getNote(id, note.id());
            if (has(Bug.BACKFILL_OVERWRITES) && there.isPresent()) {
                to.removeMovedNote(id, there.get());
                to.createNote(id, note);
            } else if ((!has(Bug.BACKFILL_SKIPS_COPIED) || there.isEmpty()) && !has(Bug.BACKFILL_REMOVES_WITHOUT_COPY)) {
                to.upsertNote(id, note);
            }
            if (has(Bug.BACKFILL_LEAVES_THE_OLD_COPY)) {
                moved++;
            } else if (from.removeMovedNote(id, note) && (!has(Bug.BACKFILL_COUNTS_ONLY_ARRIVALS) || there.isEmpty())) {
                moved++;
            }
        }
        if (has(Bug.BACKFILL_NEVER_SHORT)) {
            return new BackfillResult(moved, UUID.randomUUID());
        }
        if (has(Bug.BACKFILL_NEVER_DONE)) {
            return new BackfillResult(moved, page.isEmpty() ? after.orElse(null) : page.get(page.size() - 1).id());
        }
        return BackfillResult.after(moved, page, limit);
    }

    @Override
    public long countNotes(AccountDetails account) {
        if (!account.isMigrating() && has(Bug.COUNTS_SETTLED_ACCOUNTS_IN_TO)) {
            return to.countNotes(account.accountId());
        }
        if (has(Bug.COUNTS_COPIES_TWICE) && account.isMigrating()) {
            return from.countNotes(account.accountId()) + to.countNotes(account.accountId());
        }
        return listNotes(account).size();
    }

    @Override
    public long totalNotes() {
        return (has(Bug.TOTAL_OF_TO_ONLY) ? 0 : from.totalNotes()) + to.totalNotes();
    }

    @Override
    public void healthCheck() {
        from.healthCheck();
        to.healthCheck();
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return Optional.empty();
    }
}
