package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.notely.checks.MovingRouter.Bug;
import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks exercises 1 and 2 share, each against a router that moves notes correctly but for one mistake:
 * the check that exists for that mistake fails, saying what went wrong in the exercise's words; the correct
 * router passes them all.
 */
class MoveChecksTest {

    private static final MoveChecks ONE = ExerciseOne.MOVE;
    private static final MoveChecks TWO = ExerciseTwo.MOVE;

    /** Runs {@code check} on a router of {@code move} with {@code bugs}; returns why it failed, or "passed". */
    private static String run(MoveChecks move, Check.Scenario check, Bug... bugs) throws Exception {
        return Verdict.of(check, MovingRouter.factory(move, bugs));
    }

    private static Check.Scenario missingStaysMissing(MoveChecks move) {
        return f -> move.missingStaysMissing(f, "deletes reach both stores");
    }

    private static Check.Scenario listsBoth(MoveChecks move) {
        return f -> {
            AccountDetails a = move.account();
            Note inFrom = f.seed(move.from(), a.accountId(), "from", Fixture.T0);
            Note inTo = f.seed(move.to(), a.accountId(), "to", Fixture.T0);
            Note inBoth = f.seed(move.from(), a.accountId(), "both", Fixture.T0);
            f.store(move.to()).createNote(a.accountId(), inBoth);
            assertEquals(3, move.listsBoth(f, a, inFrom, inTo).size());
        };
    }

    @Test
    void aCorrectRouterPassesEveryMoveCheck() throws Exception {
        for (MoveChecks move : List.of(ONE, TWO)) {
            for (Check.Scenario check : List.<Check.Scenario>of(move::readsFallBack, listsBoth(move), move::updateMoves,
                    move::olderUpdatesIgnored, move::deletesReachBoth, missingStaysMissing(move), move::counts,
                    move::backfillMoves)) {
                assertEquals("passed", run(move, check), move.unit());
            }
        }
    }

    @Test
    void readsThatDoNotFallBackOrPreferTheOldCopyAreCaught() throws Exception {
        assertEquals("a migrating account's note only in legacy was not found (fall back to legacy)",
                run(ONE, ONE::readsFallBack, Bug.READS_ONLY_TO));
        assertEquals("for a note in both stores, get returned the copy in legacy: look in new first",
                run(ONE, ONE::readsFallBack, Bug.READS_FROM_FIRST));
        assertEquals("for a note in both shards, get returned the copy in the old shard: look in the account's shard first",
                run(TWO, TWO::readsFallBack, Bug.READS_FROM_FIRST));
    }

    @Test
    void readsThatNeverLookWhereNotesGoAreCaught() throws Exception {
        assertEquals("a migrating account's note only in new was not found", run(ONE, ONE::readsFallBack, Bug.READS_ONLY_FROM));
        assertEquals("a migrating account's note only in the account's shard was not found",
                run(TWO, TWO::readsFallBack, Bug.READS_ONLY_FROM));
    }

    @Test
    void updatesThatAnswerNoSuchNoteOrLoseTheSecondWriteAreCaught() throws Exception {
        assertEquals("updating a note still in legacy answered \"no such note\"",
                run(ONE, ONE::updateMoves, Bug.MOVE_ANSWERS_FALSE));
        assertEquals("updating a note that already moved answered \"no such note\"",
                run(ONE, ONE::updateMoves, Bug.UPDATES_ONLY_FROM));
        assertEquals("a second update of a moved note was lost", run(ONE, ONE::updateMoves, Bug.DROPS_UPDATES_OF_MOVED_NOTES));
    }

    @Test
    void aListMissingEitherPlaceOrNamingANoteTwiceIsCaught() throws Exception {
        assertEquals("a note that is only in new is missing from a migrating account's list",
                run(ONE, listsBoth(ONE), Bug.LISTS_ONLY_FROM));
        assertEquals("a note that is only in legacy is missing from a migrating account's list",
                run(ONE, listsBoth(ONE), Bug.LISTS_ONLY_TO));
        assertEquals("a note that is in both stores (half-way through its move) is listed twice",
                run(ONE, listsBoth(ONE), Bug.LISTS_BOTH_COPIES));
    }

    @Test
    void anUpdateThatDoesNotMoveTheNoteIsCaught() throws Exception {
        assertEquals("after an update, the note is not in new with the updated content",
                run(ONE, ONE::updateMoves, Bug.UPDATES_IN_PLACE));
        assertEquals("after an update, the note is still in legacy: delete it there once it is copied",
                run(ONE, ONE::updateMoves, Bug.LEAVES_THE_OLD_COPY));
    }

    @Test
    void anOlderUpdateThatReplacesANewerNoteIsCaughtWhereverTheNoteIs() throws Exception {
        assertEquals("an update older than the note in legacy replaced it: when moving, keep the newer version",
                run(ONE, ONE::olderUpdatesIgnored, Bug.MOVES_THE_OLDER_UPDATE));
        assertEquals("an update older than the note in new replaced it",
                run(ONE, ONE::olderUpdatesIgnored, Bug.OVERWRITES_MOVED_NOTES));
        assertEquals("an update older than the note in the account's shard replaced it",
                run(TWO, TWO::olderUpdatesIgnored, Bug.OVERWRITES_MOVED_NOTES));
    }

    @Test
    void aDeleteThatMissesACopyIsCaught() throws Exception {
        assertEquals("deleting a note that is in legacy left it there",
                run(ONE, ONE::deletesReachBoth, Bug.DELETES_ONLY_IN_TO));
        assertEquals("deleting a note that is in new left it there",
                run(ONE, ONE::deletesReachBoth, Bug.DELETES_ONLY_IN_FROM));
        assertEquals("deleting a note that is in both stores left a copy behind",
                run(ONE, ONE::deletesReachBoth, Bug.DELETES_ONE_COPY));
        assertEquals("deleting a note that is in both shards left a copy behind",
                run(TWO, TWO::deletesReachBoth, Bug.DELETES_ONE_COPY));
    }

    @Test
    void anUpdateThatCreatesAMissingNoteIsCaughtWhateverItAnswers() throws Exception {
        assertEquals("updating a note that is in no store answered true: answer false, so the API says 404",
                run(ONE, missingStaysMissing(ONE), Bug.UPDATE_CREATES));
        assertEquals("updating a note that is in no store created it in new: only move a note you found in legacy",
                run(ONE, missingStaysMissing(ONE), Bug.UPDATE_CREATES_QUIETLY));
        assertEquals("updating a note that is in no shard created it in second: only move a note you found in the old shard",
                run(TWO, missingStaysMissing(TWO), Bug.UPDATE_CREATES_QUIETLY));
    }

    @Test
    void aDeleteLeftBehindIsNamedBeforeUpdatesOfDeletedNotesAreJudged() throws Exception {
        assertEquals("a delete left the note in legacy, so updating a deleted note cannot be checked yet: fix "
                        + "\"deletes reach both stores\" first",
                run(ONE, missingStaysMissing(ONE), Bug.DELETES_ONLY_IN_TO));
    }

    @Test
    void countsThatCountACopyTwiceOrForgetAStoreAreCaught() throws Exception {
        assertEquals("a migrating account with 3 notes (one of them in both stores) is counted as 4",
                run(ONE, ONE::counts, Bug.COUNTS_COPIES_TWICE));
        assertEquals("totalNotes is 2 but the stores hold 4", run(ONE, ONE::counts, Bug.TOTAL_OF_TO_ONLY));
    }

    @Test
    void aBackfillThatLetsTheOlderCopyWinIsCaughtEitherWay() throws Exception {
        assertEquals("for a note in both stores, the backfill left the older copy in new: upsertNote the copy from "
                + "legacy, which replaces only an older one", run(ONE, ONE::backfillMoves, Bug.BACKFILL_SKIPS_COPIED));
        assertEquals("for a note in both stores, the backfill replaced the newer copy in new with the older one from "
                + "legacy: copy with upsertNote, which keeps the newest", run(ONE, ONE::backfillMoves, Bug.BACKFILL_OVERWRITES));
    }

    @Test
    void aBackfillThatBringsBackADeletedNoteIsCaught() throws Exception {
        // The delete never reached legacy and left nothing in new to refuse a copy: the backfill moves the note.
        assertEquals("the backfill brought back a note deleted before it ran, in new",
                run(ONE, ONE::backfillMoves, Bug.DELETES_ONLY_IN_TO, Bug.FORGETS_DELETES));
        assertEquals("the backfill brought back a note deleted before it ran, in second",
                run(TWO, TWO::backfillMoves, Bug.DELETES_ONLY_IN_TO, Bug.FORGETS_DELETES));
        // With the delete remembered in new, the note the backfill finds in legacy cannot come back.
        assertEquals("the backfill said it moved 10 notes; it took 9 out of legacy: count each note it moves",
                run(ONE, ONE::backfillMoves, Bug.DELETES_ONLY_IN_TO));
    }

    @Test
    void aBackfillThatMovesOtherAccountsOrMiscountsIsCaught() throws Exception {
        assertEquals("the backfill moved a note of an account that is not migrating: answer BackfillResult.done(0) for "
                        + "such an account, and leave its notes where they are",
                run(ONE, ONE::backfillMoves, Bug.BACKFILL_OF_EVERYONE));
        assertEquals("the backfill said it moved 7 notes; it took 9 out of legacy: count each note it moves",
                run(ONE, ONE::backfillMoves, Bug.BACKFILL_COUNTS_ONLY_ARRIVALS));
        assertEquals("the backfill said it moved 3 notes of an account that is not migrating, and moved none: answer "
                + "BackfillResult.done(0)", run(ONE, ONE::backfillMoves, Bug.BACKFILL_CLAIMS_UNMOVED));
    }

    @Test
    void aBackfillThatLeavesNotesBehindOrLosesThemIsCaught() throws Exception {
        assertEquals("after the backfill said it was done, 9 of a migrating account's 9 notes are still in legacy: move "
                + "every note of every page", run(ONE, ONE::backfillMoves, Bug.BACKFILL_LEAVES_THE_OLD_COPY));
        assertEquals("a note nobody wrote was taken out of the old shard by the backfill, but is not in the account's "
                + "shard: copy it there (upsertNote) before you remove it", run(TWO, TWO::backfillMoves, Bug.BACKFILL_REMOVES_WITHOUT_COPY));
    }

    @Test
    void aBackfillThatIsMissingOrAnswersNothingSaysWhatToWrite() throws Exception {
        assertEquals("no backfill yet: implement backfill(account, after, limit), which moves a migrating account's "
                + "notes from legacy to new, a page at a time", run(ONE, ONE::backfillMoves, Bug.BACKFILL_UNSUPPORTED));
        assertEquals("backfill returned null: answer BackfillResult.after(moved, page, limit), or "
                + "BackfillResult.done(0) when there is nothing to move", run(ONE, ONE::backfillMoves, Bug.BACKFILL_ANSWERS_NULL));
        assertEquals("the backfill answered with the cursor it was given, so it would be asked for the same page for "
                + "ever: answer BackfillResult.after(moved, page, limit)", run(ONE, ONE::backfillMoves, Bug.BACKFILL_NEVER_DONE));
    }

    @Test
    void aBackfillThatNeverComesBackShortIsStoppedAfterEnoughPages() throws Exception {
        assertEquals("the backfill of an account with 9 notes to move did not say it was done after 6 pages of 3: answer "
                + "BackfillResult.after(moved, page, limit), which is done once a page comes back short",
                run(ONE, ONE::backfillMoves, Bug.BACKFILL_NEVER_SHORT));
    }

    @Test
    void aBackfillThatThrowsItselfIsNotTakenForAMissingOne() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> run(ONE, ONE::backfillMoves, Bug.BACKFILL_THROWS));
        assertEquals("pages of 3 notes", e.getMessage());
    }
}
