package dev.notely.app.grading;

import dev.notely.app.ControllerFixture;

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

class StageInstallerTest {

    @TempDir
    Path kit;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path stageFile(String stage) {
        return kit.resolve("exercises").resolve(stage).resolve(StageInstaller.ROUTER_FILE);
    }

    private Path proxyFile() {
        return kit.resolve("proxy").resolve(StageInstaller.ROUTER_FILE);
    }

    private int install(String stage) {
        return new StageInstaller(kit, kit.resolve(".data/proxy-backups"))
                .install(stage, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void installsAStageAndKeepsTheReplacedFile() throws Exception {
        for (String stage : StageInstaller.STAGES) {
            Files.createDirectories(stageFile(stage).getParent());
            Files.writeString(stageFile(stage), "// " + stage);
        }
        Files.createDirectories(proxyFile().getParent());
        Files.writeString(proxyFile(), "// my half-done work");

        assertEquals(0, install("exercise2-start"));
        assertEquals("// exercise2-start", Files.readString(proxyFile()));
        List<Path> backups;
        try (Stream<Path> files = Files.list(kit.resolve(".data/proxy-backups"))) {
            backups = files.toList();
        }
        assertEquals(1, backups.size());
        assertEquals("// my half-done work", Files.readString(backups.get(0)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("saved as .data/proxy-backups/DataProxy-"), out.toString());

        assertEquals(0, install("exercise2-start"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("already holds exercise2-start"));
        try (Stream<Path> files = Files.list(kit.resolve(".data/proxy-backups"))) {
            assertEquals(1, files.count(), "nothing to back up when nothing changes");
        }
    }

    @Test
    void anUnknownStageNamesTheValidOnes() {
        assertEquals(2, install("exercise4-start"));
        assertEquals("notely: --use-stage: 'exercise4-start' is not a stage; use one of exercise1-start, exercise1-hint, "
                + "exercise1-complete, exercise2-start, exercise2-hint, exercise2-complete, exercise3-start, exercise3-hint, "
                + "exercise3-complete",
                err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void everyStageExistsInTheKit() {
        for (String stage : StageInstaller.STAGES) {
            Path source = ControllerFixture.KIT_ROOT.resolve("exercises").resolve(stage).resolve("pom.xml");
            assertTrue(Files.isRegularFile(source), source.toString());
        }
    }
}
