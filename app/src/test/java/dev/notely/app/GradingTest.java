package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --grade}: compiles a proxy source tree like a deployment does and runs the checks on it. */
class GradingTest {

    private static final Path KIT = ControllerFixture.KIT_ROOT;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private int grade(int exercise, Path sources) {
        return Grading.run(exercise, sources, KIT, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSolutionPassesAndExitsZero() {
        assertEquals(0, grade(2, StageInstaller.stageSources(KIT, "exercise2-complete")));
        assertTrue(output().startsWith("grading exercises/exercise2-complete/src/main/java against exercise 2"), output());
        assertTrue(output().contains("All 12 checks pass."), output());
    }

    @Test
    void theStartStageFailsExerciseOneWithReasons() {
        assertEquals(1, grade(1, ControllerFixture.START_STAGE));
        assertTrue(output().contains("✗ get looks in new, then legacy — "), output());
        assertTrue(output().contains("✓ non-migrating accounts stay on legacy"), output());
    }

    @Test
    void sourcesThatDoNotCompileSayWhere() throws Exception {
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, tmp);
        Path router = tmp.resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.writeString(router, Files.readString(router).replace("public final class DataProxy", "public final clas DataProxy"));
        assertEquals(1, grade(1, tmp));
        assertTrue(output().contains("✗ compile error: "), output());
        assertTrue(output().contains("DataProxy.java:"), output());
    }

    @Test
    void aDataProxyThatEndsTheProcessIsAFailedCheckAndLeavesNothingBehind() throws Exception {
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, tmp.resolve("src"));
        Path router = tmp.resolve("src").resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.writeString(router, Files.readString(router).replace("this.legacy = stores.open(NoteStores.LEGACY);",
                "this.legacy = stores.open(NoteStores.LEGACY);\nSystem.exit(0);"));
        List<Path> before = gradingFolders();
        assertEquals(1, grade(1, tmp.resolve("src")));
        assertTrue(output().contains("✗ non-migrating accounts stay on legacy — the grading stopped during this check"),
                output());
        assertTrue(output().contains("System.exit"), output());
        assertEquals(before, gradingFolders(), "no temporary folder left behind");
    }

    private static List<Path> gradingFolders() throws Exception {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("notely-grade")).sorted().toList();
        }
    }
}
