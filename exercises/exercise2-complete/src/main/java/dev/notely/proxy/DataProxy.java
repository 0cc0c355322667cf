package dev.notely.proxy;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

    private final Map<String, NoteStore> shards = new LinkedHashMap<>();

    public DataProxy(NoteStores stores) {
        for (String name : NoteStores.SHARDS) {
            shards.put(name, stores.open(name));
        }
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        // UUID.hashCode is specified by the JDK, so this is the same in every JVM; random ids spread evenly.
        return Optional.of(NoteStores.SHARDS.get(Math.floorMod(accountId.hashCode(), NoteStores.SHARDS.size())));
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        if (!account.isMigrating()) {
            return home(account).listNotes(account.accountId());
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (NoteStore store : homeFirst(account)) {
            ids.addAll(store.listNotes(account.accountId()));
        }
        return List.copyOf(ids);
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        if (!account.isMigrating()) {
            return home(account).getNote(account.accountId(), noteId);
        }
        for (NoteStore store : homeFirst(account)) {
            Optional<Note> note = store.getNote(account.accountId(), noteId);
            if (note.isPresent()) {
                return note;
            }
        }
        return Optional.empty();
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        home(account).createNote(account.accountId(), note);
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        NoteStore home = home(account);
        if (account.isMigrating()) {
            // Elsewhere first: if another version moves the note meanwhile, we fall through to home.
            for (NoteStore other : homeFirst(account).subList(1, shards.size())) {
                Optional<Note> old = other.getNote(account.accountId(), note.id());
                if (old.isPresent()) {
                    Note newest = note.isNewerThan(old.get()) ? note : old.get();
                    home.upsertNote(account.accountId(), newest);
                    other.removeMovedNote(account.accountId(), newest);
                    return true;
                }
            }
        }
        return home.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        for (NoteStore store : shards.values()) {
            store.deleteNote(account.accountId(), noteId);
        }
    }

    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        if (!account.isMigrating()) {
            return BackfillResult.done(0); // its notes are home already
        }
        // Every other shard's next page. Where they end together: at the limit-th id of them all, in the
        // order the stores page in (ids as text); a note past it waits for the next page, so one cursor
        // walks every other shard at once.
        Map<NoteStore, List<Note>> pages = new LinkedHashMap<>();
        TreeSet<String> ids = new TreeSet<>();
        for (NoteStore other : homeFirst(account).subList(1, shards.size())) {
            List<Note> page = other.pageNotes(account.accountId(), after, limit);
            pages.put(other, page);
            page.forEach(note -> ids.add(note.id().toString()));
        }
        Optional<String> end = ids.stream().skip(limit - 1L).findFirst();
        NoteStore home = home(account);
        int moved = 0;
        for (Map.Entry<NoteStore, List<Note>> page : pages.entrySet()) {
            for (Note note : page.getValue()) {
                if (end.isPresent() && note.id().toString().compareTo(end.get()) > 0) {
                    continue;
                }
                // The same two steps as an update's move, with the note as it was read.
                home.upsertNote(account.accountId(), note);
                if (page.getKey().removeMovedNote(account.accountId(), note)) {
                    moved++;
                }
            }
        }
        return end.isPresent() ? new BackfillResult(moved, UUID.fromString(end.get())) : BackfillResult.done(moved);
    }

    @Override
    public long countNotes(AccountDetails account) {
        return account.isMigrating() ? listNotes(account).size() : home(account).countNotes(account.accountId());
    }

    @Override
    public long totalNotes() {
        return shards.values().stream().mapToLong(NoteStore::totalNotes).sum();
    }

    @Override
    public void healthCheck() {
        shards.values().forEach(NoteStore::healthCheck);
    }

    private NoteStore home(AccountDetails account) {
        return shards.getOrDefault(account.assignedShard().orElse(NoteStores.NEW), shards.get(NoteStores.NEW));
    }

    /** The account's home shard, then the others. */
    private List<NoteStore> homeFirst(AccountDetails account) {
        NoteStore home = home(account);
        List<NoteStore> ordered = new ArrayList<>();
        ordered.add(home);
        shards.values().stream().filter(s -> s != home).forEach(ordered::add);
        return ordered;
    }
}

/*
 * ---------------------------------------------------------------- this stage
 *
 * Stage exercise2-complete: a reference solution for exercise 2.
 *
 * <p>Every account has a home shard: the one in its {@link AccountDetails#shard()}, or {@code new}
 * when it has none. New accounts are spread over the shards by {@link #assignShard}, a function of
 * the id alone, so every proxy version (and every restart) agrees on it. An account that is not
 * migrating only ever touches its home shard.
 *
 * <p>While an account is migrating (it was just given another shard), its notes may still be in the
 * shard it came from: reads fall back to the other shards, and every update moves the note it
 * touches home, copy first and removal second, with the same last-write-wins care as exercise 1.
 * {@link #backfill} moves the notes nobody writes, a page at a time, in the same two steps.
 *
 * <p>A moved copy is taken out with {@code removeMovedNote}, never {@code deleteNote}: a delete is
 * remembered, and the store would then refuse the note for good. An account can move away and back
 * ({@code s} twice), and its notes must be able to follow it home again.
 *
 * <p>Deletes always reach every shard, so a delete finds the note wherever it is at that moment, in
 * both shards too when it is half-way through a move; the shards remember the delete, so an update or
 * a backfill that read the note just before it cannot copy it home afterwards.
 */
