package dev.notely.app.grading;

import dev.notely.app.ControllerFixture;
import dev.notely.app.deploy.ProxyCompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.checks.Grader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    private JsonObject gradeAsJson(int exercise, Path sources, int expectedExit) {
        assertEquals(expectedExit, Grading.run(exercise, sources, KIT,
                GradeReport.json(new PrintStream(bytes, true, StandardCharsets.UTF_8))), output());
        // Nothing but the document: the whole of stdout parses as one JSON object.
        JsonObject results = JsonParser.parseString(output()).getAsJsonObject();
        assertEquals(2, results.get("version").getAsInt(), output());
        return results;
    }

    private static List<JsonObject> tests(JsonObject results) {
        List<JsonObject> tests = new ArrayList<>();
        results.getAsJsonArray("tests").forEach(t -> tests.add(t.getAsJsonObject()));
        return tests;
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSolutionPassesAndExitsZero() {
        assertEquals(0, grade(2, StageInstaller.stageSources(KIT, "exercise2-complete")));
        assertTrue(output().startsWith("grading exercises/exercise2-complete/src/main/java against exercise 2"), output());
        assertTrue(output().contains("All " + Grader.checkNames(2).size() + " checks pass."), output());
        // The lesson of exercise 2 is the order: the grader must not invite a one-step deploy.
        assertTrue(output().contains("Deploy in two steps"), output());
        assertTrue(output().contains("first this code with assignShard still answering Optional.empty()"), output());
    }

    @Test
    void exerciseThreesSolutionPassesToo() {
        assertEquals(0, grade(3, StageInstaller.stageSources(KIT, "exercise3-complete")));
        assertTrue(output().contains("All " + Grader.checkNames(3).size() + " checks pass."), output());
        assertFalse(output().contains("WARN"), "failures the checks cause on purpose are not reported:\n" + output());
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

    @Test
    void jsonSaysWhichChecksFailAndWhyAndWhatTheCodePrinted() throws Exception {
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, tmp);
        Path router = tmp.resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.writeString(router, Files.readString(router).replace("this.legacy = stores.open(NoteStores.LEGACY);",
                "this.legacy = stores.open(NoteStores.LEGACY);\nSystem.out.println(\"opened \\\"legacy\\\"\");"));
        JsonObject results = gradeAsJson(1, tmp, 1);
        assertEquals("fail", results.get("status").getAsString(), output());
        assertTrue(results.get("message").isJsonNull(), output());
        List<JsonObject> tests = tests(results);
        assertEquals(Grader.checkNames(1), tests.stream().map(t -> t.get("name").getAsString()).toList(),
                "every check, in the order they run");
        JsonObject stays = tests.stream().filter(t -> t.get("name").getAsString().equals("non-migrating accounts stay on legacy"))
                .findFirst().orElseThrow();
        assertEquals("pass", stays.get("status").getAsString());
        assertTrue(stays.get("message").isJsonNull(), output());
        assertTrue(stays.get("output").getAsString().startsWith("opened \"legacy\""), output());
        JsonObject get = tests.stream().filter(t -> t.get("name").getAsString().equals("get looks in new, then legacy"))
                .findFirst().orElseThrow();
        assertEquals("fail", get.get("status").getAsString());
        assertFalse(get.get("message").getAsString().isBlank(), output());
    }

    @Test
    void jsonForSourcesThatDoNotCompileIsAnErrorWithTheCompilersMessage() throws Exception {
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, tmp);
        Path router = tmp.resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.writeString(router, Files.readString(router).replace("public final class DataProxy", "public final clas DataProxy"));
        JsonObject results = gradeAsJson(1, tmp, 1);
        assertEquals("error", results.get("status").getAsString(), output());
        assertTrue(results.get("message").getAsString().startsWith("compile error: "), output());
        assertTrue(results.get("message").getAsString().contains("DataProxy.java:"), output());
        assertEquals(List.of(), tests(results));
    }

    @Test
    void jsonForAGradingThatStopsEarlyIsAnErrorNamingTheCheck() throws Exception {
        ControllerFixture.copyTree(ControllerFixture.START_STAGE, tmp);
        Path router = tmp.resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.writeString(router, Files.readString(router).replace("this.legacy = stores.open(NoteStores.LEGACY);",
                "this.legacy = stores.open(NoteStores.LEGACY);\nSystem.exit(3);"));
        JsonObject results = gradeAsJson(1, tmp, 1);
        assertEquals("error", results.get("status").getAsString(), output());
        String first = Grader.checkNames(1).get(0);
        assertTrue(results.get("message").getAsString().startsWith(first + " — the grading stopped during this check"),
                output());
        assertTrue(results.get("message").getAsString().contains("exit code 3"), output());
        JsonObject stopped = tests(results).get(0);
        assertEquals(first, stopped.get("name").getAsString());
        assertEquals("error", stopped.get("status").getAsString());
    }

    private static List<Path> gradingFolders() throws Exception {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("notely-grade")).sorted().toList();
        }
    }
}
