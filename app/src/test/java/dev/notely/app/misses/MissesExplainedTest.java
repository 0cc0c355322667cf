package dev.notely.app.misses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.ExplainedMiss;
import dev.notely.api.client.NotelyClient;
import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.app.Kit;
import dev.notely.app.Options;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.StageInstaller;
import dev.notely.store.Account;
import dev.notely.wire.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every miss comes with its evidence and a diagnosis, driven by the mistakes the workshop teaches. */
class MissesExplainedTest {

    @TempDir
    Path tmp;

    private Path sourcesWith(String stage) throws Exception {
        Path sources = tmp.resolve("proxy-src");
        ControllerFixture.copyTree(StageInstaller.stageSources(ControllerFixture.KIT_ROOT, stage), sources);
        return sources;
    }

    static void switchTo(Path sources, String stage) throws Exception {
        Path from = StageInstaller.stageSources(ControllerFixture.KIT_ROOT, stage).resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.copy(from, sources.resolve(ProxyCompiler.ROUTER_SOURCE), StandardCopyOption.REPLACE_EXISTING);
    }

    private Kit start(Path sources, String... extra) {
        List<String> args = new ArrayList<>(List.of("--headless", "--gen", "--port", "0", "--rpm", "600",
                "--network-delay", "0", "--data-dir", tmp.resolve("data").toString(),
                "--proxy-source", sources.toString(), "--rollout-wait", "90s"));
        args.addAll(List.of(extra));
        return Kit.start(Options.parse(args));
    }

    static HttpResponse<String> deploy(Kit kit) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + kit.apiPort() + "/deploy"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<ExplainedMiss> firstWithCause(Kit kit, String cause) {
        return kit.misses().recent(200).stream().filter(m -> cause.equals(m.cause())).findFirst();
    }

    /** exercise1-start with {@code edit} applied to its DataProxy: a broken stage. */
    private Path brokenStage(java.util.function.UnaryOperator<String> edit) throws Exception {
        Path sources = sourcesWith("exercise1-start");
        Path router = sources.resolve(ProxyCompiler.ROUTER_SOURCE);
        String original = Files.readString(router);
        String broken = edit.apply(original.replace("private final NoteStore legacy;",
                        "private final NoteStore legacy;\n    private final NoteStore fresh;")
                .replace("this.legacy = stores.open(NoteStores.LEGACY);",
                        "this.legacy = stores.open(NoteStores.LEGACY);\n        this.fresh = stores.open(NoteStores.NEW);"));
        assertFalse(broken.equals(original));
        Files.writeString(router, broken);
        return sources;
    }

    @Test
    void aStageThatWritesWhereItNeverReadsContradictsItsOwnWrite() throws Exception {
        Path sources = brokenStage(text -> text.replace("legacy.createNote(account.accountId(), note);",
                "fresh.createNote(account.accountId(), note);"));
        try (Kit kit = start(sources)) {
            Await.until(Duration.ofSeconds(90), "a miss explained as the version's own write",
                    () -> firstWithCause(kit, Diagnosis.OWN_WRITE).isPresent());
            ExplainedMiss miss = firstWithCause(kit, Diagnosis.OWN_WRITE).orElseThrow();
            assertTrue(miss.diagnosis().startsWith("one version contradicted its own write: v1 created the note in new, "
                    + "then read it from legacy"), miss.diagnosis());
            assertEquals(1, miss.observed().version());
        }
    }

    @Test
    void aStoreThatFailsIsNamedWithItsError() throws Exception {
        dev.notely.store.postgres.TestPostgres.requireServer();
        // A classic bug: a failing store read as "no such note".
        Path sources = brokenStage(text -> text.replace("return legacy.getNote(account.accountId(), noteId);",
                "try {\n            if (fresh.getNote(account.accountId(), noteId).isPresent()) {\n"
                        + "                return fresh.getNote(account.accountId(), noteId);\n            }\n"
                        + "        } catch (RuntimeException e) {\n            return Optional.empty();\n        }\n"
                        + "        return legacy.getNote(account.accountId(), noteId);"));
        try (Kit kit = start(sources, "--store", "new=" + postgres.url())) {
            Await.until(Duration.ofSeconds(60), "accounts with notes",
                    () -> kit.load().orElseThrow().accountIds().size() == 5);
            try (java.sql.Connection c = postgres.connect(); java.sql.Statement s = c.createStatement()) {
                s.execute("ALTER TABLE notes RENAME TO notes_gone"); // the store fails from now on
            }
            Await.until(Duration.ofSeconds(90), "a miss explained as a failed store",
                    () -> firstWithCause(kit, Diagnosis.STORE_FAILED).isPresent());
            ExplainedMiss miss = firstWithCause(kit, Diagnosis.STORE_FAILED).orElseThrow();
            assertTrue(miss.diagnosis().startsWith("a store failed: v1's getNote on new at "), miss.diagnosis());
            assertTrue(miss.diagnosis().contains("failed: "), miss.diagnosis());
        }
    }

    @org.junit.jupiter.api.extension.RegisterExtension
    final dev.notely.store.postgres.TestPostgres postgres = new dev.notely.store.postgres.TestPostgres();

    @Test
    void exerciseOneInTheWrongOrderIsDiagnosedAsTwoVersionsDisagreeing() throws Exception {
        Path sources = sourcesWith("exercise1-start");
        try (Kit kit = start(sources); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            Await.until(Duration.ofSeconds(60), "accounts with notes", () -> kit.load().orElseThrow().accountIds().size() == 5);
            switchTo(sources, "exercise1-complete");
            assertEquals(200, deploy(kit).statusCode()); // the compile can take a while on a loaded machine
            assertEquals(DeploymentStatus.ROLLOUT_WAIT, client.deployments().status());
            for (Account a : client.listAccounts()) { // the mistake: v1 still serves and knows nothing of "new"
                client.updateAccount(a.withMigrating(true));
            }
            Await.until(Duration.ofSeconds(80), "a miss explained as a rollout",
                    () -> firstWithCause(kit, Diagnosis.ROLLOUT).isPresent());
            ExplainedMiss miss = firstWithCause(kit, Diagnosis.ROLLOUT).orElseThrow();
            if (System.getProperty("misses.dump") != null) {
                Files.writeString(Path.of(System.getProperty("misses.dump")), Json.GSON.toJson(kit.misses().recent(200)));
            }
            assertTrue(miss.diagnosis().matches("two versions disagreed during a rollout: v1 read legacy after v2 "
                    + "(moved the note to new|moved the note out of legacy|copied the note to new|wrote the note to new"
                    + "|created the note in new) at .*"), miss.diagnosis());
            assertEquals(1, miss.observed().version(), "v1 answered the request that saw it");
            assertTrue(miss.timeline().stream().anyMatch(e -> "store".equals(e.source()) && e.version() == 2
                    && "new".equals(e.store())), "the timeline holds v2's write to new: " + miss.timeline());
            assertTrue(miss.timeline().stream().anyMatch(e -> "api".equals(e.source()) && e.version() == 1),
                    "and v1's answer: " + miss.timeline());

            HttpResponse<String> misses = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + kit.apiPort() + "/misses?limit=5")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, misses.statusCode());
            JsonArray list = Json.parseStrict(misses.body()).getAsJsonObject().getAsJsonArray("misses");
            assertFalse(list.isEmpty());
            assertTrue(list.size() <= 5);
            JsonObject first = list.get(0).getAsJsonObject();
            for (String field : List.of("id", "kind", "account", "note", "at", "observed", "diagnosis", "timeline")) {
                assertTrue(first.has(field), field + " in " + first);
            }
            HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + kit.apiPort() + "/misses?limit=0")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("limit must be"), bad.body());
        }
    }
}
