package dev.notely.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.DeploymentState;
import dev.notely.api.Deployments;
import dev.notely.api.NoticedMiss;
import dev.notely.api.client.NotelyClient;
import dev.notely.api.rest.ApiServices;
import dev.notely.api.rest.RestServer;
import dev.notely.loadgen.FaultyRouter.Fault;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.ConsistencyMiss;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.notely.store.Account;
import dev.notely.store.Note;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated users catch each kind of broken router, and stay quiet for a correct one. */
class LoadGeneratorTest {

    private static final LoadSettings BUSY = new LoadSettings(6, 3, 1_200);

    @TempDir
    Path dir;

    private final class Rig implements AutoCloseable {
        final StatsCollector stats = new StatsCollector();
        final SqliteAccountStore accounts = SqliteAccountStore.open(dir);
        final SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector());
        final RestServer server;
        final NotelyClient client;
        /** What the generator hands the kit to explain each miss. */
        final List<NoticedMiss> noticed = new CopyOnWriteArrayList<>();
        LoadGenerator generator;

        Rig(Fault fault) {
            server = RestServer.start("127.0.0.1", 0, ApiServices.of(accounts, new FaultyRouter(stores.open("legacy"), fault),
                    new Deployments() {
                        @Override
                        public int deploy() {
                            throw new UnsupportedOperationException("not in this test");
                        }

                        @Override
                        public int rollback() {
                            throw new UnsupportedOperationException("not in this test");
                        }

                        @Override
                        public DeploymentState state() {
                            return DeploymentState.INITIAL;
                        }
                    }, stats));
            client = new NotelyClient("127.0.0.1", server.port());
        }

        LoadGenerator start(LoadSettings settings) {
            generator = LoadGenerator.start(client, stats, settings, noticed::add);
            return generator;
        }

        long misses(ConsistencyMiss kind) {
            return stats.snapshot().misses(kind);
        }

        /**
         * Each miss counted was handed over as evidence too: its kind, a note of one of the users, and the
         * request that saw it, one of {@code requests} ("GET /accounts/{id}/notes" and the like).
         */
        void expectEvidence(Set<ConsistencyMiss> kinds, Set<String> requests) {
            assertEquals(generator.misses(), noticed.size(), "every miss is handed over: " + noticed);
            for (NoticedMiss miss : noticed) {
                assertTrue(kinds.contains(miss.kind()), miss.toString());
                assertTrue(generator.accountIds().contains(miss.account()) && miss.note() != null, miss.toString());
                assertTrue(requests.contains(miss.method() + " " + miss.route()), miss.toString());
                assertFalse(miss.detail().isBlank(), miss.toString());
            }
        }

        @Override
        public void close() {
            if (generator != null) {
                generator.close();
            }
            client.close();
            server.close();
            stores.close();
            accounts.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            pause(10); // polling interval
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWriteInTheSameMillisecondAsTheLastIsStillNewer() {
        Instant last = Instant.parse("2025-08-13T10:00:00.123Z");
        Instant written = SimulatedAccount.nextWriteTime(last, last.plusNanos(400_000));
        assertEquals(Instant.parse("2025-08-13T10:00:00.124Z"), written);
        assertEquals(Instant.parse("2025-08-13T10:00:00.200Z"),
                SimulatedAccount.nextWriteTime(last, Instant.parse("2025-08-13T10:00:00.200700Z")));
    }

    @Test
    void aCorrectRouterGivesNoMissesAndNoFailures() {
        try (Rig rig = new Rig(Fault.NONE)) {
            LoadGenerator gen = rig.start(BUSY);
            await("600 requests", () -> gen.requests() >= 600);
            gen.close();
            assertEquals(0, gen.misses());
            assertEquals(0, rig.stats.snapshot().totalMisses());
            assertEquals(0, gen.failureCount(), gen.failures().toString());
            assertEquals(6, gen.accountIds().size());
            assertEquals(6, rig.accounts.listAccounts().size(), "accounts created through the API");
            // Watch for ten tick periods (50 ms each at 1 200 rpm): a user still scheduled would show up.
            long after = gen.requests();
            long watchUntil = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < watchUntil) {
                assertEquals(after, gen.requests(), "no requests after stop");
                pause(10);
            }
        }
    }

    @Test
    void droppedUpdatesAreStale() {
        try (Rig rig = new Rig(Fault.DROPS_UPDATES)) {
            LoadGenerator gen = rig.start(BUSY);
            await("a stale miss", () -> rig.misses(ConsistencyMiss.STALE) > 0);
            gen.close();
            assertEquals(0, rig.misses(ConsistencyMiss.RESURRECTED));
            assertEquals(rig.stats.snapshot().totalMisses(), gen.misses(), "the generator counts every miss it reports");
            rig.expectEvidence(Set.of(ConsistencyMiss.STALE), Set.of("GET /accounts/{id}/notes/{noteId}"));
        }
    }

    @Test
    void lostNotesAreMissing() {
        try (Rig rig = new Rig(Fault.LOSES_NOTES)) {
            LoadGenerator gen = rig.start(BUSY);
            await("a missing miss", () -> rig.misses(ConsistencyMiss.MISSING) > 0);
            gen.close();
            assertEquals(0, rig.misses(ConsistencyMiss.STALE));
            assertEquals(rig.stats.snapshot().totalMisses(), gen.misses(), "the generator counts every miss it reports");
            rig.expectEvidence(Set.of(ConsistencyMiss.MISSING, ConsistencyMiss.RESURRECTED), Set.of("GET /accounts/{id}/notes/{noteId}", "GET /accounts/{id}/notes", "PUT /accounts/{id}/notes/{noteId}"));
        }
    }

    @Test
    void ignoredDeletesAreResurrected() {
        try (Rig rig = new Rig(Fault.IGNORES_DELETES)) {
            LoadGenerator gen = rig.start(BUSY);
            await("a resurrected miss", () -> rig.misses(ConsistencyMiss.RESURRECTED) > 0);
            gen.close();
            assertEquals(0, rig.misses(ConsistencyMiss.STALE));
            assertEquals(0, rig.misses(ConsistencyMiss.MISSING));
            assertEquals(rig.stats.snapshot().totalMisses(), gen.misses(), "the generator counts every miss it reports");
            rig.expectEvidence(Set.of(ConsistencyMiss.RESURRECTED), Set.of("GET /accounts/{id}/notes/{noteId}", "GET /accounts/{id}/notes"));
        }
    }

    @Test
    void aListIsFollowedByReadingBackEveryListedNoteOneATick() {
        try (Rig rig = new Rig(Fault.NONE)) {
            SimulatedAccount user = new SimulatedAccount("user-list-1", 3);
            Tally tally = new Tally();
            List<String> seen = new ArrayList<>();
            MissListener misses = (kind, account, noteId, detail, seenBy, status, sent) -> seen.add(kind.label() + " " + noteId);
            SplittableRandom random = new SplittableRandom(7);
            assertTrue(user.ensureCreated(rig.client, random, tally));
            List<UUID> ids = rig.client.listNotes(user.id());
            assertEquals(3, ids.size());
            // Someone else overwrites one note, later than the user's own write: only its content tells.
            UUID changed = ids.get(1);
            Note theirs = rig.client.getNote(user.id(), changed).orElseThrow();
            rig.client.updateNote(theirs.withContent("written elsewhere", theirs.updatedAt().plusSeconds(60)));

            long before = tally.requests();
            user.list(rig.client, tally, misses);
            assertEquals(List.of(), seen, "the ids alone agree");
            for (int i = 0; i < ids.size(); i++) {
                user.tick(rig.client, random, tally, misses);
            }
            assertEquals(before + 1 + ids.size(), tally.requests(), "one request a tick: the list's reads keep to the rate");
            assertEquals(List.of("stale " + changed), seen);
            assertEquals(Set.copyOf(ids), Set.copyOf(rig.client.listNotes(user.id())), "the ticks only read");
            assertEquals("written elsewhere", rig.client.getNote(user.id(), changed).orElseThrow().content());
        }
    }

    @Test
    void aRestartCarriesOnWithTheSimulatedAccountsOfTheEarlierRun() {
        try (Rig rig = new Rig(Fault.NONE)) {
            UUID ada = rig.client.createAccount("Ada").id();
            LoadGenerator first = rig.start(new LoadSettings(3, 3, 1_200));
            await("three users with their notes", () -> first.accountIds().size() == 3 && first.requests() >= 60);
            first.close();
            Set<UUID> earlier = Set.copyOf(first.accountIds());

            LoadGenerator second = rig.start(new LoadSettings(4, 3, 1_200));
            await("the users to carry on", () -> second.requests() >= 200);
            second.close();
            assertEquals(5, rig.accounts.listAccounts().size(), "Ada, the three users of the first run and one more");
            assertEquals(4, second.accountIds().size());
            assertTrue(second.accountIds().containsAll(earlier), second.accountIds() + " carries on with " + earlier);
            assertFalse(second.accountIds().contains(ada), "a person's account is never taken over");
            assertEquals(0, rig.stats.snapshot().totalMisses());
            assertEquals(0, second.failureCount(), second.failures().toString());
            for (UUID user : earlier) {
                // A user that did not know its old notes would keep them and add three more of its own.
                assertTrue(rig.client.listNotes(user).size() <= 4, "about 3 notes for " + user);
            }
        }
    }

    @Test
    void anAdoptedUserKnowsItsNotesByTheirContent() {
        try (Rig rig = new Rig(Fault.NONE)) {
            Account earlier = rig.client.createAccount("user-0abc-1");
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(rig.client.createNote(earlier.id(), UUID.randomUUID(), "written in an earlier run " + i,
                        Instant.now().minusSeconds(60)).id());
            }
            SimulatedAccount user = SimulatedAccount.adopt(earlier, 3);
            Tally tally = new Tally();
            List<String> seen = new ArrayList<>();
            MissListener misses = (kind, account, noteId, detail, seenBy, status, sent) -> seen.add(kind.label() + " " + noteId);
            SplittableRandom random = new SplittableRandom(11);
            assertTrue(user.ensureCreated(rig.client, random, tally));
            assertEquals(4, tally.requests(), "one list, then each note read once");
            assertEquals(3, user.noteCount());
            assertEquals(earlier.id(), user.id());

            Note theirs = rig.client.getNote(earlier.id(), ids.get(2)).orElseThrow();
            rig.client.updateNote(theirs.withContent("written elsewhere", Instant.now()));
            user.list(rig.client, tally, misses);
            for (int i = 0; i < ids.size(); i++) {
                user.tick(rig.client, random, tally, misses);
            }
            assertEquals(List.of("stale " + ids.get(2)), seen, "only the note changed behind its back");
        }
    }

    @Test
    void aThousandAccountsShareABoundedPool() {
        try (Rig rig = new Rig(Fault.NONE)) {
            rig.start(new LoadSettings(1_000, 1, 1));
            long userThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("user-")).count();
            assertTrue(userThreads <= LoadGenerator.MAX_THREADS, "threads: " + userThreads);
        }
    }

    @Test
    void settingsAreValidated() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new LoadSettings(0, 3, 60));
        assertEquals("concurrency must be between 1 and 5000, was 0", e.getMessage());
    }
}
