package dev.notely.app.migration;

import dev.notely.app.ControllerFixture;
import dev.notely.app.deploy.ProxyCompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.notely.api.DeploymentStatus;
import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backfill pages go through the traffic split to real proxy processes, like users' calls. */
class BackfillRoutingTest {

    /** Exercise 1 with a backfill, for the app's tests (see the source's comment). */
    static final Path BACKFILL_PROXY = ControllerFixture.KIT_ROOT.resolve("app/src/test/resources/backfill-proxy");

    @TempDir
    Path tmp;

    @Test
    void aVersionWithoutABackfillSaysSoAndDuringARolloutThePageGoesToTheVersionThatHasOne() throws Exception {
        AccountDetails account = new AccountDetails(UUID.randomUUID(), true, null);
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(60))) {
            f.controller.deploy();
            UnsupportedOperationException none = assertThrows(UnsupportedOperationException.class,
                    () -> f.router.backfill(account, Optional.empty(), 10));
            assertEquals("this DataProxy has no backfill", none.getMessage());

            Files.copy(BACKFILL_PROXY.resolve(ProxyCompiler.ROUTER_SOURCE), f.routerSource(),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals(2, f.controller.deploy());
            assertEquals(DeploymentStatus.ROLLOUT_WAIT, f.controller.state().status(), "v1 and v2 share traffic");
            for (int i = 0; i < 20; i++) {
                // Half of these reach v1 first, which declines; each ends at v2 all the same.
                assertEquals(BackfillResult.done(0), f.router.backfill(account, Optional.empty(), 10));
            }
        }
    }
}
