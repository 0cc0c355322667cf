package dev.notely.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.DeploymentStatus;
import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.StoreException;
import dev.notely.store.faults.StoreFault;
import dev.notely.telemetry.Status;
import dev.notely.telemetry.StoreKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store faults in real proxy JVMs (SPEC §19): each kind changes what the router meets and what the data-store
 * figures say; a version deployed, and a process restarted, during a fault start with it; clearing ends it.
 */
class StoreFaultsInProxiesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AccountDetails ACCOUNT = new AccountDetails(UUID.randomUUID(), false, null);

    @TempDir
    Path tmp;

    private Instant clock = Instant.parse("2025-08-13T10:00:00Z");

    private Note note() {
        clock = clock.plusMillis(1);
        return new Note(UUID.randomUUID(), ACCOUNT.accountId(), clock, clock, "n");
    }

    @Test
    void eachKindOfFaultReachesTheServingProxyAndShowsInTheStoreFigures() throws Exception {
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(1))) {
            assertEquals(1, f.controller.deploy());
            f.router.createNote(ACCOUNT, note());

            // Latency: the store's own p95 (pulled from the proxy) rises to at least what was set.
            f.faults.change("legacy", s -> s.withLatencyMs(50));
            Await.until(WAIT, "legacy's p95 at 50 ms or more", () -> {
                f.router.listNotes(ACCOUNT);
                return p95(f, "listNotes", "legacy") >= 50;
            });

            // Errors: every call fails as a store failure naming the store, and is counted as an error.
            f.faults.change("legacy", s -> StoreFault.NONE.withErrorRate(1.0));
            StoreException failed = assertThrows(StoreException.class, () -> f.router.createNote(ACCOUNT, note()));
            assertTrue(failed.getMessage().contains("note store 'legacy' failed createNote: an error injected"), failed.getMessage());
            Await.until(WAIT, "legacy's errors counted", () -> total(f, "createNote", Status.ERROR, "legacy") >= 1);

            // Down: every call fails at once.
            f.faults.change("legacy", s -> StoreFault.NONE.withDown(true));
            StoreException down = assertThrows(StoreException.class, () -> f.router.listNotes(ACCOUNT));
            assertTrue(down.getMessage().contains("note store 'legacy' is down"), down.getMessage());

            // A version deployed during the fault serves with it from its first call, and alone after the rollout.
            assertEquals(2, f.controller.deploy());
            Await.until(WAIT, "the rollout to v2 to end", () -> f.controller.state().status() == DeploymentStatus.READY);
            assertEquals(2, f.controller.state().current().orElseThrow().version());
            assertThrows(StoreException.class, () -> f.router.listNotes(ACCOUNT), "v2 started with legacy down");

            // So does a process restarted after a crash.
            long crashed = f.controller.state().current().orElseThrow().pid();
            ProcessHandle.of(crashed).orElseThrow().destroyForcibly();
            Await.until(WAIT, "v2 restarted", () -> f.controller.state().current()
                    .map(p -> p.pid() != crashed && p.restarts() >= 1).orElse(false));
            down = assertThrows(StoreException.class, () -> f.router.listNotes(ACCOUNT), "the restarted v2 has legacy down");
            assertTrue(down.getMessage().contains("injected"), down.getMessage());

            // Cleared: the store answers again, with nothing lost.
            f.faults.clear("legacy");
            assertEquals(1, f.router.listNotes(ACCOUNT).size());
            assertTrue(f.faults.current().isEmpty());
        }
    }

    private static double p95(ControllerFixture f, String operation, String store) {
        return f.stats.snapshot().store().stream()
                .filter(r -> r.key().equals(new StoreKey(operation, Status.SUCCESS, store)))
                .mapToDouble(r -> r.metrics().durationP95()).max().orElse(0);
    }

    private static long total(ControllerFixture f, String operation, Status status, String store) {
        return f.stats.snapshot().store().stream().filter(r -> r.key().equals(new StoreKey(operation, status, store)))
                .mapToLong(r -> r.metrics().totalCount()).sum();
    }
}
