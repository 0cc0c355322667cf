package dev.notely.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What one page of a backfill did for one account ({@link NoteRouter#backfill}).
 *
 * @param moved how many notes this page brought to where they belong
 * @param next  the cursor to pass as {@code after} for the account's next page, or {@code null} when
 *              the account is done
 */
public record BackfillResult(int moved, UUID next) {

    public BackfillResult {
        if (moved < 0) {
            throw new IllegalArgumentException("moved cannot be negative: " + moved);
        }
    }

    /** Nothing more to do for this account. */
    public static BackfillResult done(int moved) {
        return new BackfillResult(moved, null);
    }

    /**
     * The result of a page read with {@code limit}: done when the page was short, otherwise continue
     * after the page's last note.
     */
    public static BackfillResult after(int moved, List<Note> page, int limit) {
        return page.size() < limit ? done(moved) : new BackfillResult(moved, page.get(page.size() - 1).id());
    }

    /** The cursor for the account's next page; empty when it is done. */
    public Optional<UUID> nextPage() {
        return Optional.ofNullable(next);
    }

    public boolean isDone() {
        return next == null;
    }
}
