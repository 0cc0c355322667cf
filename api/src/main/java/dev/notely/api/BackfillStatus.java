package dev.notely.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A snapshot of the backfill, for {@code GET /backfill} and the dashboard.
 *
 * @param state          where the backfill is
 * @param message        why it is {@link State#UNSUPPORTED} (the data proxy's words) or {@link State#FAILING}
 *                       (the last error), empty otherwise
 * @param rate           notes per second it was asked to keep to
 * @param effectiveRate  the rate it keeps to now: lower than {@code rate} while it backs off for the users
 * @param notesPerSecond notes it moved per second over the last few seconds
 * @param moved          notes moved in this pass
 * @param left           notes not yet where they belong, counted in the stores
 * @param etaSeconds     when {@code left} should reach 0 at {@code notesPerSecond}; empty while nothing moves
 * @param apiP95Millis   the p95 of the users' requests over the last few seconds
 * @param p95LimitMillis above this p95 of the users' requests the backfill backs off
 * @param accounts       every account, in the order the backfill walks them
 */
public record BackfillStatus(
        State state,
        Optional<String> message,
        int rate,
        double effectiveRate,
        double notesPerSecond,
        long moved,
        long left,
        OptionalLong etaSeconds,
        double apiP95Millis,
        double p95LimitMillis,
        List<AccountProgress> accounts) {

    /** Where a backfill is. */
    public enum State {
        /** Never started on this data. */
        IDLE,
        RUNNING,
        /** Paused by a person; every account keeps its place. */
        PAUSED,
        /** Its last pass reached the end of the accounts; starting again begins a new pass. */
        DONE,
        /** The deployed data proxy has no backfill; it asks again now and then, and goes on once one has. */
        UNSUPPORTED,
        /** Its last page failed; it tries again with growing pauses. */
        FAILING;

        /** The state as JSON and the dashboard write it: {@code running}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for a word that is not a state */
        public static State ofWord(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One account's progress in the current pass.
     *
     * @param left notes of the account not yet where they belong
     * @param done whether the pass is through with the account
     */
    public record AccountProgress(UUID id, String name, long moved, long left, boolean done) {
    }

    /** The share of the pass done, 0 to 1: moved / (moved + left), 1 when there was nothing to move. */
    public double fraction() {
        return moved + left == 0 ? 1 : (double) moved / (moved + left);
    }

    /** Whether it is working through accounts, or trying to: running, failing or waiting for a backfill. */
    public boolean active() {
        return state == State.RUNNING || state == State.FAILING || state == State.UNSUPPORTED;
    }
}
