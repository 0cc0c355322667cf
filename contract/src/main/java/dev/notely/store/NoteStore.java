package dev.notely.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One named note store ({@code legacy}, {@code new}, {@code second}). Every call is scoped to one
 * account: a note is only ever seen through the account that created it.
 *
 * <p>The rules a migration relies on:
 * <ul>
 *   <li><b>Last write wins.</b> {@link #updateNote} and {@link #upsertNote} only apply a note whose
 *       {@code updatedAt} is strictly newer than the stored one; an older or equal write is ignored.
 *       Applying the same write twice, in any order with other writes, ends in the same state.</li>
 *   <li><b>Deletes stick.</b> {@link #deleteNote} remembers the delete (a tombstone), so no later copy of
 *       the note, by {@link #upsertNote} or {@link #createNote}, can bring it back: a move or a backfill
 *       that read the note before it was deleted cannot resurrect it. Deleting is idempotent, and works
 *       for a note that is not (yet) in this store.</li>
 *   <li><b>Moving away is not deleting.</b> {@link #removeMovedNote} takes out a copy that now lives in
 *       another store and leaves no tombstone, so the note can move back later.</li>
 *   <li><b>Acknowledged writes are durable.</b> When a call returns, the change is on disk and visible
 *       to every other handle and process using the same store.</li>
 * </ul>
 * Safe for use from many threads and from several processes at once.
 */
public interface NoteStore {

    /** The store's name, such as {@code legacy}. */
    String name();

    /** Ids of the account's notes, oldest first. */
    List<UUID> listNotes(UUID accountId);

    Optional<Note> getNote(UUID accountId, UUID noteId);

    /**
     * Stores a new note for the account.
     *
     * @throws ConflictException        when a note with this id exists already in this store
     * @throws IllegalArgumentException when the note's creator is not {@code accountId}
     */
    void createNote(UUID accountId, Note note);

    /**
     * Overwrites the note if {@code note.updatedAt()} is newer than the stored one (last write wins).
     *
     * @return whether the note exists in this store at all, whether or not this write was newer; {@code
     *         false} means nothing was written because the store does not hold the note
     */
    boolean updateNote(UUID accountId, Note note);

    /**
     * Inserts the note, or overwrites the stored one if this one is newer: the idempotent copy a
     * migration needs, safe to repeat and safe to race with an update.
     */
    void upsertNote(UUID accountId, Note note);

    /**
     * Deletes the note for good: removes it if it is here, and remembers the delete so that a later
     * {@link #upsertNote} or {@link #createNote} of the same note is refused. Deleting a missing note is
     * not an error, and still remembered.
     */
    void deleteNote(UUID accountId, UUID noteId);

    /**
     * Removes this store's copy of a note that has just been copied to another store: the second half of
     * a move. Nothing is remembered, so the note may be copied back here later. The copy is removed only
     * if it is not newer than {@code moved} (a write that reached this copy after it was read stays, to be
     * moved again) and not deleted (a tombstone stays).
     *
     * @return whether a copy was removed
     */
    boolean removeMovedNote(UUID accountId, Note moved);

    /**
     * Up to {@code limit} of the account's notes, in id order, starting after the note id {@code after}
     * (or from the first when empty): for walking an account's notes page by page. Pass the last id of a
     * page as {@code after} to get the next; a page shorter than {@code limit} is the last.
     */
    List<Note> pageNotes(UUID accountId, Optional<UUID> after, int limit);

    /**
     * Up to {@code limit} ids of accounts with notes in this store, in id order, starting after the
     * account id {@code after} (or from the first when empty).
     */
    List<UUID> pageAccounts(Optional<UUID> after, int limit);

    /** How many notes the account has in this store. */
    long countNotes(UUID accountId);

    /** How many notes this store holds for all accounts. */
    long totalNotes();

    /** @throws StoreException when the store cannot be queried */
    void healthCheck();
}
