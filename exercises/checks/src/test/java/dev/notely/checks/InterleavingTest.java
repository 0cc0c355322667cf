package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.checks.MovingRouter.Bug;
import dev.notely.store.ForwardingNoteStore;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The interleaving checks of exercises 1 and 2, each against a router that moves notes correctly but for one
 * mistake: the check fails with the reason for that mistake, naming the note, the race of the two instances,
 * the seed and the round it happened in, the same on every run. A correct router loses and resurrects
 * nothing, in either scenario and for either exercise.
 */
class InterleavingTest {

    private static final MoveChecks ONE = ExerciseOne.MOVE;
    private static final MoveChecks TWO = ExerciseTwo.MOVE;

    /** The stores' driver loads once, before the first test, as it does in a grading JVM. */
    @BeforeAll
    static void warmUp() throws IOException {
        Fixture.warmUp();
    }

    /** Users' operations raced two at a time with {@code seed}, on a router of {@code move} with {@code bugs}. */
    private static String users(MoveChecks move, long seed, Bug... bugs) throws Exception {
        return run(move, Interleaving.scenario(new long[] {seed}, move), bugs);
    }

    /** The backfill's pages raced with users' writes with {@code seed}, on a router of {@code move} with {@code bugs}. */
    private static String backfill(MoveChecks move, long seed, Bug... bugs) throws Exception {
        return run(move, Interleaving.backfillScenario(new long[] {seed}, move), bugs);
    }

    /** Runs {@code check} on a router of {@code move} with {@code bugs}; returns why it failed, or "passed". */
    private static String run(MoveChecks move, Check.Scenario check, Bug... bugs) throws Exception {
        return run(check, MovingRouter.factory(move, bugs));
    }

    /** Runs {@code check} on routers of {@code router}; returns why it failed, or "passed". */
    private static String run(Check.Scenario check, Function<NoteStores, NoteRouter> router) throws Exception {
        return Verdict.of(check, router);
    }

    private static void assertMatches(String regex, String actual) {
        assertTrue(Pattern.matches(regex, actual), actual);
    }

    @Test
    void aCorrectRouterLosesAndResurrectsNothingInExerciseOne() throws Exception {
        assertEquals("passed", users(ONE, 1));
        assertEquals("passed", backfill(ONE, 1));
    }

    @Test
    void aCorrectRouterLosesAndResurrectsNothingInExerciseTwo() throws Exception {
        assertEquals("passed", users(TWO, 1));
        assertEquals("passed", backfill(TWO, 1));
    }

    @Test
    void eachOfTheSixtyRoundsGivesEachInstanceOneOperation() throws Exception {
        // Every round runs the two operations on two threads of their own: count the router calls made on each.
        Thread check = Thread.currentThread();
        Map<Thread, Integer> calls = new ConcurrentHashMap<>();
        Function<NoteStores, NoteRouter> recording = stores -> {
            NoteRouter router = MovingRouter.factory(ONE).apply(stores);
            return (NoteRouter) Proxy.newProxyInstance(NoteRouter.class.getClassLoader(), new Class<?>[] {NoteRouter.class},
                    (proxy, method, args) -> {
                        if (Thread.currentThread() != check) {
                            calls.merge(Thread.currentThread(), 1, Integer::sum);
                        }
                        try {
                            return method.invoke(router, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        assertEquals("passed", run(Interleaving.scenario(new long[] {1}, ONE), recording));
        assertEquals(2 * 60, calls.size(), "two operations a round");
        assertEquals(Set.of(1), Set.copyOf(calls.values()), "one router call per operation");
    }

    @Test
    void anUpdateOfAMovedNoteThatAnswersNoSuchNoteIsCaughtInTheRaceThatMovedIt() throws Exception {
        // The second update of the pair finds the note no longer where it started: the first one moved it.
        String reason = "an update of an existing note answered \"no such note\" (the first instance updated note #15 "
                + "while the second instance updated it too; seed 1, round 7 of 60)";
        assertEquals(reason, users(ONE, 1, Bug.UPDATES_ONLY_FROM));
        assertEquals(reason, users(TWO, 1, Bug.UPDATES_ONLY_FROM));
        assertEquals("an update of an existing note answered \"no such note\" (the first instance updated note #18 while "
                + "the second instance ran the backfill's page after note #28; seed 1, round 11)",
                backfill(ONE, 1, Bug.UPDATES_ONLY_FROM));
    }

    @Test
    void aMoveThatTakesTheNoteOutBeforeCopyingItIsCaughtByTheUpdateItRacesWith() throws Exception {
        // Alone, removing first and copying next leaves the note where it belongs: only a racing update sees the gap.
        assertEquals("an update of an existing note answered \"no such note\" (the first instance updated note #13 "
                + "while the second instance updated it too; seed 3, round 12 of 60)", users(ONE, 3, Bug.REMOVES_BEFORE_COPY));
    }

    @Test
    void aBackfillThatTakesNotesOutWithoutCopyingThemIsCaughtByTheUpdateItRacesWith() throws Exception {
        assertEquals("an update of an existing note answered \"no such note\" (the first instance ran the backfill's "
                + "first page while the second instance updated note #7; seed 1, round 1)",
                backfill(TWO, 1, Bug.BACKFILL_REMOVES_WITHOUT_COPY));
    }

    @Test
    void aReadThatCannotFindANoteNotMovedYetIsCaught() throws Exception {
        assertEquals("an acknowledged note could not be read (the first instance updated note #12 while the second "
                + "instance read note #11; seed 1, round 2 of 60)", users(ONE, 1, Bug.READS_ONLY_TO));
    }

    @Test
    void anUpdateThatLosesTheNoteItMovesIsCaught() throws Exception {
        // updateNote writes nothing where the note is not yet, and the copy it was to make is then taken out.
        assertEquals("after the round, the updated note #12 is gone (the first instance updated note #12 while the "
                + "second instance read note #11; seed 1, round 2 of 60)", users(ONE, 1, Bug.COPIES_WITH_UPDATE));
    }

    @Test
    void anUpdateThatIsLostOrLosesToAnOlderOneIsCaughtNamingTheNewestWrite() throws Exception {
        assertEquals("after the round, note #15 holds \"update in round 7 (older)\" instead of the newest write \"update in "
                + "round 7 (newer)\" (the first instance updated note #15 while the second instance updated it too; seed 1, "
                + "round 7 of 60)", users(ONE, 1, Bug.DROPS_UPDATES_OF_MOVED_NOTES));
        assertEquals("after the round, note #13 holds \"update in round 8 (older)\" instead of the newest write \"update in "
                + "round 8 (newer)\" (the first instance updated note #13 while the second instance updated it too; seed 1, "
                + "round 8 of 60)", users(ONE, 1, Bug.OVERWRITES_MOVED_NOTES));
    }

    @Test
    void aBackfillThatReplacesAnUpdateItRacedWithIsCaught() throws Exception {
        // The page read the note before the update reached new, then put that older copy over the update.
        assertEquals("after the round, note #16 holds \"seeded 0\" instead of the newest write \"update in round 3\" (the "
                + "first instance ran the backfill's first page while the second instance updated note #16; seed 1, round 3)",
                backfill(ONE, 1, Bug.BACKFILL_OVERWRITES));
    }

    @Test
    void anInstanceThatAnswersFromMemoryIsCaughtHoldingAnOldWriteAfterTheRound() throws Exception {
        assertEquals("after the round, note #13 holds \"update in round 8 (newer)\" instead of the newest write \"update in "
                + "round 24\" (the first instance updated note #13 while the second instance created note #27; seed 1, "
                + "round 24 of 60)", users(ONE, 1, Bug.REMEMBERS_READS));
    }

    @Test
    void anInstanceThatAnswersFromMemoryIsCaughtReadingAStaleNote() throws Exception {
        assertEquals("a read returned \"update in round 7 (newer)\" instead of the last acknowledged write \"update in round "
                + "9\" (the first instance read note #3 while the second instance read note #4; seed 81, round 17 of 60)",
                users(ONE, 81, Bug.REMEMBERS_READS));
    }

    @Test
    void anInstanceThatAnswersFromMemoryIsCaughtAfterTheLastRound() throws Exception {
        assertEquals("a read returned \"update in round 24 (newer)\" instead of the last acknowledged write \"update in "
                + "round 40\" (after the last round, through the first instance; seed 15)", users(ONE, 15, Bug.REMEMBERS_READS));
    }

    @Test
    void aDeleteUndoneByTheMoveItRacedWithIsCaught() throws Exception {
        // Without a tombstone where notes go, the move that read the note before the delete copies it back.
        assertEquals("after the round, the deleted note #21 can be read again (the first instance deleted note #21 while "
                + "the second instance updated it; seed 1, round 18 of 60)", users(ONE, 1, Bug.FORGETS_DELETES));
        assertEquals("after the round, the deleted note #18 can be read again (the first instance updated note #18 while "
                + "the second instance deleted it; seed 2, round 9 of 60)", users(ONE, 2, Bug.FORGETS_DELETES));
    }

    @Test
    void aDeleteUndoneByTheBackfillPageItRacedWithIsCaught() throws Exception {
        assertEquals("after the round, the deleted note #15 can be read again (the first instance deleted note #15 while "
                + "the second instance ran the backfill's page after note #13; seed 1, round 5)",
                backfill(TWO, 1, Bug.FORGETS_DELETES));
    }

    @Test
    void aDeleteUndoneIsCaughtInTheStoreEvenWhenTheRouterHidesIt() throws Exception {
        assertEquals("after the round, the deleted note #16 is back in new (the first instance deleted note #16 while the "
                + "second instance updated it; seed 5, round 3 of 60)", users(ONE, 5, Bug.FORGETS_DELETES, Bug.HIDES_OWN_DELETES));
        assertEquals("after the round, the deleted note #16 is back in second (the first instance deleted note #16 while "
                + "the second instance updated it; seed 5, round 3 of 60)", users(TWO, 5, Bug.FORGETS_DELETES, Bug.HIDES_OWN_DELETES));
        assertEquals("after the round, the deleted note #19 is back in new (the first instance ran the backfill's first "
                + "page while the second instance deleted note #19; seed 2, round 1)",
                backfill(ONE, 2, Bug.FORGETS_DELETES, Bug.HIDES_OWN_DELETES));
    }

    @Test
    void aDeleteThatLeavesTheOldCopyIsCaughtInTheRoundOfTheDelete() throws Exception {
        assertEquals("after the round, the deleted note #17 can be read again (the first instance read note #23 while the "
                + "second instance deleted note #17; seed 1, round 4 of 60)", users(ONE, 1, Bug.DELETES_ONLY_IN_TO));
    }

    @Test
    void aDeletedNoteAnInstanceStillRemembersIsCaughtInTheRoundOfTheDelete() throws Exception {
        assertEquals("after the round, the deleted note #3 can be read again (the first instance read note #7 while the "
                + "second instance deleted note #3; seed 4, round 9 of 60)", users(ONE, 4, Bug.FALLS_BACK_TO_MEMORY));
    }

    @Test
    void aDeletedNoteAnInstanceStillRemembersIsCaughtAfterTheLastRound() throws Exception {
        assertEquals("a deleted note can be read again (after the last round, through the second instance; seed 1)",
                users(ONE, 1, Bug.FALLS_BACK_TO_MEMORY));
    }

    @Test
    void aListThatMissesMovedNotesOrNamesACopyTwiceIsCaught() throws Exception {
        assertEquals("an acknowledged note is missing from the list (the first instance listed the notes while the second "
                + "instance deleted note #19; seed 1, round 6 of 60)", users(TWO, 1, Bug.LISTS_ONLY_FROM));
        assertEquals("the note list names a note twice (the first instance listed the notes while the second instance "
                + "deleted note #19; seed 1, round 6 of 60)", users(ONE, 1, Bug.LISTS_BOTH_COPIES, Bug.LEAVES_THE_OLD_COPY));
    }

    @Test
    void aListThatRemembersNotesTheOtherInstanceDeletedIsCaughtWhenItLists() throws Exception {
        assertEquals("a deleted note is back in the list (the first instance listed the notes while the second instance "
                + "read note #24; seed 1, round 15 of 60)", users(ONE, 1, Bug.LIST_REMEMBERS_IDS));
    }

    @Test
    void aListThatRemembersNotesTheOtherInstanceDeletedIsCaughtAfterTheLastRound() throws Exception {
        assertEquals("a deleted note is back in the list (after the last round, through the second instance; seed 2)",
                users(ONE, 2, Bug.LIST_REMEMBERS_IDS));
    }

    @Test
    void anInstanceThatThrowsIsNamedWithWhatItThrew() throws Exception {
        // Both updates find the note in legacy; the second createNote finds the first one's copy in new.
        assertMatches("the first instance threw ConflictException: note [0-9a-f-]{36} already exists in the new store, or "
                + "did and was deleted \\(the first instance updated note #24 while the second instance updated it too; "
                + "seed 1, round 12 of 60\\)", users(ONE, 1, Bug.COPIES_WITH_CREATE));
        assertMatches("the second instance threw ConflictException: note [0-9a-f-]{36} already exists in the new store, or "
                + "did and was deleted \\(the first instance updated note #2 while the second instance updated it too; "
                + "seed 3, round 2 of 60\\)", users(ONE, 3, Bug.COPIES_WITH_CREATE));
    }

    @Test
    void aBackfillThatThrowsIsNamedWithWhatItThrew() throws Exception {
        assertEquals("the first instance threw UnsupportedOperationException: pages of 3 notes (the first instance ran the "
                + "backfill's first page while the second instance updated note #7; seed 1, round 1)",
                backfill(ONE, 1, Bug.BACKFILL_THROWS));
    }

    @Test
    void aBackfillThatIsMissingOrAnswersNothingSaysWhatToWrite() throws Exception {
        assertEquals("no backfill yet: implement backfill(account, after, limit), which moves a migrating account's notes "
                + "from the old shard to the account's shard, a page at a time", backfill(TWO, 1, Bug.BACKFILL_UNSUPPORTED));
        assertEquals("backfill returned null: answer BackfillResult.after(moved, page, limit), or BackfillResult.done(0) "
                + "when there is nothing to move", backfill(ONE, 1, Bug.BACKFILL_ANSWERS_NULL));
    }

    @Test
    void aBackfillThatNeverSaysItIsDoneIsStoppedAfterTheNumberOfPagesItNames() throws Exception {
        AtomicInteger pages = new AtomicInteger();
        Function<NoteStores, NoteRouter> counting = stores -> MovingRouter.factory(ONE, Bug.BACKFILL_NEVER_DONE)
                .apply(name -> new ForwardingNoteStore(stores.open(name)) {
                    @Override
                    protected <T> T around(String operation, Supplier<T> call) {
                        if (operation.equals("pageNotes")) {
                            pages.incrementAndGet(); // the router reads one page of legacy for each backfill page
                        }
                        return call.get();
                    }
                });
        assertEquals("the backfill did not say every account was done after 84 pages of 3 notes, for 3 accounts of about "
                + "15 notes: answer BackfillResult.after(moved, page, limit), which is done once a page comes back short; "
                + "seed 1", run(Interleaving.backfillScenario(new long[] {1}, ONE), counting));
        assertEquals(84, pages.get());
    }

    @Test
    void aBackfillThatLeavesTheOldCopiesIsCaughtOnceItSaysItIsDone() throws Exception {
        assertEquals("after the backfill said every account was done, note #11 is still in legacy; seed 1",
                backfill(ONE, 1, Bug.BACKFILL_LEAVES_THE_OLD_COPY));
    }

    @Test
    void aBackfillThatLeavesTheOldCopiesIsCaughtInTheOldShard() throws Exception {
        assertEquals("after the backfill said every account was done, note #11 is still in the old shard; seed 1",
                backfill(TWO, 1, Bug.BACKFILL_LEAVES_THE_OLD_COPY));
    }

    @Test
    void afterTheBackfillTheListThroughEitherInstanceMustNameEveryNoteOnce() throws Exception {
        assertEquals("an acknowledged note is missing from the list (after the last round, through the first instance; "
                + "seed 1)", backfill(ONE, 1, Bug.LISTS_ONLY_FROM));
        // The copies the backfill left behind show in the list before the check looks in legacy.
        assertEquals("the note list names a note twice (after the last round, through the first instance; seed 1)",
                backfill(ONE, 1, Bug.LISTS_BOTH_COPIES, Bug.BACKFILL_LEAVES_THE_OLD_COPY));
    }

    @Test
    void aFailureHappensTheSameWayOnEveryRun() throws Exception {
        String first = users(TWO, 2, Bug.FORGETS_DELETES);
        assertEquals(first, users(TWO, 2, Bug.FORGETS_DELETES), "the same seed replays the same interleaving");
        assertTrue(first.endsWith("(the first instance updated note #18 while the second instance deleted it; seed 2, "
                + "round 9 of 60)"), first);
    }

    @Test
    void theGradedChecksPlayTheirOwnSeedsStartingWithTheFirst() throws Exception {
        assertMatches("the second instance threw ConflictException: .* \\(the first instance updated note #18 while the "
                + "second instance updated it too; seed 20250813, round 5 of 60\\)",
                run(ONE, Interleaving.scenario(ONE), Bug.COPIES_WITH_CREATE));
        assertEquals("the first instance threw UnsupportedOperationException: pages of 3 notes (the first instance ran the "
                + "backfill's first page while the second instance deleted note #39; seed 20250813, round 1)",
                run(ONE, Interleaving.backfillScenario(ONE), Bug.BACKFILL_THROWS));
    }
}
