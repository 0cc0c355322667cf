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

    public DataProxy(NoteStores stores) {
        this.legacy = stores.open(NoteStores.LEGACY);
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        return legacy.listNotes(account.accountId());
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        return legacy.getNote(account.accountId(), noteId);
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        legacy.createNote(account.accountId(), note);
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        return legacy.updateNote(account.accountId(), note);
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        legacy.deleteNote(account.accountId(), noteId);
    }

    @Override
    public long countNotes(AccountDetails account) {
        return legacy.countNotes(account.accountId());
    }

    @Override
    public long totalNotes() {
        return legacy.totalNotes();
    }

    @Override
    public void healthCheck() {
        legacy.healthCheck();
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return Optional.empty(); // no sharding yet: every account lives in the stores above
    }
}

/*
 * ---------------------------------------------------------------- this stage
 *
 * Stage exercise1-start: all notes live in the {@code legacy} store, and this router sends every call
 * there. There is no backfill yet: this class keeps the interface's default, and the kit says "this
 * DataProxy has no backfill".
 */
