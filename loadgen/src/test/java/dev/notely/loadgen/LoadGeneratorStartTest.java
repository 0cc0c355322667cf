package dev.notely.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.notely.loadgen.ScriptedApi.Landed;
import dev.notely.telemetry.StatsCollector;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the simulated users start: on how many threads, and without an earlier run to carry on with. */
class LoadGeneratorStartTest {

    private final ScriptedApi api = new ScriptedApi();
    private final StatsCollector stats = new StatsCollector();

    @AfterEach
    void stop() {
        api.close();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10); // polling interval
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static long userThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("user-\\d+")).count();
    }

    @Test
    void threadsFollowTheOfferedLoadAboutOneForFiftyRequestsASecond() {
        try (LoadGenerator trickle = LoadGenerator.start(api.client(), stats, new LoadSettings(3, 1, 1))) {
            assertEquals(2, userThreads(), "never fewer than two");
        }
        try (LoadGenerator busy = LoadGenerator.start(api.client(), stats, new LoadSettings(30, 1, 600))) {
            assertEquals(6, userThreads(), "300 requests a second");
        }
        try (LoadGenerator few = LoadGenerator.start(api.client(), stats, new LoadSettings(4, 1, 6_000))) {
            assertEquals(4, userThreads(), "no more threads than accounts");
        }
    }

    @Test
    void usersStartAfreshWhenTheEarlierAccountsCannotBeListed() {
        api.failNext("GET", Landed.NO);
        api.failNext("POST", "/accounts", Landed.NO);
        try (LoadGenerator generator = LoadGenerator.start(api.client(), stats, new LoadSettings(2, 1, 600))) {
            await("two new accounts", () -> generator.accountIds().size() == 2);
            generator.close();
            assertEquals(0, generator.misses());
            assertEquals(3, api.requests().stream().filter(r -> r.equals("POST /accounts")).count(),
                    "two accounts, one of them tried twice");
            assertEquals(1, generator.failureCount(), "the account list is not a user's request; the failed create is");
            assertEquals(1L, generator.failures().get("create"));
            assertEquals(new LoadSettings(2, 1, 600), generator.settings());
        }
    }
}
