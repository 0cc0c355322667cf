package dev.notely.app;

import dev.notely.app.deploy.ProxyCompiler;
import dev.notely.app.grading.StageInstaller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.DeploymentStatus;
import dev.notely.api.client.NotelyClient;
import dev.notely.loadgen.LoadGenerator;
import dev.notely.store.Account;
import dev.notely.store.sqlite.SqliteNoteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lessons of the workshop, end to end: the whole kit, simulated users, real deployments. */
class TeachingScenariosTest {

    @TempDir
    Path tmp;

    /** A proxy source folder holding {@code stage}, which the test can switch to another stage. */
    private Path sourcesWith(String stage) throws Exception {
        Path sources = tmp.resolve("proxy-src");
        ControllerFixture.copyTree(StageInstaller.stageSources(ControllerFixture.KIT_ROOT, stage), sources);
        return sources;
    }

    private static void switchTo(Path sources, String stage) throws Exception {
        Path from = StageInstaller.stageSources(ControllerFixture.KIT_ROOT, stage).resolve(ProxyCompiler.ROUTER_SOURCE);
        Files.copy(from, sources.resolve(ProxyCompiler.ROUTER_SOURCE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private Kit start(Path sources, String rolloutWait, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--headless", "--gen", "--signups-per-minute", "0", "--port", "0", "--rpm", "600",
                "--network-delay", "0", "--data-dir", tmp.resolve("data").toString(),
                "--proxy-source", sources.toString(), "--rollout-wait", rolloutWait));
        args.addAll(List.of(extra));
        return Kit.start(Options.parse(args));
    }

    private static void migrateEveryone(NotelyClient client) {
        for (Account a : client.listAccounts()) {
            client.updateAccount(a.withMigrating(true));
        }
    }

    @Test
    void exerciseOneDoneRightDrainsLegacyWithoutAMiss() throws Exception {
        Path sources = sourcesWith("exercise1-start");
        try (Kit kit = start(sources, "3s"); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            LoadGenerator load = kit.load().orElseThrow();
            Await.until(Duration.ofSeconds(30), "notes in legacy", () -> load.accountIds().size() == 5
                    && kit.stats.snapshot().noteCounts().getOrDefault("legacy", 0L) > 0);

            switchTo(sources, "exercise1-complete");
            assertEquals(2, client.deploy());
            Await.until(Duration.ofSeconds(30), "the rollout to finish",
                    () -> client.deployments().status() == DeploymentStatus.READY);
            migrateEveryone(client);

            try (SqliteNoteStore legacy = SqliteNoteStore.open("legacy", kit.dataDir.resolve("legacy.db"));
                 SqliteNoteStore fresh = SqliteNoteStore.open("new", kit.dataDir.resolve("new.db"))) {
                Await.until(Duration.ofSeconds(90), "legacy to drain", () -> legacy.totalNotes() == 0);
                load.close();
                assertTrue(fresh.totalNotes() > 0, "the notes live in new now");
            }
            assertEquals(0, load.misses(), "consistency misses");
            assertEquals(0, load.failureCount(), "failed requests " + load.failures());
        }
    }

    @Test
    void migratingBeforeTheRolloutEndsShowsMisses() throws Exception {
        Path sources = sourcesWith("exercise1-start");
        try (Kit kit = start(sources, "60s"); NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            LoadGenerator load = kit.load().orElseThrow();
            Await.until(Duration.ofSeconds(90), "accounts with notes", () -> load.accountIds().size() == 5);
            switchTo(sources, "exercise1-complete");
            client.deploy();
            assertEquals(DeploymentStatus.ROLLOUT_WAIT, client.deployments().status());
            migrateEveryone(client); // the mistake: v1 still serves half the requests and knows nothing of "new"
            Await.until(Duration.ofSeconds(45), "the users to notice", () -> kit.stats.snapshot().totalMisses() > 0);
            assertTrue(load.misses() > 0);
        }
    }

    @Test
    void exerciseTwoShardsNewAccountsAndMovesAnAccountWithoutAMiss() throws Exception {
        Path sources = sourcesWith("exercise2-complete");
        try (Kit kit = start(sources, "3s", "--concurrency", "16");
             NotelyClient client = new NotelyClient("127.0.0.1", kit.apiPort())) {
            LoadGenerator load = kit.load().orElseThrow();
            Await.until(Duration.ofSeconds(90), "accounts", () -> load.accountIds().size() == 16);
            List<Account> accounts = client.listAccounts();
            Set<String> shards = accounts.stream().map(Account::shard).collect(Collectors.toSet());
            assertEquals(Set.of("new", "second"), shards, "AssignShard spreads new accounts over both shards");

            Account mover = accounts.stream().filter(a -> "new".equals(a.shard())).findFirst().orElseThrow();
            Await.until(Duration.ofSeconds(30), "the account to have notes", () -> !client.listNotes(mover.id()).isEmpty());
            client.updateAccount(mover.withShard("second").withMigrating(true));
            try (SqliteNoteStore fresh = SqliteNoteStore.open("new", kit.dataDir.resolve("new.db"))) {
                Await.until(Duration.ofSeconds(90), "the account's notes to leave new",
                        () -> fresh.countNotes(mover.id()) == 0);
            }
            assertTrue(!client.listNotes(mover.id()).isEmpty(), "its notes are still there, now in second");
            load.close();
            assertEquals(0, load.misses(), "consistency misses");
            assertEquals(0, load.failureCount(), "failed requests " + load.failures());
        }
    }
}
