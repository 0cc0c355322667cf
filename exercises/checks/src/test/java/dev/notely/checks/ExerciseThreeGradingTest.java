package dev.notely.checks;

import static dev.notely.checks.Stages.assertFails;
import static dev.notely.checks.Stages.assertOnlyFails;
import static dev.notely.checks.Stages.byName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Exercise 3's checks against its stages, and against reference solutions with one bug each. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExerciseThreeGradingTest {

    // Shared by the tests of one instance only: a new instance (one per run) grades afresh.
    private final Map<String, List<CheckResult>> results = new ConcurrentHashMap<>();

    @TempDir
    Path classes;

    private List<CheckResult> grade(String stage) {
        return results.computeIfAbsent(stage, key -> Grader.grade(3, new Stages(classes).compile(stage)));
    }

    private List<CheckResult> gradeBroken(String label, String... fromTo) {
        return Grader.grade(3, new Stages(classes).broken("exercise3-complete", label, fromTo));
    }

    @Test
    void theCompleteStagePassesEveryCheck() {
        List<CheckResult> results = grade("exercise3-complete");
        assertEquals(Grader.checkNames(3), results.stream().map(CheckResult::name).toList());
        results.forEach(r -> assertTrue(r.passed(), r.name() + ": " + r.reason()));
    }

    @Test
    void theStartStageFailsTheStageChecksAndSaysWhy() {
        List<CheckResult> results = grade("exercise3-start");
        assertFails(results, "reads come from the stage's authoritative store");
        assertFails(results, "writes reach the stores of the stage table");
        assertFails(results, "a failing second store does not fail the call");
        assertFails(results, "shadow reads are compared and never change answers");
        assertEquals("no backfill yet: implement backfill(AccountDetails, Optional<UUID>, int)",
                byName(results).get("the backfill copies every note and resurrects none").reason());
        assertFails(results, "complete leaves legacy empty for the account");
    }

    @Test
    void theHintStageBehavesLikeTheStartStage() {
        assertEquals(grade("exercise3-start"), grade("exercise3-hint"));
    }

    @Test
    void aSecondWriteThatThrowsFailsOnlyTheFailureCheck() {
        assertOnlyFails(gradeBroken("exercise3-second-write-throws",
                        "        try {\n            write.accept(secondary(stage));\n        } catch (RuntimeException e) {",
                        "        write.accept(secondary(stage));\n        if (false) {\n            RuntimeException e = null;"),
                "a failing second store does not fail the call",
                "a call failed because the write to new failed (stage dual-write): the new store is down (upsertNote). "
                        + "Log that failure and carry on: the backfill repairs it");
    }

    @Test
    void aSecondWriteOfTheIncomingUpdateFailsOnlyTheNewestCheck() {
        assertOnlyFails(gradeBroken("exercise3-copies-the-write",
                        "other -> main.getNote(account.accountId(), note.id())\n"
                                + "                .ifPresent(current -> other.upsertNote(account.accountId(), current))",
                        "other -> other.upsertNote(account.accountId(), note)"),
                "the second write copies the newest version",
                "the second write copied an update that legacy had refused as out of date (stage dual-write): copy "
                        + "what the authoritative store holds after the update");
    }

    @Test
    void shadowReadsThatChangeTheAnswerAreCaught() {
        List<CheckResult> results = gradeBroken("exercise3-shadow-answers",
                        "            shadow.compare(account.accountId(), noteId, note, stage.secondary(),\n"
                                + "                    () -> secondary(stage).getNote(account.accountId(), noteId));\n"
                                + "        }\n        return note;",
                        "            return secondary(stage).getNote(account.accountId(), noteId);\n"
                                + "        }\n        return note;");
        assertEquals("a shadow read changed the answer (stage shadow): return the authoritative store's",
                byName(results).get("shadow reads are compared and never change answers").reason());
    }

    @Test
    void aLiveStageThatStopsWritingLegacyLosesWritesOnTheWayBack() {
        List<CheckResult> results = gradeBroken("exercise3-live-writes-new-only",
                "        if (!stage.writesBoth()) {\n            return;",
                "        if (!stage.writesBoth() || stage == MigrationStage.LIVE) {\n            return;");
        assertFails(results, "one step back from every stage loses nothing");
        assertEquals("the note \"updated at live\" is \"before\" after going back from live to shadow",
                byName(results).get("one step back from every stage loses nothing").reason());
    }

    @Test
    void aBackfillThatLeavesNotesDeletedAtOffIsCaught() {
        assertOnlyFails(gradeBroken("exercise3-keeps-stale-copies",
                        "return new BackfillResult(result.moved() + removeStale(id, from, to, after, result.next(), limit),\n"
                                + "                result.next());",
                        "return result;"),
                "the backfill copies every note and resurrects none",
                "a note deleted while the account was back at off is still in new after the backfill: take out of "
                        + "the other store what the authoritative one no longer holds (removeMovedNote)");
    }
}
