package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report {@code --grade} prints: a line per check, then what to do next — the first check that fails,
 * or, when all pass, how to roll the code out for that exercise.
 */
class GraderReportTest {

    private static List<String> report(int exercise, List<CheckResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Grader.print(exercise, results, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<CheckResult> allPassing(int exercise) {
        return Grader.checkNames(exercise).stream().map(name -> new CheckResult(name, true, "")).toList();
    }

    @Test
    void aFailingCheckIsCrossedWithItsReasonAndTheFirstOneIsNext() {
        List<String> lines = report(1, List.of(
                new CheckResult("non-migrating accounts stay on legacy", true, ""),
                new CheckResult("list is the union of both stores, each note once", false, "a note is missing"),
                new CheckResult("get looks in new, then legacy", false, "not found")));

        assertEquals(List.of(
                "Exercise 1: move every note from legacy to new",
                "  ✓ non-migrating accounts stay on legacy",
                "  ✗ list is the union of both stores, each note once — a note is missing",
                "  ✗ get looks in new, then legacy — not found",
                "1 of 3 checks pass. Next: list is the union of both stores, each note once."), lines);
    }

    @Test
    void whenExerciseOnePassesTheReportSaysToSwitchMigrationOnAndBackfill() {
        List<String> lines = report(1, allPassing(1));

        assertEquals(14, lines.size());
        assertEquals("All 12 checks pass. Deploy with d, wait for the rollout to finish, then switch migration on "
                + "(M on the accounts page), and start the backfill with b for the notes nobody writes.", lines.get(13));
    }

    @Test
    void whenExerciseTwoPassesTheReportSaysToDeployInTwoSteps() {
        List<String> lines = report(2, allPassing(2));

        assertEquals("Exercise 2: shard notes by account over new and second", lines.get(0));
        assertEquals("All 15 checks pass. Deploy in two steps, each rollout finished before the next: first this code "
                + "with assignShard still answering Optional.empty() (d), then assignShard too (d again); only then move "
                + "accounts (s on the accounts page) and start the backfill with b. Both at once, and the version still "
                + "serving cannot find a new account's notes.", lines.get(lines.size() - 1));
    }

    @Test
    void whenExerciseThreePassesTheReportSaysToMoveAccountsThroughTheStages() {
        List<String> lines = report(3, allPassing(3));

        assertEquals("Exercise 3: move to new in stages, with a way back at every step", lines.get(0));
        assertEquals("All " + Grader.checkNames(3).size() + " checks pass. Deploy with d, wait for the rollout to finish, "
                + "then move accounts through the stages (] on the accounts page).", lines.get(lines.size() - 1));
    }

    @Test
    void thereAreThreeExercises() {
        assertEquals("there are exercises 1, 2 and 3, not 4",
                assertThrows(IllegalArgumentException.class, () -> Grader.checkNames(4)).getMessage());
        assertEquals("there are exercises 1, 2 and 3, not 0",
                assertThrows(IllegalArgumentException.class, () -> Grader.grade(0, stores -> null)).getMessage());
    }
}
