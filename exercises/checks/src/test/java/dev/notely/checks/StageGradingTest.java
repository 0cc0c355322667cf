package dev.notely.checks;

import static dev.notely.checks.Stages.assertFails;
import static dev.notely.checks.Stages.assertOnlyFails;
import static dev.notely.checks.Stages.byName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.AccountDetails;
import dev.notely.store.ForwardingNoteStore;
import dev.notely.store.KitRoot;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the graded checks against every stage, as the default build must: the complete stages pass
 * everything, the start and hint stages fail the migration checks, proving the checks can fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StageGradingTest {

    private static final Path KIT = KitRoot.fromWorkingDirectory().orElseThrow();
    // Grading a stage takes seconds, so the tests of one run share each stage's results; a new instance (each
    // run of the class, or of one of its tests alone) grades afresh, so no result outlives the code it graded.
    private final Map<String, List<CheckResult>> results = new ConcurrentHashMap<>();

    @TempDir
    Path classes;

    private List<CheckResult> grade(String stage, int exercise) {
        return results.computeIfAbsent(stage + "#" + exercise, key -> Grader.grade(exercise, compile(stage)));
    }

    private Path source(String stage) {
        return Stages.source(stage);
    }

    private Function<NoteStores, NoteRouter> compile(String stage) {
        return new Stages(classes).compile(stage);
    }

    private Function<NoteStores, NoteRouter> compile(String label, Path source) {
        return new Stages(classes).compile(label, source);
    }

    private Function<NoteStores, NoteRouter> broken(String stage, String label, String... fromTo) {
        return new Stages(classes).broken(stage, label, fromTo);
    }

    /**
     * The README compares an attendee's file with the solution by {@code diff -u}: the three stages of an
     * exercise open with the same class comment (what differs per stage is said at the end of the file), so
     * that diff shows code, not prose.
     */
    @Test
    void theStagesOfAnExerciseShareTheirClassComment() throws Exception {
        Pattern classComment = Pattern.compile("(?ms)^/\\*\\*\\n.*?^ \\*/\\n(?=public final class)");
        for (int exercise = 1; exercise <= 3; exercise++) {
            String start = null;
            for (String stage : List.of("start", "hint", "complete")) {
                String name = "exercise" + exercise + "-" + stage;
                var comment = classComment.matcher(Files.readString(source(name)));
                assertTrue(comment.find(), name + " has no class comment");
                if (start == null) {
                    start = comment.group();
                } else {
                    assertEquals(start, comment.group(), name + "'s class comment differs from exercise" + exercise + "-start's");
                }
            }
        }
    }

    @Test
    void exercise1CompletePassesEveryCheck() {
        List<CheckResult> results = grade("exercise1-complete", 1);
        assertEquals(Grader.checkNames(1), results.stream().map(CheckResult::name).toList());
        results.forEach(r -> assertTrue(r.passed(), r.name() + ": " + r.reason()));
    }

    @Test
    void exercise2CompletePassesEveryCheck() {
        List<CheckResult> results = grade("exercise2-complete", 2);
        assertEquals(Grader.checkNames(2), results.stream().map(CheckResult::name).toList());
        results.forEach(r -> assertTrue(r.passed(), r.name() + ": " + r.reason()));
    }

    @Test
    void exercise1StartFailsTheMigrationChecks() {
        List<CheckResult> results = grade("exercise1-start", 1);
        assertFails(results, "list is the union of both stores, each note once");
        assertFails(results, "get looks in new, then legacy");
        assertFails(results, "creates land in new while migrating");
        assertFails(results, "an update moves a legacy note to new");
        assertFails(results, "deletes reach both stores");
        assertFails(results, "counts are right");
        assertTrue(byName(results).get("non-migrating accounts stay on legacy").passed(), "start keeps legacy working");
        assertEquals("a note that is only in new is missing from a migrating account's list",
                byName(results).get("list is the union of both stores, each note once").reason());
        String noBackfill = "no backfill yet: implement backfill(account, after, limit), which moves a migrating "
                + "account's notes from legacy to new, a page at a time";
        assertEquals(noBackfill, byName(results).get("the backfill moves every note to new").reason());
        assertEquals(noBackfill, byName(results).get(BACKFILL_INTERLEAVED).reason());
    }

    @Test
    void exercise2StartFailsTheShardChecks() {
        List<CheckResult> results = grade("exercise2-start", 2);
        assertFails(results, "shard assignment is balanced");
        assertFails(results, "creates land in the account's shard");
        assertFails(results, "an update moves a note into the account's shard");
        assertFails(results, "deletes reach every shard");
        assertTrue(byName(results).get("an account without a shard lives in new").passed());
        assertEquals("an update did not move the note into the account's shard, so moving it back cannot be checked yet: "
                        + "fix \"an update moves a note into the account's shard\" first",
                byName(results).get(AWAY_AND_BACK).reason());
        String noBackfill = "no backfill yet: implement backfill(account, after, limit), which moves a migrating "
                + "account's notes from the old shard to the account's shard, a page at a time";
        assertEquals(noBackfill, byName(results).get("the backfill moves every note into the account's shard").reason());
        assertEquals(noBackfill, byName(results).get(BACKFILL_INTERLEAVED).reason());
    }

    @Test
    void anUpdateThatCreatesWhatIsMissingFailsTheMissingNoteCheck() {
        // The naive move: when the note is not in legacy, upsert it into new and answer true.
        List<CheckResult> one = Grader.grade(1, broken("exercise1-complete", "exercise1-update-creates",
                "return fresh.updateNote(account.accountId(), note);",
                "fresh.upsertNote(account.accountId(), note);\n        return true;"));
        assertOnlyFails(one, "updating a missing or deleted note creates nothing",
                "updating a note that is in no store answered true: answer false, so the API says 404");

        List<CheckResult> two = Grader.grade(2, broken("exercise2-complete", "exercise2-update-creates",
                "return home.updateNote(account.accountId(), note);",
                "home.upsertNote(account.accountId(), note);\n        return true;"));
        assertOnlyFails(two, "updating a missing or deleted note creates nothing",
                "updating a note that is in no shard answered true: answer false, so the API says 404");
    }

    @Test
    void anUpdateThatAnswersRightButStillCreatesFailsTheMissingNoteCheck() {
        List<CheckResult> one = Grader.grade(1, broken("exercise1-complete", "exercise1-update-resurrects",
                "return fresh.updateNote(account.accountId(), note);",
                "boolean found = fresh.updateNote(account.accountId(), note);\n"
                        + "        fresh.upsertNote(account.accountId(), note); // \"just in case\"\n"
                        + "        return found;"));
        assertOnlyFails(one, "updating a missing or deleted note creates nothing",
                "updating a note that is in no store created it in new: only move a note you found in legacy");
    }

    private static final String INTERLEAVED = "two versions interleaved lose no acknowledged write";
    private static final String BACKFILL_INTERLEAVED = "the backfill interleaved with two versions loses and resurrects nothing";
    private static final String AWAY_AND_BACK = "a note moved away and back ends in its home shard";

    /**
     * Asserts that only the interleaving checks fail, naming their seed, and say why with {@code why}: the
     * users' one always, the backfill's one when users' updates racing the backfill show the bug too.
     */
    private static void assertOnlyInterleavingFails(List<CheckResult> results, String why) {
        for (CheckResult r : results) {
            if (r.name().equals(INTERLEAVED) || (r.name().equals(BACKFILL_INTERLEAVED) && !r.passed())) {
                assertFalse(r.passed(), r.name() + " should fail");
                assertTrue(r.reason().contains(why) && r.reason().contains("seed "), r.reason());
            } else {
                assertTrue(r.passed(), r.name() + " should pass: " + r.reason());
            }
        }
    }

    @Test
    void copyingWithCreateInsteadOfUpsertFailsOnlyWhenInterleaved() {
        // Two versions moving the same note both find it in legacy; the second create finds it in new already.
        assertOnlyInterleavingFails(Grader.grade(1, broken("exercise1-complete", "exercise1-copy-with-create",
                "fresh.upsertNote(account.accountId(), newest);", "fresh.createNote(account.accountId(), newest);")),
                "threw ConflictException");
        assertOnlyInterleavingFails(Grader.grade(2, broken("exercise2-complete", "exercise2-copy-with-create",
                "home.upsertNote(account.accountId(), newest);", "home.createNote(account.accountId(), newest);")),
                "threw ConflictException");
    }

    @Test
    void deletingBeforeCopyingFailsOnlyWhenInterleaved() {
        // Between the delete and the copy the note is in neither store, and the other version cannot find it.
        assertOnlyInterleavingFails(Grader.grade(1, broken("exercise1-complete", "exercise1-delete-then-copy",
                "            fresh.upsertNote(account.accountId(), newest);\n"
                        + "            legacy.removeMovedNote(account.accountId(), newest);\n",
                "            legacy.removeMovedNote(account.accountId(), newest);\n"
                        + "            fresh.upsertNote(account.accountId(), newest);\n")),
                "answered \"no such note\"");
        assertOnlyInterleavingFails(Grader.grade(2, broken("exercise2-complete", "exercise2-delete-then-copy",
                "                    home.upsertNote(account.accountId(), newest);\n"
                        + "                    other.removeMovedNote(account.accountId(), newest);\n",
                "                    other.removeMovedNote(account.accountId(), newest);\n"
                        + "                    home.upsertNote(account.accountId(), newest);\n")),
                "answered \"no such note\"");
    }

    @Test
    void updatingNewBeforeLookingInLegacyFailsOnlyWhenInterleaved() {
        // New first misses a note the other version moves between the two looks, and answers "no such note".
        assertOnlyInterleavingFails(Grader.grade(1, broken("exercise1-complete", "exercise1-new-first",
                "        // Legacy first: if another version moved the note meanwhile, we fall through to new below.\n",
                "        if (fresh.updateNote(account.accountId(), note)) {\n            return true;\n        }\n",
                "        return fresh.updateNote(account.accountId(), note);\n    }",
                "        return false;\n    }")),
                "answered \"no such note\"");
    }

    @Test
    void anInterleavingFailsTheSameWayOnEveryRun() throws Exception {
        Function<NoteStores, NoteRouter> router = broken("exercise1-complete", "exercise1-delete-then-copy-replayed",
                "            fresh.upsertNote(account.accountId(), newest);\n"
                        + "            legacy.removeMovedNote(account.accountId(), newest);\n",
                "            legacy.removeMovedNote(account.accountId(), newest);\n"
                        + "            fresh.upsertNote(account.accountId(), newest);\n");
        List<String> reasons = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            reasons.add(Verdict.of(Interleaving.scenario(ExerciseOne.MOVE), router));
        }
        assertTrue(reasons.get(0).contains("seed "), reasons.get(0));
        assertEquals(reasons.get(0), reasons.get(1), "the same seeds replay the same interleaving");
    }

    @Test
    void aDeleteBetweenAMovesReadAndItsCopySticks() throws Exception {
        // The stores remember deletes, so the late copy of a move that read the note before the delete
        // is refused: the complete stages no longer lose that race.
        assertDeleteSticks("exercise1-complete", new AccountDetails(UUID.randomUUID(), true, null), NoteStores.LEGACY);
        assertDeleteSticks("exercise2-complete", new AccountDetails(UUID.randomUUID(), true, NoteStores.SECOND),
                NoteStores.NEW);
    }

    private void assertDeleteSticks(String stage, AccountDetails account, String from) throws Exception {
        try (Fixture f = new Fixture(compile(stage + "-delete-race", source(stage)))) {
            NoteRouter deleter = f.router();
            Note note = f.seed(from, account.accountId(), "before the move", Fixture.T0);
            AtomicBoolean deleted = new AtomicBoolean();
            NoteRouter mover = f.router(stores -> beforeEachUpsert(stores, () -> {
                if (!deleted.getAndSet(true)) {
                    deleter.deleteNote(account, note.id());
                }
            }));
            assertTrue(mover.updateNote(account, note.withContent("moved", Fixture.T0.plusSeconds(1))));
            assertTrue(deleted.get(), stage + " moved the note without a copy");
            assertEquals(Optional.empty(), deleter.getNote(account, note.id()),
                    stage + " brought back a note deleted between a move's read and its copy");
            assertEquals(List.of(), deleter.listNotes(account), stage + " lists a deleted note");
        }
    }

    @Test
    void withoutRememberedDeletesBothInterleavingChecksCatchADeleteUndone() throws Exception {
        // The races with a delete the interleaving checks play would bring notes back if the stores forgot
        // deletes: each check fails then, in a round that raced a delete with an update or a backfill page.
        assertDeleteUndone("exercise1-complete", ExerciseOne.MOVE);
        assertDeleteUndone("exercise2-complete", ExerciseTwo.MOVE);
    }

    private void assertDeleteUndone(String stage, MoveChecks move) throws Exception {
        Function<NoteStores, NoteRouter> complete = compile(stage);
        Function<NoteStores, NoteRouter> forgetful = stores -> new ForwardingRouter(complete.apply(forgettingDeletes(stores)));
        assertDeleteUndone(stage, INTERLEAVED, Interleaving.scenario(move), forgetful,
                "(updated note #\\d+ while the \\w+ instance deleted it|deleted note #\\d+ while the \\w+ instance updated it)");
        assertDeleteUndone(stage, BACKFILL_INTERLEAVED, Interleaving.backfillScenario(move), forgetful,
                "(ran the backfill's [^;]* while the \\w+ instance deleted note #\\d+"
                        + "|deleted note #\\d+ while the \\w+ instance ran the backfill's )");
    }

    /** Asserts that {@code check} fails on the router, naming a deleted note that came back in a round like {@code race}. */
    private static void assertDeleteUndone(String stage, String check, Check.Scenario scenario,
                                           Function<NoteStores, NoteRouter> router, String race) throws Exception {
        try (Fixture fixture = new Fixture(router)) {
            Check.Failed failed = assertThrows(Check.Failed.class, () -> scenario.run(fixture),
                    "\"" + check + "\" passes " + stage + " on stores that forget deletes: it races no delete");
            assertTrue(Pattern.compile("the deleted note #\\d+ (can be read again|is back in \\w+) \\(the \\w+ instance "
                    + race + ".*; seed \\d+").matcher(failed.getMessage()).find(), check + ": " + failed.getMessage());
        }
    }

    /**
     * {@code stores} as they were before deletes were remembered: a delete takes the note out and leaves
     * nothing behind, so nothing refuses a late copy of it.
     */
    private static NoteStores forgettingDeletes(NoteStores stores) {
        return name -> new ForwardingNoteStore(stores.open(name)) {
            @Override
            protected <T> T around(String operation, Supplier<T> call) {
                return call.get();
            }

            @Override
            public void deleteNote(UUID accountId, UUID noteId) {
                delegate.getNote(accountId, noteId).ifPresent(note -> delegate.removeMovedNote(accountId, note));
            }
        };
    }

    private static final String REMOVE_MOVED = "Take a moved copy out with removeMovedNote, not deleteNote: a shard "
            + "remembers a delete, and refuses the note from then on";

    @Test
    void movingWithDeleteLosesTheNoteOnItsWayBack() {
        assertOnlyFails(Grader.grade(2, broken("exercise2-complete", "exercise2-update-moves-with-delete",
                        "other.removeMovedNote(account.accountId(), newest);", "other.deleteNote(account.accountId(), note.id());")),
                AWAY_AND_BACK, "an account moved to second and back to new: updating its note lost it: it is in no shard "
                        + "any more. " + REMOVE_MOVED);
        assertOnlyFails(Grader.grade(2, broken("exercise2-complete", "exercise2-backfill-moves-with-delete",
                        "if (page.getKey().removeMovedNote(account.accountId(), note)) {",
                        "page.getKey().deleteNote(account.accountId(), note.id());\n                if (true) {")),
                "the backfill moves every note into the account's shard", "an account moved to second and back to new: "
                        + "the backfill lost its notes: they are in no shard any more. " + REMOVE_MOVED);
    }

    @Test
    void aBackfillOfAnAccountThatIsNotMigratingFailsTheBackfillCheck() {
        assertOnlyFails(Grader.grade(1, broken("exercise1-complete", "exercise1-backfill-of-everyone",
                        "            return BackfillResult.done(0); // its notes belong in legacy\n", "")),
                "the backfill moves every note to new", "the backfill moved a note of an account that is not migrating: "
                        + "answer BackfillResult.done(0) for such an account, and leave its notes where they are");
    }

    @Test
    void aBackfillThatNeverSaysDoneFailsBothBackfillChecks() {
        // After the last page, the same cursor again: the kit would ask for that empty page for ever.
        List<CheckResult> results = Grader.grade(1, broken("exercise1-complete", "exercise1-backfill-never-done",
                "return BackfillResult.after(moved, page, limit);",
                "return new BackfillResult(moved, page.isEmpty() ? after.orElse(null) : page.get(page.size() - 1).id());"));
        Map<String, CheckResult> byName = byName(results);
        assertEquals("the backfill answered with the cursor it was given, so it would be asked for the same page for "
                        + "ever: answer BackfillResult.after(moved, page, limit)",
                byName.get("the backfill moves every note to new").reason());
        assertTrue(byName.get(BACKFILL_INTERLEAVED).reason().matches("the backfill did not say every account was done "
                + "after \\d+ pages of 3 notes, .*; seed \\d+"), byName.get(BACKFILL_INTERLEAVED).reason());
        results.stream().filter(r -> !r.name().startsWith("the backfill"))
                .forEach(r -> assertTrue(r.passed(), r.name() + " should pass: " + r.reason()));
    }

    /** {@code stores} with {@code hook} run before every {@code upsertNote}. */
    private static NoteStores beforeEachUpsert(NoteStores stores, Runnable hook) {
        return name -> new ForwardingNoteStore(stores.open(name)) {
            @Override
            protected <T> T around(String operation, Supplier<T> call) {
                if (operation.equals("upsertNote")) {
                    hook.run();
                }
                return call.get();
            }
        };
    }

    private static final String ASSIGN_SHARD =
            "return Optional.of(NoteStores.SHARDS.get(Math.floorMod(accountId.hashCode(), NoteStores.SHARDS.size())));";

    @Test
    void aShardPickedByTheUuidVariantBitFailsTheBalanceCheck() {
        // Every UUID.randomUUID() has this bit set: it puts every real account in one shard.
        List<CheckResult> results = Grader.grade(2, broken("exercise2-complete", "exercise2-shard-by-variant-bit",
                ASSIGN_SHARD, "return Optional.of(accountId.getLeastSignificantBits() < 0 ? NoteStores.NEW : NoteStores.SECOND);"));
        assertOnlyFails(results, "shard assignment is balanced",
                "100 % of 10000 accounts went to new; spread them evenly (about half each)");
    }

    @Test
    void aShardSaltedWithAStaticRandomFailsTheStableCheck() {
        // Stable within one JVM, but every proxy process draws its own salt.
        List<CheckResult> results = Grader.grade(2, broken("exercise2-complete", "exercise2-salted-shards",
                "    private final Map<String, NoteStore> shards = new LinkedHashMap<>();",
                "    private static final long SALT = new java.util.Random().nextLong();\n"
                        + "    private final Map<String, NoteStore> shards = new LinkedHashMap<>();",
                ASSIGN_SHARD,
                "return Optional.of(NoteStores.SHARDS.get(new java.util.Random(SALT ^ accountId.hashCode()).nextInt(2)));"));
        assertOnlyFails(results, "shard assignment is stable", "DataProxy in another process put the same account in a "
                + "different shard: use a function of the id only (no random salt, no counter)");
    }

    @Test
    void hintStagesBehaveLikeTheirStartStages() {
        assertEquals(grade("exercise1-start", 1), grade("exercise1-hint", 1));
        assertEquals(grade("exercise2-start", 2), grade("exercise2-hint", 2));
    }

    @Test
    void aRouterThatThrowsIsAFailedCheckNotACrash() {
        List<CheckResult> results = Grader.grade(1, stores -> {
            throw new IllegalStateException("not today");
        });
        assertEquals(Grader.checkNames(1).size(), results.size());
        results.forEach(r -> assertEquals("new DataProxy(stores) threw IllegalStateException: not today", r.reason()));
    }

    @Test
    void aConstructorThatThrowsAnErrorIsAFailedCheckNotACrash(@TempDir Path sources) throws Exception {
        Path source = sources.resolve("DataProxy.java");
        String start = Files.readString(KIT.resolve("exercises/exercise1-start/src/main/java/dev/notely/proxy/DataProxy.java"));
        Files.writeString(source, start.replace("this.legacy = stores.open(NoteStores.LEGACY);",
                "throw new NoClassDefFoundError(\"dev/notely/proxy/Helper\");"));
        List<CheckResult> results = Grader.grade(1, compile("constructor-throws-error", source));
        assertEquals(Grader.checkNames(1).size(), results.size());
        results.forEach(r -> assertTrue(r.reason().startsWith(
                "new DataProxy(stores) threw NoClassDefFoundError: dev/notely/proxy/Helper (at DataProxy.java:"), r.reason()));
    }

    @Test
    void theReportSaysWhatToDoNext() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Grader.print(1, grade("exercise1-start", 1), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String report = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("  ✓ non-migrating accounts stay on legacy"), report);
        assertTrue(report.contains("  ✗ list is the union of both stores, each note once — a note that is only in new"), report);
        assertTrue(report.contains("checks pass. Next: list is the union of both stores, each note once."), report);

        bytes.reset();
        Grader.print(1, grade("exercise1-complete", 1), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("All 12 checks pass."), bytes.toString(StandardCharsets.UTF_8));
    }
}
