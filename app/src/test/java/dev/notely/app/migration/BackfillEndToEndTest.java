package dev.notely.app.migration;

import dev.notely.app.AppProcess;
import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.app.Kit;
import dev.notely.app.Options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.BackfillStatus;
import dev.notely.api.BackfillStatus.State;
import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill in the whole kit, with a real proxy process serving a router that has one: it drains
 * legacy for migrating accounts beside simulated users, and goes on after the app is killed.
 */
class BackfillEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void besideSimulatedUsersTheBackfillDrainsLegacyAndNobodySeesAMiss() throws Exception {
        Path data = tmp.resolve("data");
        Options options = Options.parse(List.of("--headless", "--gen", "--signups-per-minute", "0", "--concurrency", "20", "--notes-per-account", "10",
                "--rpm", "120", "--port", "0", "--data-dir", data.toString(),
                "--proxy-source", BackfillRoutingTest.BACKFILL_PROXY.toString()));
        try (Kit kit = Kit.start(options); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort());
             SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
            LoadGenerator load = kit.load().orElseThrow();
            Await.until(WAIT, "every simulated account and its notes",
                    () -> load.accountIds().size() == 20 && stores.open(NoteStores.LEGACY).totalNotes() >= 150);
            for (Account a : client.listAccounts()) {
                client.updateAccount(a.withMigrating(true));
            }
            assertEquals(State.IDLE, client.backfill().state());
            assertTrue(client.backfill().left() > 0, "legacy notes of migrating accounts are left to move");

            BackfillStatus started = client.backfill("start", null);
            assertEquals(State.RUNNING, started.state());
            Await.until(WAIT, "the backfill done", () -> client.backfill().state() == State.DONE);
            load.close();

            assertEquals(0, stores.open(NoteStores.LEGACY).totalNotes(), "legacy drained");
            BackfillStatus done = client.backfill();
            assertEquals(0, done.left());
            assertTrue(done.moved() > 0, "the backfill moved what the users had not: " + done.moved());
            assertTrue(done.accounts().stream().allMatch(BackfillStatus.AccountProgress::done));
            assertEquals(0, load.misses(), "consistency misses");
            assertEquals(0, load.failureCount(), "failed requests " + load.failures());
            // Every note the API lists is in new and readable; new holds nothing else.
            long listed = 0;
            for (Account a : client.listAccounts()) {
                for (UUID id : client.listNotes(a.id())) {
                    assertTrue(client.getNote(a.id(), id).isPresent(), "note " + id + " of " + a.name());
                    listed++;
                }
            }
            assertEquals(stores.open(NoteStores.NEW).totalNotes(), listed);
        }
    }

    /** kill -9 half-way through: started again on the same data, it goes on by itself and loses nothing. */
    @Test
    void killedHalfWayTheBackfillGoesOnAfterARestartAndNothingIsLost() throws Exception {
        Path data = tmp.resolve("data");
        String[] flags = {"--headless", "--port", "0", "--proxy-source", BackfillRoutingTest.BACKFILL_PROXY.toString(),
                "--backfill-rate", "40"};
        Map<UUID, String> written = new HashMap<>();
        List<Account> accounts;
        try (AppProcess app = new AppProcess(data, flags)) {
            try (NotelyClient client = new NotelyClient("127.0.0.1", app.awaitApiPort())) {
                Instant t = Instant.parse("2025-08-13T10:00:00Z");
                for (int a = 0; a < 4; a++) {
                    Account account = client.createAccount("backfilled " + a);
                    for (int n = 0; n < 30; n++) {
                        t = t.plusMillis(1);
                        Note note = client.createNote(account.id(), UUID.randomUUID(), "note " + a + "." + n, t);
                        written.put(note.id(), note.content());
                    }
                    client.updateAccount(account.withMigrating(true));
                }
                accounts = client.listAccounts();
                client.backfill("start", null);
                Await.until(WAIT, "a third moved", () -> client.backfill().moved() >= 40);
            }
            app.process.destroyForcibly(); // SIGKILL: no shutdown hook, nothing saved on the way out
            app.process.waitFor();
        }
        Await.until(WAIT, "the killed app's proxy gone", () -> ControllerFixture.proxiesOf(data).isEmpty());
        try (SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
            long legacy = stores.open(NoteStores.LEGACY).totalNotes();
            assertTrue(legacy > 0 && legacy < 120, "killed half-way: " + legacy + " of 120 notes still in legacy");
        }

        flags[flags.length - 1] = "10000";
        try (AppProcess app = new AppProcess(data, flags);
             NotelyClient client = new NotelyClient("127.0.0.1", app.awaitApiPort())) {
            Await.until(WAIT, "the backfill to go on by itself and finish", () -> client.backfill().state() == State.DONE);
            assertTrue(app.text().contains("backfill resumes where it was"), app.text());
            BackfillStatus done = client.backfill();
            assertEquals(0, done.left());
            assertTrue(done.moved() >= 120 - 50 && done.moved() <= 120,
                    "the pages saved, short of at most the page in flight (50 notes at most): " + done.moved());
            Map<UUID, String> found = new HashMap<>();
            for (Account a : accounts) {
                for (UUID id : client.listNotes(a.id())) {
                    found.put(id, client.getNote(a.id(), id).orElseThrow().content());
                }
            }
            assertEquals(written, found, "every note, with what was written, and no other");
            try (SqliteNoteStores stores = new SqliteNoteStores(data, new StatsCollector())) {
                assertEquals(0, stores.open(NoteStores.LEGACY).totalNotes());
                assertEquals(120, stores.open(NoteStores.NEW).totalNotes());
            }
        }
        Await.until(WAIT, "no proxy left", () -> ControllerFixture.proxiesOf(data).isEmpty());
    }
}
