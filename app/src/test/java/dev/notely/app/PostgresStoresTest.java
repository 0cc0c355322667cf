package dev.notely.app;

import dev.notely.app.data.StoreRecord;
import dev.notely.app.data.DataFiles;
import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.StageInstaller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.VerificationReport;
import dev.notely.api.client.ApiException;
import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.store.StoreException;
import dev.notely.store.sqlite.SqliteNoteStore;
import dev.notely.store.postgres.TcpForwarder;
import dev.notely.store.postgres.TestPostgres;
import dev.notely.telemetry.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit with note stores on a real PostgreSQL server: the proxy child JVMs write there, a server that
 * cannot be used stops the kit before it starts, a server that goes away mid-run (a {@link TcpForwarder}
 * cut between the kit and the server) fails only the calls that need it, naming the store, until it is
 * back; and both exercises done right lose nothing: SQLite to PostgreSQL, and shards on two databases.
 */
class PostgresStoresTest {

    private static final Path EXERCISE1_COMPLETE = StageInstaller.stageSources(ControllerFixture.KIT_ROOT, "exercise1-complete");

    @RegisterExtension
    final TestPostgres server = new TestPostgres();

    @TempDir
    Path tmp;

    @Test
    void aRefusedLoginStopsTheKitWithOneLineBeforeAnythingStarts() throws Exception {
        Path data = tmp.resolve("data");
        // The password as the handbook says to give it, off the command line: the refusal is the only line.
        String url = server.urlWithLogin("notely_nobody", "not-the-password");
        try (AppProcess app = new AppProcess(Map.of("NOTELY_STORE_NEW_PASSWORD", "not-the-password"), data,
                "--headless", "--port", "0", "--store", "new=" + StoreRecord.withoutPassword(url))) {
            assertEquals(1, app.awaitExit(), app.text());
            List<String> said = withoutProgress(app.output);
            assertEquals(1, said.size(), "one line:\n" + app.text());
            String line = said.get(0);
            assertTrue(line.contains("ERROR Main - cannot start: cannot open note store 'new' at jdbc:postgresql://"), line);
            assertTrue(line.contains("password authentication failed for user \"notely_nobody\""), line);
            assertFalse(line.contains("not-the-password"), line);
            assertTrue(Files.notExists(data.resolve(DataFiles.DEPLOYMENTS)), "nothing was deployed");
            assertTrue(ControllerFixture.proxiesOf(data).isEmpty(), "no proxy was started");
        }
    }

    /** What the kit said beyond "still starting …", which a slow start adds every few seconds. */
    private static List<String> withoutProgress(List<String> output) {
        return List.copyOf(output).stream().filter(l -> !l.contains("still starting (")).toList();
    }

    @Test
    void aMissingDatabaseStopsTheKitWithOneLine() throws Exception {
        String url = server.url().replaceFirst("^(jdbc:postgresql://[^/]*)/[^?]*", "$1/notely_no_such_database");
        try (AppProcess app = new AppProcess(Map.of("NOTELY_STORE_SECOND_PASSWORD", StoreRecord.password(url).orElse("")),
                tmp.resolve("data"), "--headless", "--port", "0", "--store", "second=" + StoreRecord.withoutPassword(url))) {
            assertEquals(1, app.awaitExit(), app.text());
            List<String> said = withoutProgress(app.output);
            assertEquals(1, said.size(), "one line:\n" + app.text());
            assertTrue(said.get(0).contains("cannot start: cannot open note store 'second' at jdbc:postgresql://"), app.text());
            assertTrue(said.get(0).contains("database \"notely_no_such_database\" does not exist"), app.text());
        }
    }

    @Test
    void theStoreUrlsPasswordIsOnNoCommandLineAndThePoolKeepsQuiet() throws Exception {
        Path data = tmp.resolve("data");
        try (AppProcess app = new AppProcess(data, "--headless", "--port", "0", "--network-delay", "0",
                "--proxy-source", EXERCISE1_COMPLETE.toString(), "--store", "new=" + server.url())) {
            int port = app.awaitApiPort();
            try (NotelyClient client = new NotelyClient("127.0.0.1", port)) {
                Account account = client.updateAccount(client.createAccount("moving").withMigrating(true));
                Note note = client.createNote(account.id(), UUID.randomUUID(), "through the proxy JVM", Instant.now());
                assertEquals(Optional.of("through the proxy JVM"), contentOnServer(note.id()));
            }
            List<ProcessHandle> proxies = ControllerFixture.proxiesOf(data);
            assertEquals(2, proxies.size(), "the serving proxy and the standby");
            for (ProcessHandle proxy : proxies) {
                String commandLine = proxy.info().commandLine().orElseThrow();
                assertFalse(commandLine.contains("jdbc:postgresql") || commandLine.contains("password"), commandLine);
            }
            app.process.toHandle().destroy();
            assertEquals(0, app.awaitExit(), app.text());
            assertTrue(app.text().contains("data in " + data + " and on PostgreSQL (new=jdbc:postgresql://"), app.text());
            assertFalse(app.text().contains("Hikari"), "the pools' start and stop lines stay out of the log: " + app.text());
            assertFalse(app.text().contains("password="), app.text());
        }
    }

    @Test
    void whileTheServerIsGoneCallsOnNewAnswer503NamingItAndServiceResumesWhenItIsBack() throws Exception {
        try (TcpForwarder forwarder = forwarderToServer();
             Kit kit = Kit.start(options(forwarder, "--network-delay", "0"));
             NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            Account moving = client.updateAccount(client.createAccount("moving").withMigrating(true));
            Account staying = client.createAccount("staying");
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Note onServer = client.createNote(moving.id(), UUID.randomUUID(), "on PostgreSQL", at);
            Note inFile = client.createNote(staying.id(), UUID.randomUUID(), "in legacy.db", at);
            assertEquals(Optional.of("on PostgreSQL"), contentOnServer(onServer.id()), "a migrating account's note is created in new");
            assertTrue(Files.notExists(kit.dataDir.resolve("new.db")), "new is not a file");

            forwarder.cut();
            ApiException down = assertThrows(ApiException.class, () -> client.getNote(moving.id(), onServer.id()));
            assertEquals(503, down.status(), down.getMessage());
            assertTrue(down.getMessage().contains("note store 'new' at jdbc:postgresql://127.0.0.1:" + forwarder.port() + "/"),
                    down.getMessage());
            assertTrue(down.getMessage().contains("unavailable"), down.getMessage());
            assertFalse(down.getMessage().contains("password"), "no credentials: " + down.getMessage());
            assertEquals(Optional.of(inFile), client.getNote(staying.id(), inFile.id()), "legacy serves on");
            java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + kit.apiPort() + "/healthz")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            // The API still serves (legacy does): 200, degraded, naming the store that is down.
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"status\":\"degraded\"") && health.body().contains("\"new\":\"unavailable: "),
                    health.body());
            StoreException unverifiable = assertThrows(StoreException.class, () -> kit.verification().verify());
            assertTrue(unverifiable.getMessage().contains("note store 'new'"), unverifiable.getMessage());
            Await.until(Duration.ofSeconds(10), "new's failures in the stats the dashboard shows", () -> client.stats().store()
                    .stream().anyMatch(r -> r.key().store().equals("new") && r.key().status() == Status.ERROR));

            forwarder.restore();
            Await.until(Duration.ofSeconds(30), "new to answer again", () -> answers(client, moving, onServer));
            assertEquals(Optional.of(onServer), client.getNote(moving.id(), onServer.id()), "the acknowledged write survived");
            Note later = new Note(onServer.id(), moving.id(), onServer.createdAt(), at.plusSeconds(1), "written after");
            assertEquals(Optional.of(later), client.updateNote(later));
            assertEquals(Optional.of("written after"), contentOnServer(onServer.id()));
            Await.until(Duration.ofSeconds(10), "/healthz to answer 200 again", client::healthy);
        }
    }

    @Test
    void underLoadAnOutageOfNewFailsFastNamingItLosesNoWriteAndEndsByItself() throws Exception {
        try (TcpForwarder forwarder = forwarderToServer();
             Kit kit = Kit.start(options(forwarder, "--gen", "--signups-per-minute", "0", "--concurrency", "20", "--rpm", "120"));
             NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            LoadGenerator load = kit.load().orElseThrow();
            Await.until(Duration.ofSeconds(30), "the simulated accounts", () -> load.accountIds().size() == 20);
            for (Account account : client.listAccounts()) {
                client.updateAccount(account.withMigrating(true));
            }
            long before = load.requests();
            Await.until(Duration.ofSeconds(30), "traffic on new", () -> load.requests() > before + 100);
            Account probe = client.updateAccount(client.createAccount("probe").withMigrating(true));

            forwarder.cut();
            // Twice the store's fail-fast spell (5 s), so calls that try the server again are among those timed.
            Duration outage = Duration.ofSeconds(10);
            List<Long> millis = new ArrayList<>();
            long cutAt = System.nanoTime();
            while (System.nanoTime() - cutAt < outage.toNanos()) {
                long start = System.nanoTime();
                ApiException down = assertThrows(ApiException.class, () -> client.listNotes(probe.id()));
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(503, down.status(), down.getMessage());
                assertTrue(down.getMessage().contains("note store 'new'"), "names the store, not a timeout: " + down.getMessage());
            }
            assertTrue(millis.stream().allMatch(ms -> ms < 5_000), "each answer well before the proxy call times out: " + millis);
            long failedDuringOutage = load.failureCount();

            forwarder.restore();
            Await.until(Duration.ofSeconds(30), "new to answer again", () -> {
                try {
                    client.listNotes(probe.id());
                    return true;
                } catch (ApiException e) {
                    return false;
                }
            });
            long failedBefore = load.failureCount();
            long requestsBefore = load.requests();
            Await.until(Duration.ofSeconds(30), "traffic after the outage", () -> load.requests() > requestsBefore + 100);
            load.close();
            assertTrue(failedDuringOutage > 0 || failedBefore > 0, "the users saw the outage");
            assertEquals(failedBefore, load.failureCount(), "no failure once the server is back: " + load.failures());
            assertEquals(0, load.misses(), "no acknowledged write lost, nothing stale or resurrected");
            assertEquals(1, client.deployments().current().orElseThrow().version(), "the proxy was not restarted");
            assertEquals(0, client.deployments().current().orElseThrow().restarts());
        }
    }

    @Test
    void exerciseOneMovesEveryNoteFromSqliteToPostgresWithoutAMiss() throws Exception {
        Path sources = tmp.resolve("proxy-src");
        ControllerFixture.copyTree(StageInstaller.stageSources(ControllerFixture.KIT_ROOT, "exercise1-start"), sources);
        Options options = Options.parse(List.of("--headless", "--gen", "--signups-per-minute", "0", "--port", "0", "--rpm", "600", "--network-delay", "0",
                "--data-dir", tmp.resolve("data").toString(), "--proxy-source", sources.toString(), "--rollout-wait", "3s",
                "--store", "new=" + server.url()));
        try (Kit kit = Kit.start(options); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            LoadGenerator load = kit.load().orElseThrow();
            Await.until(Duration.ofSeconds(30), "notes in legacy", () -> load.accountIds().size() == 5
                    && kit.stats.snapshot().noteCounts().getOrDefault("legacy", 0L) > 0);
            Files.copy(EXERCISE1_COMPLETE.resolve(ProxyCompiler.ROUTER_SOURCE), sources.resolve(ProxyCompiler.ROUTER_SOURCE),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(2, client.deploy());
            Await.until(Duration.ofSeconds(30), "the rollout to finish",
                    () -> client.deployments().status() == dev.notely.api.DeploymentStatus.READY);
            for (Account account : client.listAccounts()) {
                client.updateAccount(account.withMigrating(true));
            }
            try (SqliteNoteStore legacy = SqliteNoteStore.open("legacy", kit.dataDir.resolve("legacy.db"))) {
                Await.until(Duration.ofSeconds(90), "legacy to drain", () -> legacy.totalNotes() == 0);
            }
            load.close();
            VerificationReport report = kit.verification().verify();
            assertTrue(report.clean() && report.stores().contains("new"), "v and GET /verify read new on the server: "
                    + report.summary());
            assertTrue(rowsOnServer(server.schema()) > 0, "the notes live on the server now");
            assertEquals(0, load.misses(), "consistency misses");
            assertEquals(0, load.failureCount(), "failed requests " + load.failures());
        }
        Path data = tmp.resolve("data");
        try (AppProcess verify = new AppProcess(Map.of("NOTELY_STORE_NEW_PASSWORD", StoreRecord.password(server.url()).orElse("")),
                data, "--verify", "--store", "new=" + StoreRecord.withoutPassword(server.url()))) {
            assertEquals(0, verify.awaitExit(), verify.text());
            assertTrue(verify.output.get(0).matches("Verified legacy, new.* in " + java.util.regex.Pattern.quote(data.toString())
                    + " and on PostgreSQL \\(new=jdbc:postgresql://.*: clean"), verify.text());
            assertTrue(verify.text().contains("Clean: every note is where its account's mode says it belongs."), verify.text());
            assertFalse(verify.text().contains("password"), verify.text());
        }
    }

    @Test
    void exerciseTwoMovesAnAccountBetweenTwoDatabasesWithoutAMiss() throws Exception {
        String second = server.schema() + "_second";
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + second);
        }
        try {
            Options options = Options.parse(List.of("--headless", "--gen", "--signups-per-minute", "0", "--concurrency", "16", "--port", "0",
                    "--rpm", "600", "--network-delay", "0", "--data-dir", tmp.resolve("data").toString(),
                    "--proxy-source", StageInstaller.stageSources(ControllerFixture.KIT_ROOT, "exercise2-complete").toString(),
                    "--store", "new=" + server.url(),
                    "--store", "second=" + server.url().replace("currentSchema=" + server.schema(), "currentSchema=" + second)));
            try (Kit kit = Kit.start(options); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
                LoadGenerator load = kit.load().orElseThrow();
                Await.until(Duration.ofSeconds(90), "accounts", () -> load.accountIds().size() == 16);
                List<Account> accounts = client.listAccounts();
                Account mover = accounts.stream().filter(a -> "new".equals(a.shard())).findFirst().orElseThrow();
                Await.until(Duration.ofSeconds(30), "the account to have notes", () -> !client.listNotes(mover.id()).isEmpty());
                client.updateAccount(mover.withShard("second").withMigrating(true));
                Await.until(Duration.ofSeconds(90), "the account's notes to leave new",
                        () -> notesOf(server.schema(), mover.id()) == 0);
                assertTrue(notesOf(second, mover.id()) > 0, "its notes are in the other database now");
                load.close();
                assertEquals(0, load.misses(), "consistency misses");
                assertEquals(0, load.failureCount(), "failed requests " + load.failures());
            }
        } finally {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + second + " CASCADE");
            }
        }
    }

    /** Notes, not the tombstones of deleted ones. */
    private long rowsOnServer(String schema) {
        return count("SELECT count(*) FROM " + schema + ".notes WHERE deleted_at IS NULL", null);
    }

    private long notesOf(String schema, UUID account) {
        return count("SELECT count(*) FROM " + schema + ".notes WHERE creator = ? AND deleted_at IS NULL", account);
    }

    private long count(String sql, UUID creator) {
        try (Connection c = server.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            if (creator != null) {
                s.setString(1, creator.toString());
            }
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers(NotelyClient client, Account account, Note note) {
        try {
            return client.getNote(account.id(), note.id()).isPresent();
        } catch (ApiException e) {
            return false;
        }
    }

    /** The kit, headless on a free port, new on the test server through {@code forwarder}, exercise 1 complete deployed. */
    private Options options(TcpForwarder forwarder, String... more) {
        String url = forwarder.reroute(server.url());
        List<String> args = new ArrayList<>(List.of("--headless", "--port", "0", "--data-dir", tmp.resolve("data").toString(),
                "--proxy-source", EXERCISE1_COMPLETE.toString(), "--store", "new=" + url));
        args.addAll(List.of(more));
        return Options.parse(args);
    }

    private TcpForwarder forwarderToServer() throws java.io.IOException {
        return TcpForwarder.toServerOf(server.url());
    }

    /** The content of the note in the test's schema on the server, read past the kit. */
    private Optional<String> contentOnServer(UUID noteId) throws SQLException {
        try (Connection c = server.connect(); PreparedStatement s = c.prepareStatement("SELECT content FROM notes WHERE id = ?")) {
            s.setString(1, noteId.toString());
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }
}
