package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.checks.Grader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import dev.notely.store.Account;
import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --grade N --json FILE} and {@code --verify --json FILE} write a file that parses as JSON, also
 * through Maven, which writes its own bytes around a program's stdout; and the loop's bad flags are one line.
 */
class JsonToFileTest {

    @TempDir
    Path tmp;

    /** The README's command for scripts, exactly, run by Maven from another folder (so the file lands there). */
    @Test
    void theReadmesGradeCommandThroughMavenWritesValidJson() throws Exception {
        Path pom = ControllerFixture.KIT_ROOT.resolve("pom.xml");
        Path log = tmp.resolve("maven.log");
        Process maven = new ProcessBuilder(List.of("mvn", "-q", "-f", pom.toString(), "-pl", "app", "exec:java",
                "-Dexec.args=--grade 1 --json results.json"))
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        maven.getOutputStream().close();
        if (!maven.waitFor(10, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError("Maven did not finish within 10 minutes:\n" + Files.readString(log));
        }
        String said = Files.readString(log, StandardCharsets.UTF_8);
        Assumptions.assumeFalse(said.contains("Could not resolve dependencies") || said.contains("Could not find artifact"),
                "the kit's modules are not installed in the local repository (run mvn install -DskipTests first):\n" + said);
        assertTrue(maven.exitValue() == 0 || maven.exitValue() == 1, "exit " + maven.exitValue() + ":\n" + said);
        JsonObject results = JsonParser.parseString(Files.readString(tmp.resolve("results.json"))).getAsJsonObject();
        assertEquals(2, results.get("version").getAsInt());
        assertEquals(Grader.checkNames(1).size(), results.getAsJsonArray("tests").size(), results.toString());
        assertTrue(said.contains("wrote " + tmp.resolve("results.json").toRealPath()), said);
    }

    @Test
    void verifyWritesItsReportToTheFile() throws Exception {
        Path data = tmp.resolve("data");
        Path file = tmp.resolve("verify.json");
        try (AppProcess app = new AppProcess(data, "--verify", "--json", file.toString())) {
            assertEquals(2, app.awaitExit(), "no stores yet: " + app.text());
            assertTrue(Files.notExists(file), "nothing to write, so no file: a script finds none rather than a broken one");
        }
        try (SqliteAccountStore accounts = SqliteAccountStore.open(data);
             SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
            accounts.createAccount(new Account(UUID.randomUUID(), "ada", false, null));
            stores.open(NoteStores.LEGACY);
            stores.open(NoteStores.NEW);
        }
        try (AppProcess app = new AppProcess(data, "--verify", "--json", file.toString())) {
            int exit = app.awaitExit();
            assertEquals(0, exit, app.text());
            JsonObject report = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            assertTrue(report.get("clean").getAsBoolean(), report.toString());
            assertEquals(List.of("wrote " + file.toAbsolutePath()), app.output, app.text());
        }
    }

    @Test
    void aStageThatDoesNotExistIsOneLineAndExit2() throws IOException, InterruptedException {
        try (AppProcess app = new AppProcess(tmp.resolve("data"), "--start-with", "exercise9-start")) {
            assertEquals(2, app.awaitExit());
            assertEquals(List.of("notely: --start-with: 'exercise9-start' is not a stage; use one of exercise1-start, "
                    + "exercise1-hint, exercise1-complete, exercise2-start, exercise2-hint, exercise2-complete, "
                    + "exercise3-start, exercise3-hint, exercise3-complete"), app.output);
        }
    }
}
