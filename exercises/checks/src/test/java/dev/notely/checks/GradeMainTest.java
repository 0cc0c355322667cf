package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What the grading process prints for the kit to read: each check announced before it runs, each result as
 * a line of JSON as soon as it is known, the report unless the caller writes its own, and the end marker
 * last; and the exit status says whether everything passed.
 */
class GradeMainTest {

    @TempDir
    Path classes;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private List<String> grade(int expectedStatus, String... args) throws Exception {
        int status = GradeMain.grade(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(expectedStatus, status, String.join("\n", lines));
        return lines;
    }

    @Test
    void aRouterThatPassesEverythingIsAnnouncedCheckByCheckThenReportedWithStatusZero() throws Exception {
        List<String> lines = grade(0, "1", classes.toString(), ExerciseOneDataProxy.class.getName());

        List<String> names = Grader.checkNames(1);
        for (int i = 0; i < names.size(); i++) {
            assertEquals(GradeMain.STARTING + names.get(i), lines.get(2 * i));
            CheckResult result = GradeMain.parseResult(lines.get(2 * i + 1).substring(GradeMain.RESULT.length())).orElseThrow();
            assertEquals(new CheckResult(names.get(i), true, ""), result);
        }
        List<String> report = lines.subList(2 * names.size(), lines.size());
        assertEquals("Exercise 1: move every note from legacy to new", report.get(0));
        assertTrue(report.contains("  ✓ counts are right"), report.toString());
        assertTrue(report.get(report.size() - 2).startsWith("All 12 checks pass."), report.toString());
        assertEquals(GradeMain.FINISHED, report.get(report.size() - 1));
    }

    @Test
    void withJsonTheReportIsLeftToTheCallerAndAFailureEndsWithStatusOne() throws Exception {
        // No such class in the folder nor on the class path: every check fails at once, saying so.
        List<String> lines = grade(1, "2", classes.toString(), "dev.notely.proxy.NoSuchProxy", GradeMain.JSON);

        assertEquals(2 * Grader.checkNames(2).size() + 1, lines.size(), "no report lines: " + lines);
        CheckResult first = GradeMain.parseResult(lines.get(1).substring(GradeMain.RESULT.length())).orElseThrow();
        assertEquals("shard assignment is stable", first.name());
        assertFalse(first.passed());
        assertTrue(first.reason().contains("cannot construct dev.notely.proxy.NoSuchProxy"), first.reason());
        assertEquals(GradeMain.FINISHED, lines.get(lines.size() - 1));
    }

    @Test
    void theWarningsOfFailuresTheChecksInjectAreKeptOutOfTheReport() throws Exception {
        List<String> names = List.of("dev.notely.store.ShadowReads", "dev.notely.proxy");
        names.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).setLevel(null)); // as a fresh process has them

        grade(1, "1", classes.toString(), "dev.notely.proxy.NoSuchProxy", GradeMain.JSON);

        for (String name : names) {
            assertEquals(Level.ERROR, ((Logger) LoggerFactory.getLogger(name)).getLevel(), name);
        }
    }

    @Test
    void aResultLineCarriesAnyReasonAndNothingElseIsTakenForOne() {
        CheckResult result = new CheckResult("deletes reach \"both\" stores", false, "line one\nline two — ✗");
        String line = GradeMain.resultLine(result);
        assertFalse(line.contains("\n"), line);
        assertEquals(Optional.of(result), GradeMain.parseResult(line));

        assertEquals(Optional.empty(), GradeMain.parseResult("Exercise 1: move every note from legacy to new"));
        assertEquals(Optional.empty(), GradeMain.parseResult("{\"name\":\"no verdict\"}"));
        assertEquals(Optional.empty(), GradeMain.parseResult("[1, 2]"));
    }
}
