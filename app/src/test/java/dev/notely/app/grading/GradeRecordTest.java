package dev.notely.app.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.app.ControllerFixture;
import dev.notely.checks.Grader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --grade N} keeps its outcome in the data folder, where a kit that joined a room reads it. */
class GradeRecordTest {

    private static final Path KIT = ControllerFixture.KIT_ROOT;

    @TempDir
    Path data;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private int grade(int exercise, Path sources) {
        GradeReport text = GradeReport.text(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return Grading.run(exercise, sources, KIT, GradeRecord.recording(exercise, data, text));
    }

    @Test
    void eachGradingReplacesItsExercisesRecord() throws Exception {
        assertEquals(List.of(), GradeRecord.read(data), "nothing graded yet");
        int total = Grader.checkNames(1).size();

        assertEquals(1, grade(1, ControllerFixture.START_STAGE));
        GradeRecord start = GradeRecord.read(data).get(0);
        assertEquals(1, start.exercise());
        assertEquals(total, start.total());
        assertTrue(start.passed() > 0 && start.passed() < total, start.toString());
        assertEquals("fail", start.status());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("✓ non-migrating accounts stay on legacy"), "the report still reaches the person:\n" + printed);

        assertEquals(0, grade(1, StageInstaller.stageSources(KIT, "exercise1-complete")));
        GradeRecord complete = GradeRecord.read(data).get(0);
        assertEquals(new GradeRecord(1, total, total, "pass", complete.gradedAt()), complete);
        assertTrue(!complete.gradedAt().isBefore(start.gradedAt()));
        try (Stream<Path> files = Files.list(data.resolve(GradeRecord.FOLDER))) {
            assertEquals(List.of("exercise-1.json"), files.map(f -> f.getFileName().toString()).toList(),
                    "written through a temporary file that is gone afterwards");
        }
    }

    @Test
    void sourcesThatDoNotCompileAreAnErrorWithNothingPassed() throws Exception {
        Path sources = data.resolve("src");
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, sources);
        Path router = sources.resolve("dev/notely/proxy/DataProxy.java");
        Files.writeString(router, Files.readString(router) + "\nthis is not Java\n");
        assertEquals(1, grade(2, sources));
        GradeRecord broken = GradeRecord.read(data).get(0);
        assertEquals(2, broken.exercise());
        assertEquals(0, broken.passed());
        assertEquals("error", broken.status());
    }

    @Test
    void aDamagedRecordCountsAsNotGraded() throws Exception {
        Files.createDirectories(data.resolve(GradeRecord.FOLDER));
        Files.writeString(GradeRecord.file(data, 1), "{\"exercise\":1,\"passed\":9");
        Files.writeString(GradeRecord.file(data, 2), "{\"exercise\":2,\"passed\":9,\"total\":3,\"status\":\"pass\",\"gradedAt\":\"2026-12-07T10:00:00Z\"}");
        Files.writeString(GradeRecord.file(data, 3), "{\"exercise\":3,\"passed\":2,\"total\":3,\"status\":\"fail\",\"gradedAt\":\"2026-12-07T10:00:00Z\"}");
        List<GradeRecord> records = GradeRecord.read(data);
        assertEquals(1, records.size());
        assertEquals(3, records.get(0).exercise());
    }
}
