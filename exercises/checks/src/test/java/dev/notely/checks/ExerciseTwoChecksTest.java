package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.notely.checks.ShardingRouter.Bug;
import dev.notely.proxy.salted.SaltedShardRouter;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Exercise 2's own checks, each against a router that shards correctly but for one mistake: the check that
 * exists for that mistake fails, saying what went wrong; the correct router passes a whole grading.
 */
class ExerciseTwoChecksTest {

    private static final String STABLE = "shard assignment is stable";
    private static final String BALANCED = "shard assignment is balanced";
    private static final String CREATES = "creates land in the account's shard";
    private static final String NO_SHARD = "an account without a shard lives in new";
    private static final String NOT_MIGRATING = "non-migrating accounts touch only their shard";
    private static final String FALLBACK = "reads fall back to the other shard while migrating";
    private static final String UPDATE_MOVES = "an update moves a note into the account's shard";
    private static final String AWAY_AND_BACK = "a note moved away and back ends in its home shard";
    private static final String BACKFILL = "the backfill moves every note into the account's shard";
    private static final String AND_BACK = "an account moved to second and back to new: ";
    private static final String REMOVE_MOVED = "Take a moved copy out with removeMovedNote, not deleteNote: a shard "
            + "remembers a delete, and refuses the note from then on";

    /** Runs exercise 2's check named {@code name} on routers of {@code factory}; returns why it failed, or "passed". */
    private static String run(String name, Function<NoteStores, NoteRouter> factory) throws Exception {
        return Verdict.of(ExerciseTwo.checks(), name, factory);
    }

    @Test
    void aCorrectShardingRouterPassesAWholeGrading() {
        List<CheckResult> results = Grader.grade(2, ShardingRouter.factory());

        assertEquals(Grader.checkNames(2), results.stream().map(CheckResult::name).toList());
        assertEquals(List.of(), results.stream().filter(r -> !r.passed()).map(r -> r.name() + ": " + r.reason()).toList());
    }

    @Test
    void anAssignmentThatTakesTurnsIsCaughtAsUnstable() throws Exception {
        assertEquals("assignShard gave the same account two different shards", run(STABLE, ShardingRouter.factory(Bug.TAKES_TURNS)));
    }

    @Test
    void aStaticRandomSaltIsCaughtOnlyByAskingAnotherProcess() throws Exception {
        assertEquals("DataProxy in another process put the same account in a different shard: use a function of the "
                + "id only (no random salt, no counter)", run(STABLE, SaltedShardRouter::new));
        assertEquals("passed", run(BALANCED, SaltedShardRouter::new), "within one process a salted assignment is balanced");
    }

    @Test
    void aShardPickedByTheUuidVariantBitPutsEveryAccountInOneShard() throws Exception {
        assertEquals("100 % of 10000 accounts went to new; spread them evenly (about half each)",
                run(BALANCED, ShardingRouter.factory(Bug.SHARD_BY_VARIANT_BIT)));
    }

    @Test
    void aSpreadOfFiftyFiveToFortyFiveIsBalancedEnoughAndFiftySixIsNot() throws Exception {
        // Of the check's ids, 55 % have a hash below 54 modulo 100, and 56 % one below 55.
        assertEquals("passed", run(BALANCED, ShardingRouter.leaningToNew(54)));
        assertEquals("56 % of 10000 accounts went to new; spread them evenly (about half each)",
                run(BALANCED, ShardingRouter.leaningToNew(55)));
    }

    @Test
    void anAssignmentOfNoShardOrOfAStoreThatIsNoShardIsCaught() throws Exception {
        assertEquals("assignShard returned no shard: every new account should get one", run(BALANCED, ShardingRouter.factory(Bug.NO_SHARD)));
        assertEquals("assignShard returned 'legacy'; shards are new and second",
                run(BALANCED, ShardingRouter.factory(Bug.SHARDS_OVER_EVERY_STORE)));
    }

    @Test
    void aCreateOutsideTheAccountsShardIsCaught() throws Exception {
        assertEquals("a note created for an account in shard second is not in second", run(CREATES, ShardingRouter.factory(Bug.CREATES_IN_NEW)));
        assertEquals("a note created for an account in shard new landed in second",
                run(CREATES, ShardingRouter.factory(Bug.CREATES_IN_EVERY_SHARD)));
    }

    @Test
    void aNoteCreatedInItsShardButReadElsewhereIsCaught() throws Exception {
        assertEquals("a note created in shard second cannot be read back", run(CREATES, ShardingRouter.factory(Bug.READS_IN_NEW)));
    }

    @Test
    void anAccountWithoutAShardThatIsNotServedFromNewIsCaught() throws Exception {
        assertEquals("an account without a shard does not see its notes in new",
                run(NO_SHARD, ShardingRouter.factory(Bug.NO_SHARD_MEANS_SECOND)));
        assertEquals("a note of an account without a shard did not land in new",
                run(NO_SHARD, ShardingRouter.factory(Bug.CREATES_WITHOUT_A_SHARD_IN_SECOND)));
    }

    @Test
    void aNonMigratingAccountsCallsReachingAnotherShardAreCaught() throws Exception {
        assertEquals("a non-migrating account's list should show its own shard only",
                run(NOT_MIGRATING, ShardingRouter.factory(Bug.LISTS_EVERY_SHARD)));
        assertEquals("an update of a non-migrating account did not reach its shard",
                run(NOT_MIGRATING, ShardingRouter.factory(Bug.UPDATES_IN_NEW)));
        assertEquals("a non-migrating account's call changed another shard",
                run(NOT_MIGRATING, ShardingRouter.factory(Bug.UPDATES_EVERY_SHARD)));
    }

    @Test
    void readsOrListsThatDoNotFallBackToTheOtherShardAreCaught() throws Exception {
        assertEquals("a migrating account's note only in the old shard was not found (fall back to the old shard)",
                run(FALLBACK, ShardingRouter.moving(MovingRouter.Bug.READS_ONLY_TO)));
        assertEquals("a note that is only in the old shard is missing from a migrating account's list",
                run(FALLBACK, ShardingRouter.moving(MovingRouter.Bug.LISTS_ONLY_TO)));
        assertEquals("a note that is in both shards (half-way through its move) is listed twice",
                run(FALLBACK, ShardingRouter.moving(MovingRouter.Bug.LISTS_BOTH_COPIES)));
    }

    @Test
    void anUpdateThatDoesNotBringTheNoteHomeWithItsContentIsCaught() throws Exception {
        assertEquals("after an update, the note is not in the account's shard with the updated content",
                run(UPDATE_MOVES, ShardingRouter.moving(MovingRouter.Bug.UPDATES_IN_PLACE)));
        assertEquals("after an update, the note is not in the account's shard with the updated content",
                run(UPDATE_MOVES, ShardingRouter.factory(Bug.MOVES_WITHOUT_THE_UPDATE)));
    }

    @Test
    void aMoveAwayThatFailsIsNamedBeforeTheMoveBackIsJudged() throws Exception {
        assertEquals("updating a note still in the old shard answered \"no such note\"",
                run(AWAY_AND_BACK, ShardingRouter.moving(MovingRouter.Bug.MOVE_ANSWERS_FALSE)));
        assertEquals("an update did not move the note into the account's shard, so moving it back cannot be checked yet: "
                + "fix \"an update moves a note into the account's shard\" first",
                run(AWAY_AND_BACK, ShardingRouter.moving(MovingRouter.Bug.UPDATES_IN_PLACE)));
    }

    @Test
    void aNoteMovedAwayWithDeleteNoteCannotComeBackAndIsLost() throws Exception {
        assertEquals(AND_BACK + "updating its note lost it: it is in no shard any more. " + REMOVE_MOVED,
                run(AWAY_AND_BACK, ShardingRouter.factory(Bug.MOVES_WITH_DELETE)));
        assertEquals(AND_BACK + "the backfill lost its notes: they are in no shard any more. " + REMOVE_MOVED,
                run(BACKFILL, ShardingRouter.factory(Bug.MOVES_WITH_DELETE)));
    }

    @Test
    void aMoveBackToNewThatLeavesTheNoteInSecondIsCaught() throws Exception {
        assertEquals(AND_BACK + "updating its note did not bring it home to new (it is still in second)",
                run(AWAY_AND_BACK, ShardingRouter.factory(Bug.MOVES_ONLY_INTO_SECOND)));
        assertEquals(AND_BACK + "the backfill did not bring its notes home to new (they are still in second)",
                run(BACKFILL, ShardingRouter.factory(Bug.MOVES_ONLY_INTO_SECOND)));
    }

    @Test
    void aMoveBackToNewThatLeavesACopyInSecondIsCaught() throws Exception {
        assertEquals(AND_BACK + "after an update its note is home in new, but still in second too",
                run(AWAY_AND_BACK, ShardingRouter.factory(Bug.LEAVES_MOVED_NOTES_IN_SECOND)));
        assertEquals(AND_BACK + "after the backfill its notes are home in new, but still in second too",
                run(BACKFILL, ShardingRouter.factory(Bug.LEAVES_MOVED_NOTES_IN_SECOND)));
    }

    @Test
    void aMoveBackThatDropsTheUpdateIsCaught() throws Exception {
        assertEquals(AND_BACK + "updating its note left \"before the moves\" in new instead of the update",
                run(AWAY_AND_BACK, ShardingRouter.factory(Bug.MOVES_WITHOUT_THE_UPDATE)));
    }

    @Test
    void theBackfillCheckJudgesTheSharedBackfillFirst() throws Exception {
        assertEquals("the backfill said it moved 7 notes; it took 9 out of the old shard: count each note it moves",
                run(BACKFILL, ShardingRouter.moving(MovingRouter.Bug.BACKFILL_COUNTS_ONLY_ARRIVALS)));
    }

    @Test
    void theSharedChecksSpeakOfShardsAndNameExerciseTwosDeleteCheck() throws Exception {
        assertEquals("an update older than the note in the account's shard replaced it",
                run("older updates are ignored", ShardingRouter.moving(MovingRouter.Bug.OVERWRITES_MOVED_NOTES)));
        assertEquals("deleting a note that is in both shards left a copy behind",
                run("deletes reach every shard", ShardingRouter.moving(MovingRouter.Bug.DELETES_ONE_COPY)));
        assertEquals("a delete left the note in new, so updating a deleted note cannot be checked yet: fix \"deletes reach "
                        + "every shard\" first",
                run("updating a missing or deleted note creates nothing", ShardingRouter.moving(MovingRouter.Bug.DELETES_ONLY_IN_TO)));
        assertEquals("a migrating account with 3 notes (one of them in both shards) is counted as 4",
                run("counts are right", ShardingRouter.moving(MovingRouter.Bug.COUNTS_COPIES_TWICE)));
    }
}
