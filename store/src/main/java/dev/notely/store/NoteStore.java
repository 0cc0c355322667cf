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
 *   <li><b>Deletes are idempotent.</b> Deleting a note that is not there succeeds and does nothing.</li>
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

    /** Removes the note if it is there; removing a missing note is not an error. */
    void deleteNote(UUID accountId, UUID noteId);

    /** How many notes the account has in this store. */
    long countNotes(UUID accountId);

    /** How many notes this store holds for all accounts. */
    long totalNotes();

    /** @throws StoreException when the store cannot be queried */
    void healthCheck();
}
