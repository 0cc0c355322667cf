package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.checks.StagedRouter.Bug;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exercise 3's checks, each against a router that follows the stage table but for one mistake: the check
 * that exists for that mistake fails, saying what went wrong, in which stage, in the exercise's words; the
 * correct router passes them all.
 */
class ExerciseThreeChecksTest {

    private static final String READS = "reads come from the stage's authoritative store";
    private static final String WRITES = "writes reach the stores of the stage table";
    private static final String NEWEST = "the second write copies the newest version";
    private static final String FAILURE = "a failing second store does not fail the call";
    private static final String SHADOW = "shadow reads are compared and never change answers";
    private static final String BACKFILL = "the backfill copies every note and resurrects none";
    private static final String STEP_BACK = "one step back from every stage loses nothing";
    private static final String COMPLETE = "complete leaves legacy empty for the account";

    /** Runs the check named {@code name} on routers with {@code bugs}; returns why it failed, or "passed". */
    private static String run(String name, Bug... bugs) throws Exception {
        return Verdict.of(ExerciseThree.checks(), name, StagedRouter.factory(bugs));
    }

    @Test
    void aCorrectRouterPassesEveryCheck() {
        List<CheckResult> results = Grader.grade(3, StagedRouter.factory());
        assertEquals(List.of(READS, WRITES, NEWEST, FAILURE, SHADOW, BACKFILL, STEP_BACK, COMPLETE),
                results.stream().map(CheckResult::name).toList());
        results.forEach(r -> assertTrue(r.passed(), r.name() + ": " + r.reason()));
    }

    @Test
    void readsFromTheWrongStoreAreCaughtInTheStageWhereTheyGoWrong() throws Exception {
        assertEquals("get did not return the new copy (stage live)", run(READS, Bug.LIVE_READS_LEGACY));
        assertEquals("get did not return the legacy copy (stage off)", run(READS, Bug.READS_THE_NEWER_COPY));
        assertEquals("get found a note that is only in new (stage off): read legacy only", run(READS, Bug.GET_FALLS_BACK));
        assertEquals("the list is not the notes of legacy (stage off)", run(READS, Bug.LISTS_BOTH_STORES));
        assertEquals("the count is not the notes of new (stage live)", run(READS, Bug.COUNTS_LEGACY));
    }

    @Test
    void aCreateMissingFromAStoreOfTheTableOrReachingOneTooManyIsCaught() throws Exception {
        assertEquals("a created note is not in new (stage complete)", run(WRITES, Bug.CREATES_LEGACY_FIRST));
        assertEquals("a created note did not reach new (stage dual-write): this stage writes both stores",
                run(WRITES, Bug.CREATE_WITHOUT_SECOND_WRITE));
        assertEquals("a created note reached new (stage off): this stage writes legacy only",
                run(WRITES, Bug.WRITES_BOTH_ALWAYS));
        assertEquals("a created note did not reach legacy (stage live): this stage writes both stores",
                run(WRITES, Bug.LIVE_WRITES_NEW_ONLY));
    }

    @Test
    void anUpdateThatMissesAStoreOrAnswersWronglyIsCaught() throws Exception {
        assertEquals("updating an existing note answered \"no such note\" (stage complete)",
                run(WRITES, Bug.UPDATES_LEGACY_FIRST));
        assertEquals("an update did not reach legacy (stage off)", run(WRITES, Bug.DROPS_UPDATES));
        assertEquals("an update did not reach new (stage dual-write): this stage writes both stores",
                run(WRITES, Bug.UPDATE_WITHOUT_SECOND_WRITE));
        assertEquals("updating a deleted note answered true (stage off)", run(WRITES, Bug.UPDATE_ANSWERS_TRUE));
    }

    @Test
    void anUpdateThatCreatesAMissingNoteIsCaughtWhateverItAnswers() throws Exception {
        assertEquals("updating a note that is nowhere answered true (stage off)", run(WRITES, Bug.UPDATE_UPSERTS));
        assertEquals("updating a note that is nowhere created it in legacy (stage off)",
                run(WRITES, Bug.UPDATE_UPSERTS_QUIETLY));
    }

    @Test
    void aDeleteThatMissesAStoreOfTheTableIsCaught() throws Exception {
        assertEquals("a delete left the note in new (stage complete)", run(WRITES, Bug.DELETES_LEGACY_FIRST));
        assertEquals("a delete left the note in new (stage dual-write): deletes reach both stores here",
                run(WRITES, Bug.DELETE_WITHOUT_SECOND_WRITE));
    }

    @Test
    void anOutOfDateUpdateThatReplacesTheNewerNoteIsCaught() throws Exception {
        assertEquals("an out-of-date update replaced the newer note (stage dual-write)", run(NEWEST, Bug.UPDATE_OVERWRITES));
    }

    @Test
    void aSecondWriteOfTheIncomingUpdateIsCaught() throws Exception {
        assertEquals("the second write copied an update that legacy had refused as out of date (stage dual-write): "
                + "copy what the authoritative store holds after the update", run(NEWEST, Bug.COPIES_THE_WRITE));
    }

    @Test
    void aFailingSecondStoreThatFailsTheCallIsCaughtForEachWrite() throws Exception {
        assertEquals("a call failed because the write to new failed (stage dual-write): the new store is down "
                + "(upsertNote). Log that failure and carry on: the backfill repairs it", run(FAILURE, Bug.SECOND_WRITE_THROWS));
        assertEquals("a call failed because the write to new failed (stage dual-write): the new store is down "
                + "(deleteNote). Log that failure and carry on: the backfill repairs it",
                run(FAILURE, Bug.DELETE_SECOND_WRITE_THROWS));
    }

    @Test
    void aFailingSecondStoreThatSilentlySkipsTheAuthoritativeWriteIsCaught() throws Exception {
        assertEquals("the write to legacy is missing (stage dual-write)", run(FAILURE, Bug.CREATE_WRITES_SECOND_FIRST));
    }

    @Test
    void aShadowReadThatAnswersOrIsNeverMadeIsCaught() throws Exception {
        assertEquals("a shadow read changed the answer (stage shadow): return the authoritative store's",
                run(SHADOW, Bug.SHADOW_ANSWERS));
        assertEquals("get, list and count were not all shadowed (stage shadow): compare each with stores.shadowReads()",
                run(SHADOW, Bug.SHADOWS_ONLY_GET));
        assertEquals("reads were shadowed (stage dual-write): only shadow and live compare",
                run(SHADOW, Bug.SHADOWS_WHILE_BOTH_WRITTEN));
    }

    @Test
    void aShadowReadThatCannotSeeADifferenceIsCaught() throws Exception {
        assertEquals("a note that differs in new was not reported as a mismatch (stage shadow)",
                run(SHADOW, Bug.SHADOW_COMPARES_IDS));
    }

    @Test
    void aShadowReadWhoseFailureEscapesIsCaught() throws Exception {
        assertEquals("a read failed because its shadow read on new failed (stage shadow): the new store is down "
                + "(getNote). Run shadow reads through stores.shadowReads()", run(SHADOW, Bug.SHADOW_READS_MADE_FIRST));
    }

    @Test
    void aBackfillThatSkipsNotesIsCaught() throws Exception {
        assertEquals("after the backfill, a note of legacy is not in new (stage dual-write)",
                run(BACKFILL, Bug.BACKFILL_STOPS_AFTER_ONE_PAGE));
        assertEquals("after the backfill, a note of new is not in legacy (stage live)",
                run(BACKFILL, Bug.BACKFILL_ALWAYS_TO_NEW));
    }

    @Test
    void aBackfillOfAnAccountAtOffIsCaught() throws Exception {
        assertEquals("the backfill copied an account at stage off into new", run(BACKFILL, Bug.BACKFILL_AT_EVERY_STAGE));
    }

    @Test
    void aDeleteThatReachesLegacyOnlyLeavesANoteTheBackfillCannotTakeOut() throws Exception {
        // Together: deletes go to legacy only, as before the migration; at live the note stays in new.
        assertEquals("the backfill brought a deleted note back in new (stage live)",
                run(BACKFILL, Bug.DELETES_LEGACY_FIRST, Bug.DELETE_WITHOUT_SECOND_WRITE));
    }

    @Test
    void aBackfillThatLeavesANoteDeletedAtOffIsCaught() throws Exception {
        assertEquals("a note deleted while the account was back at off is still in new after the backfill: take out "
                + "of the other store what the authoritative one no longer holds (removeMovedNote)",
                run(BACKFILL, Bug.BACKFILL_KEEPS_STALE_COPIES));
    }

    @Test
    void aNoteDeletedUnderTheBackfillComesBackWhenNothingRemembersOrRemovesIt() throws Exception {
        // The delete left no tombstone in new, so only the clean-up after the last page could take the copy out.
        assertEquals("passed", run(BACKFILL, Bug.DELETES_ONLY_WHERE_FOUND));
        assertEquals("a note deleted by the other version while the backfill copied it is back in new",
                run(BACKFILL, Bug.DELETES_ONLY_WHERE_FOUND, Bug.BACKFILL_KEEPS_STALE_COPIES));
    }

    @Test
    void anUpdateWhoseSecondWriteIsMissingLeavesTheBackfillsOlderCopyWinning() throws Exception {
        assertEquals("a note updated by the other version while the backfill copied it holds an older version in new",
                run(BACKFILL, Bug.UPDATE_WITHOUT_SECOND_WRITE));
    }

    @Test
    void aBackfillThatNeverFinishesOrAnswersNothingSaysWhatToWrite() throws Exception {
        assertEquals("the backfill returned the cursor it was given (stage dual-write): it would never finish",
                run(BACKFILL, Bug.BACKFILL_IGNORES_SHORT_PAGES));
        assertEquals("backfill returned null (stage dual-write): return a BackfillResult",
                run(BACKFILL, Bug.BACKFILL_ANSWERS_NULL));
        assertEquals("no backfill yet: implement backfill(AccountDetails, Optional<UUID>, int)",
                run(BACKFILL, Bug.BACKFILL_UNSUPPORTED));
    }

    @Test
    void aStepBackThatLosesWritesOrBringsADeleteBackIsCaught() throws Exception {
        assertEquals("the note \"updated at live\" is \"before\" after going back from live to shadow",
                run(STEP_BACK, Bug.LIVE_WRITES_NEW_ONLY));
        assertEquals("a deleted note is back after going back from live to shadow",
                run(STEP_BACK, Bug.DELETE_WITHOUT_SECOND_WRITE));
    }

    @Test
    void aCompleteThatLeavesNotesInLegacyCountsThem() throws Exception {
        assertEquals("8 of the account's notes are still in legacy after the backfill at complete",
                run(COMPLETE, Bug.COMPLETE_DOES_NOTHING));
        assertEquals("1 of the account's notes are still in legacy after the backfill at complete",
                run(COMPLETE, Bug.COMPLETE_REMOVES_ONLY_COPIED));
    }

    @Test
    void aCompleteThatLosesANoteOrEmptiesOtherAccountsIsCaught() throws Exception {
        assertEquals("a note removed from legacy at complete is not in new", run(COMPLETE, Bug.COMPLETE_REMOVES_WITHOUT_COPY));
        assertEquals("the backfill of one account at complete removed another account's legacy notes",
                run(COMPLETE, Bug.COMPLETE_EMPTIES_EVERY_ACCOUNT));
    }
}
