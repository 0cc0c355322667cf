package dev.notely.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides which note store each note operation reaches: the seam a migration is built in. The data
 * proxy hosts exactly one router; the workshop's exercises are implementations of this interface.
 *
 * <p>A router is constructed with a {@link NoteStores} and opens the stores it needs. Every note call
 * carries the account's current {@link AccountDetails}, looked up fresh for each request. During a
 * rolling deployment two router versions serve the same stores at the same time, so every operation
 * must be safe to interleave with another version's: rely on last-write-wins updates, idempotent
 * upserts and idempotent deletes.
 */
public interface NoteRouter {

    /** Ids of the account's notes, each exactly once. */
    List<UUID> listNotes(AccountDetails account);

    Optional<Note> getNote(AccountDetails account, UUID noteId);

    /** @throws ConflictException when the note id is taken */
    void createNote(AccountDetails account, Note note);

    /**
     * Writes the note if it is newer than the stored one.
     *
     * @return whether the note exists; {@code false} becomes a 404 for the caller
     */
    boolean updateNote(AccountDetails account, Note note);

    /** Removes the note wherever it is; idempotent. */
    void deleteNote(AccountDetails account, UUID noteId);

    /** How many notes the account has, each counted once. */
    long countNotes(AccountDetails account);

    /** How many notes exist for all accounts. */
    long totalNotes();

    /** @throws StoreException when a store this router relies on is down */
    void healthCheck();

    /**
     * The shard a newly created account should live in. Asked once, when the account is created.
     *
     * @return a store name from {@link NoteStores#SHARDS}, or empty for no shard
     */
    Optional<String> assignShard(UUID accountId);

    /**
     * Brings the next page of the account's notes to where they belong, for the kit's backfill: the notes
     * nobody writes, which a move-on-write never reaches. The kit calls it for every account, page after
     * page, passing back {@link BackfillResult#next()}, while users and the other deployed version work on
     * the same notes: every step must be as safe to interleave as an update is.
     *
     * <p>What "where they belong" means is the router's business; an account with nothing to bring
     * answers {@link BackfillResult#done}. A router without a backfill keeps this default, and the kit
     * says so instead of failing.
     *
     * @param after the last note id of the previous page, or empty for the account's first page
     * @param limit the most notes to read for this page (at least 1)
     */
    default BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        throw RouterFeatures.noBackfill();
    }
}
