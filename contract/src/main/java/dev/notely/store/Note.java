package dev.notely.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A note. Times are kept to the millisecond, as stored, so that a note read back compares equal to the
 * one written and "newer" means the same thing everywhere.
 *
 * @param id        stable identifier, chosen by whoever creates the note
 * @param creator   the account that owns the note
 * @param createdAt when the note was created
 * @param updatedAt when the note's content was last written; the newest write wins
 * @param content   the text of the note
 */
public record Note(UUID id, UUID creator, Instant createdAt, Instant updatedAt, String content) {

    public Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(content, "content");
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MILLIS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MILLIS);
    }

    /** This note with new content written at {@code at}. */
    public Note withContent(String newContent, Instant at) {
        return new Note(id, creator, createdAt, at, newContent);
    }

    /**
     * Checks the note is written for the account that created it: stores match a note by its id and its
     * own creator, so this makes the creator the account a call is scoped to.
     *
     * @throws IllegalArgumentException when the note's creator is not {@code accountId}
     */
    public void requireCreator(UUID accountId) {
        if (!creator.equals(accountId)) {
            throw new IllegalArgumentException("note " + id + " belongs to account " + creator + ", not " + accountId);
        }
    }

    /** Whether this version of the note was written after {@code other}. */
    public boolean isNewerThan(Note other) {
        return updatedAt.isAfter(other.updatedAt);
    }
}
