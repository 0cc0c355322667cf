package dev.notely.checks;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.ForwardingNoteStore;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A router that shards accounts over new and second as the reference stage of exercise 2 does, unless told
 * to make one of the mistakes exercise 2's own checks exist to catch. An account lives in its shard (new
 * when it has none); while it migrates, its notes come home from the other shard through a
 * {@link MovingRouter}, whose mistakes can be asked for as well.
 */
final class ShardingRouter implements NoteRouter {

    /** The mistakes, each as a person writing a sharding router might make it. */
    enum Bug {
        /** assignShard takes turns: each account it is asked about goes to the next shard, whatever its id. */
        TAKES_TURNS,
        /** assignShard picks the shard by the UUID's variant bit, which every random UUID has set. */
        SHARD_BY_VARIANT_BIT,
        /** assignShard still answers no shard, as before sharding. */
        NO_SHARD,
        /** assignShard spreads accounts over every store the kit knows, legacy too. */
        SHARDS_OVER_EVERY_STORE,
        /** A create lands in new, whatever the account's shard. */
        CREATES_IN_NEW,
        /** A create writes the note to every shard. */
        CREATES_IN_EVERY_SHARD,
        /** Get of an account that is not migrating looks in new, whatever its shard. */
        READS_IN_NEW,
        /** An account without a shard is taken to live in second. */
        NO_SHARD_MEANS_SECOND,
        /** A create of an account without a shard goes to second, while its reads look in new. */
        CREATES_WITHOUT_A_SHARD_IN_SECOND,
        /** The list of an account that is not migrating shows the notes of every shard. */
        LISTS_EVERY_SHARD,
        /** An update of an account that is not migrating goes to new, whatever its shard. */
        UPDATES_IN_NEW,
        /** An update of an account that is not migrating is copied into every shard, in case the account moves. */
        UPDATES_EVERY_SHARD,
        /** A move takes the old copy out with deleteNote, which the shard remembers, instead of removeMovedNote. */
        MOVES_WITH_DELETE,
        /** A move copies the note home as it found it, and drops the update that set the move off. */
        MOVES_WITHOUT_THE_UPDATE,
        /** Only a move into second is a move: an account migrating to new is served as if it were not migrating. */
        MOVES_ONLY_INTO_SECOND,
        /** A move takes the old copy out of new only: a note moving back from second stays there too. */
        LEAVES_MOVED_NOTES_IN_SECOND
    }

    private final Map<String, NoteStore> shards = new LinkedHashMap<>();
    /** Per home shard, the router moving a migrating account's notes there from the other shard. */
    private final Map<String, MovingRouter> movesHome = new LinkedHashMap<>();
    private final Set<Bug> bugs;
    /** For {@link #assignShard}: the share of accounts in new, in percent, or {@code null} for half of them. */
    private final Integer percentInNew;
    private int assigned;

    private ShardingRouter(NoteStores stores, Set<Bug> bugs, Set<MovingRouter.Bug> moveBugs, Integer percentInNew) {
        this.bugs = bugs.isEmpty() ? EnumSet.noneOf(Bug.class) : EnumSet.copyOf(bugs);
        this.percentInNew = percentInNew;
        for (String name : NoteStores.SHARDS) {
            shards.put(name, stores.open(name));
        }
        NoteStores moving = has(Bug.MOVES_WITH_DELETE) ? name -> removingWithDelete(stores.open(name)) : stores;
        NoteStores movingBack = has(Bug.LEAVES_MOVED_NOTES_IN_SECOND)
                ? name -> name.equals(NoteStores.SECOND) ? neverRemoving(stores.open(name)) : stores.open(name)
                : moving;
        movesHome.put(NoteStores.SECOND, new MovingRouter(moving, NoteStores.NEW, NoteStores.SECOND, moveBugs));
        movesHome.put(NoteStores.NEW, new MovingRouter(movingBack, NoteStores.SECOND, NoteStores.NEW, moveBugs));
    }

    /** The factory the checks build their routers with. */
    static Function<NoteStores, NoteRouter> factory(Bug... bugs) {
        return stores -> new ShardingRouter(stores, Set.of(bugs), Set.of(), null);
    }

    /** As {@link #factory}, with mistakes in moving a migrating account's notes home. */
    static Function<NoteStores, NoteRouter> moving(MovingRouter.Bug... bugs) {
        return stores -> new ShardingRouter(stores, Set.of(), Set.of(bugs), null);
    }

    /**
     * Routers that put an account in new when its id's hash, modulo 100, is below {@code percent}: a lean
     * towards new, such as someone expecting new to be the bigger shard might write.
     */
    static Function<NoteStores, NoteRouter> leaningToNew(int percent) {
        return stores -> new ShardingRouter(stores, Set.of(), Set.of(), percent);
    }

    private boolean has(Bug bug) {
        return bugs.contains(bug);
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        if (has(Bug.NO_SHARD)) {
            return Optional.empty();
        }
        if (has(Bug.TAKES_TURNS)) {
            return Optional.of(NoteStores.SHARDS.get(assigned++ % NoteStores.SHARDS.size()));
        }
        if (has(Bug.SHARD_BY_VARIANT_BIT)) {
            return Optional.of(accountId.getLeastSignificantBits() < 0 ? NoteStores.NEW : NoteStores.SECOND);
        }
        if (has(Bug.SHARDS_OVER_EVERY_STORE)) {
            return Optional.of(NoteStores.NAMES.get(Math.floorMod(accountId.hashCode(), NoteStores.NAMES.size())));
        }
        if (percentInNew != null) {
            return Optional.of(Math.floorMod(accountId.hashCode(), 100) < percentInNew ? NoteStores.NEW : NoteStores.SECOND);
        }
        return Optional.of(NoteStores.SHARDS.get(Math.floorMod(accountId.hashCode(), NoteStores.SHARDS.size())));
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        if (migrating(account)) {
            return moves(account).listNotes(account);
        }
        if (has(Bug.LISTS_EVERY_SHARD)) {
            Set<UUID> ids = new LinkedHashSet<>();
            shards.values().forEach(shard -> ids.addAll(shard.listNotes(account.accountId())));
            return List.copyOf(ids);
        }
        return home(account).listNotes(account.accountId());
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        if (migrating(account)) {
            return moves(account).getNote(account, noteId);
        }
        return (has(Bug.READS_IN_NEW) ? shards.get(NoteStores.NEW) : home(account)).getNote(account.accountId(), noteId);
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        if (has(Bug.CREATES_IN_EVERY_SHARD)) {
            shards.values().forEach(shard -> shard.createNote(account.accountId(), note));
            return;
        }
        boolean inNew = has(Bug.CREATES_IN_NEW);
        boolean inSecond = has(Bug.CREATES_WITHOUT_A_SHARD_IN_SECOND) && account.shard() == null;
        NoteStore shard = inNew ? shards.get(NoteStores.NEW) : inSecond ? shards.get(NoteStores.SECOND) : home(account);
        shard.createNote(account.accountId(), note);
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        UUID id = account.accountId();
        if (migrating(account) && has(Bug.MOVES_WITHOUT_THE_UPDATE)) {
            NoteStore other = other(account);
            Optional<Note> old = other.getNote(id, note.id());
            if (old.isPresent()) {
                home(account).upsertNote(id, old.get());
                other.removeMovedNote(id, old.get());
                return true;
            }
            return home(account).updateNote(id, note);
        }
        if (migrating(account)) {
            return moves(account).updateNote(account, note);
        }
        if (has(Bug.UPDATES_IN_NEW)) {
            return shards.get(NoteStores.NEW).updateNote(id, note);
        }
        boolean found = home(account).updateNote(id, note);
        if (has(Bug.UPDATES_EVERY_SHARD)) {
            shards.values().forEach(shard -> shard.upsertNote(id, note));
        }
        return found;
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        if (migrating(account)) {
            moves(account).deleteNote(account, noteId);
            return;
        }
        shards.values().forEach(shard -> shard.deleteNote(account.accountId(), noteId));
    }

    @Override
    public long countNotes(AccountDetails account) {
        return migrating(account) ? moves(account).countNotes(account) : home(account).countNotes(account.accountId());
    }

    @Override
    public long totalNotes() {
        return movesHome.get(NoteStores.SECOND).totalNotes();
    }

    @Override
    public void healthCheck() {
        shards.values().forEach(NoteStore::healthCheck);
    }

    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        return migrating(account) ? moves(account).backfill(account, after, limit) : BackfillResult.done(0);
    }

    private boolean migrating(AccountDetails account) {
        return account.isMigrating() && !(has(Bug.MOVES_ONLY_INTO_SECOND) && homeName(account).equals(NoteStores.NEW));
    }

    /** The name of the account's shard, or new for an account without one. */
    private String homeName(AccountDetails account) {
        String name = account.assignedShard().orElse(has(Bug.NO_SHARD_MEANS_SECOND) ? NoteStores.SECOND : NoteStores.NEW);
        return shards.containsKey(name) ? name : NoteStores.NEW;
    }

    private NoteStore home(AccountDetails account) {
        return shards.get(homeName(account));
    }

    /** The shard a migrating account's notes come from: the one that is not its home. */
    private NoteStore other(AccountDetails account) {
        String home = homeName(account);
        return shards.get(home.equals(NoteStores.NEW) ? NoteStores.SECOND : NoteStores.NEW);
    }

    private MovingRouter moves(AccountDetails account) {
        return movesHome.get(homeName(account));
    }

    /** {@code store}, taking a moved copy out with deleteNote. */
    private static NoteStore removingWithDelete(NoteStore store) {
        return new Passing(store) {
            @Override
            public boolean removeMovedNote(UUID accountId, Note moved) {
                delegate.deleteNote(accountId, moved.id());
                return true;
            }
        };
    }

    /** {@code store}, never giving up a moved copy. */
    private static NoteStore neverRemoving(NoteStore store) {
        return new Passing(store) {
            @Override
            public boolean removeMovedNote(UUID accountId, Note moved) {
                return false;
            }
        };
    }

    /** A store passing every call on as it is. */
    private static class Passing extends ForwardingNoteStore {

        Passing(NoteStore store) {
            super(store);
        }

        @Override
        protected <T> T around(String operation, Supplier<T> call) {
            return call.get();
        }
    }
}
