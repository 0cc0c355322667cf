package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.notely.api.BackfillStatus;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.ProxyInfo;
import dev.notely.api.RolloutProgress;
import dev.notely.api.StageMoves;
import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Keys drive the real dashboard loop on a virtual terminal. */
class KeysTest {

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
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

    /** Runs the dashboard on its own thread until the test sends a quit key. */
    private static Thread start(ScreenHarness h) {
        Thread ui = new Thread(() -> h.dashboard.run(h.screen), "dashboard-under-test");
        ui.start();
        return ui;
    }

    private static void type(ScreenHarness h, char... keys) {
        for (char k : keys) {
            h.terminal.addInput(new KeyStroke(k, false, false));
        }
    }

    private static void stop(ScreenHarness h, Thread ui) throws InterruptedException {
        type(h, 'q');
        ui.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(ui.isAlive(), "q ends the dashboard");
    }

    private static Account get(ScreenHarness h, Account a) {
        return h.accounts.getAccount(a.id()).orElseThrow();
    }

    @Test
    void movingToCompleteAsksFirstBecauseThereIsNoWayBack() throws Exception {
        try (ScreenHarness h = new ScreenHarness(120, 24)) {
            Account a = h.accounts.add("almost", false, null);
            h.accounts.updateAccount(a.withStage(dev.notely.store.MigrationStage.RAMP_DOWN));
            Thread ui = start(h);
            type(h, 'l', ']');
            await("the question", () -> h.text().contains("complete has no way back"));
            assertEquals(dev.notely.store.MigrationStage.RAMP_DOWN, get(h, a).stage(), "nothing moves before y");
            type(h, 'n');
            await("no change", () -> h.text().contains("nothing changed"));
            assertEquals(dev.notely.store.MigrationStage.RAMP_DOWN, get(h, a).stage());
            type(h, '}');
            await("the question for all", () -> h.text().contains("y moves 1 account there"));
            type(h, 'y');
            await("moved on yes", () -> get(h, a).stage() == dev.notely.store.MigrationStage.COMPLETE);
            stop(h, ui);
        }
    }

    @Test
    void mTogglesMigrationOfTheSelectedAccount() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            Account first = h.accounts.add("first", false, null);
            Account second = h.accounts.add("second", false, null);
            Thread ui = start(h);
            type(h, 'l', 'j', 'm');
            await("second account migrating", () -> get(h, second).isMigrating());
            assertFalse(get(h, first).isMigrating(), "only the selected account");
            type(h, 'm');
            await("second account back", () -> !get(h, second).isMigrating());
            stop(h, ui);
        }
    }

    @Test
    void capitalMTurnsEveryoneOnThenOff() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            Account a = h.accounts.add("a", true, null);
            Account b = h.accounts.add("b", false, null);
            Thread ui = start(h);
            type(h, 'l', 'M');
            await("all migrating", () -> get(h, a).isMigrating() && get(h, b).isMigrating());
            await("the page shows it, so M now turns migration off", () -> h.text().contains("2 total · 2 migrating"));
            type(h, 'M');
            await("none migrating", () -> !get(h, a).isMigrating() && !get(h, b).isMigrating());
            stop(h, ui);
        }
    }

    @Test
    void bracketsMoveTheSelectedAccountThroughTheStagesAndBracesMoveEveryone() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            Account a = h.accounts.add("a", false, null);
            Account b = h.accounts.add("b", false, null);
            Thread ui = start(h);
            type(h, 'l', ']');
            await("a at dual-write", () -> get(h, a).stage() == MigrationStage.DUAL_WRITE);
            await("the stage column", () -> h.text().contains("dual-write"));
            assertEquals(MigrationStage.OFF, get(h, b).stage(), "only the selected account");
            type(h, '}');
            await("everyone one further", () -> get(h, a).stage() == MigrationStage.SHADOW
                    && get(h, b).stage() == MigrationStage.DUAL_WRITE);
            type(h, '[');
            await("a back at dual-write", () -> get(h, a).stage() == MigrationStage.DUAL_WRITE);
            type(h, '{', '{');
            await("everyone back at off", () -> get(h, a).stage() == MigrationStage.OFF && get(h, b).stage() == MigrationStage.OFF);
            await("the first stage has nothing before it", () -> h.text().contains("held: a is at off: the first stage"));
            stop(h, ui);
        }
    }

    @Test
    void aClosedGateHoldsTheAccountAndSaysWhy() throws Exception {
        try (ScreenHarness h = new ScreenHarness(120, 24)) {
            Account a = h.accounts.add("a", false, null);
            h.useStages(new StageMoves(h.accounts, (account, to) -> to == MigrationStage.SHADOW
                    ? Optional.of("backfill 40 %") : Optional.empty()));
            Thread ui = start(h);
            type(h, 'l', ']');
            await("a at dual-write", () -> get(h, a).stage() == MigrationStage.DUAL_WRITE);
            type(h, ']');
            await("the refusal", () -> h.text().contains("not moved: a cannot move to shadow yet: backfill 40 %"));
            assertEquals(MigrationStage.DUAL_WRITE, get(h, a).stage());
            stop(h, ui);
        }
    }

    @Test
    void sCyclesTheShardAndTurnsMigrationOn() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            Account a = h.accounts.add("a", false, null);
            Thread ui = start(h);
            type(h, 'l', 's');
            await("shard new", () -> "new".equals(get(h, a).shard()));
            assertTrue(get(h, a).isMigrating());
            type(h, 's');
            await("shard second", () -> "second".equals(get(h, a).shard()));
            type(h, 's');
            await("no shard", () -> get(h, a).shard() == null);
            assertTrue(get(h, a).isMigrating());
            stop(h, ui);
        }
    }

    @Test
    void dDeploysOnceAndASecondDWaits() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            Thread ui = start(h);
            type(h, 'd');
            await("deploy called", () -> h.deployments.calls.get() == 1);
            await("deploying shown", () -> h.text().contains("deploying…"));
            type(h, 'd');
            await("the refusal shown", () -> h.text().contains("a deployment is already running"));
            assertEquals(1, h.deployments.calls.get());
            h.deployments.state = new DeploymentState(DeploymentStatus.ROLLOUT_WAIT, Optional.of(new RolloutProgress(1, 30)),
                    Optional.of(new ProxyInfo(2, 2, Instant.now(), 0)), Optional.of(new ProxyInfo(1, 1, Instant.now(), 0)),
                    Optional.empty());
            h.deployments.release.countDown();
            await("the result shown", () -> h.text().contains("v2 serves; the previous version keeps part of the traffic"));
            h.deployments.state = new DeploymentState(DeploymentStatus.READY, Optional.empty(),
                    Optional.of(new ProxyInfo(2, 2, Instant.now(), 0)), Optional.empty(), Optional.empty());
            await("the message gone with the rollout", () -> !h.text().contains("keeps part of the traffic"));
            stop(h, ui);
            assertEquals(1, h.deployments.calls.get());
        }
    }

    @Test
    void bStartsAndPausesTheBackfillAndPlusMinusChangeItsRate() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            Thread ui = start(h);
            type(h, 'b');
            await("started", () -> h.backfill.status.state() == BackfillStatus.State.RUNNING);
            await("said", () -> h.text().contains("backfill started: a pass over every account"));
            type(h, '+');
            await("half as fast again", () -> h.backfill.status.rate() == 300);
            await("the new rate said", () -> h.text().contains("backfill rate 300 notes/s"));
            type(h, '-', '-');
            await("a third less, twice", () -> h.backfill.status.rate() == 133);
            type(h, 'b');
            await("paused", () -> h.backfill.status.state() == BackfillStatus.State.PAUSED);
            type(h, 'b');
            await("going on", () -> h.text().contains("backfill goes on where it was"));
            assertEquals(BackfillStatus.State.RUNNING, h.backfill.status.state());
            type(h, 'l', 'b');
            await("the accounts page", () -> h.lines().get(0).contains("[2 Accounts]"));
            assertEquals(BackfillStatus.State.RUNNING, h.backfill.status.state(), "b pages up there, as before");
            stop(h, ui);
        }
    }

    @Test
    void theRateKeysStayWithinTenAndTenThousand() {
        assertEquals(300, KeyActions.nextRate(200, true));
        assertEquals(133, KeyActions.nextRate(200, false));
        assertEquals(10_000, KeyActions.nextRate(9_000, true));
        assertEquals(10, KeyActions.nextRate(12, false));
        assertEquals(10, KeyActions.nextRate(10, false));
        assertEquals(15, KeyActions.nextRate(10, true));
    }

    @Test
    void jAndKPageTheOverviewTables() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            for (int i = 0; i < 30; i++) {
                h.stats.recordApiRequest("GET", "/route" + i, 200, 1_000_000L);
            }
            Thread ui = start(h);
            await("rows paged", () -> h.text().contains(" · j/k "));
            type(h, 'j');
            await("the next rows", () -> h.dashboard.state().tablePage == 1);
            type(h, 'k');
            await("back", () -> h.dashboard.state().tablePage == 0);
            stop(h, ui);
        }
    }

    @Test
    void aSecondRThatGoesFurtherBackAsksFirst() throws Exception {
        try (ScreenHarness h = new ScreenHarness(120, 24)) {
            h.deployments.state = new dev.notely.api.DeploymentState(dev.notely.api.DeploymentStatus.READY,
                    java.util.Optional.empty(), java.util.Optional.of(new dev.notely.api.ProxyInfo(1, 4141,
                    java.time.Instant.parse("2025-08-13T10:00:00Z"), 0)), java.util.Optional.empty(), java.util.Optional.empty());
            Thread ui = start(h);
            type(h, 'r');
            await("the first rollback", () -> h.deployments.rollbacks.get() == 1
                    && h.text().contains("rolled back: v1 serves all traffic"));
            type(h, 'r');
            await("the question", () -> h.text().contains("r again replaces it with the version v1 replaced"));
            assertEquals(1, h.deployments.rollbacks.get(), "no second rollback before y");
            type(h, 'n');
            await("kept", () -> h.text().contains("nothing changed"));
            assertEquals(1, h.deployments.rollbacks.get());
            type(h, 'r', 'y');
            await("the second rollback on y", () -> h.deployments.rollbacks.get() == 2);
            stop(h, ui);
        }
    }

    @Test
    void rRollsBackAndSaysWhatServes() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            Thread ui = start(h);
            type(h, 'r');
            await("rollback called", () -> h.deployments.rollbacks.get() == 1);
            await("the result shown", () -> h.text().contains("rolled back: v1 serves all traffic"));
            stop(h, ui);
        }
    }

    @Test
    void aFailedDeployShowsWhy() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.deployments.failure = new dev.notely.api.DeploymentException("compile error: DataProxy.java:3: ';' expected");
            h.deployments.release.countDown();
            Thread ui = start(h);
            type(h, 'd');
            await("the failure shown", () -> h.text().contains("deployment failed: compile error: DataProxy.java:3"));
            stop(h, ui);
        }
    }

    @Test
    void zStartsTheCountsAgainAndSaysSoInTheLog() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            ch.qos.logback.classic.Logger dashboardLog =
                    (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Dashboard.class);
            ch.qos.logback.classic.Level level = dashboardLog.getLevel();
            dashboardLog.setLevel(ch.qos.logback.classic.Level.INFO);
            dashboardLog.addAppender(h.logs);
            try {
                h.stats.recordMiss(dev.notely.telemetry.ConsistencyMiss.STALE);
                h.stats.recordApiRequest("GET", "/accounts/{accountId}/notes/{noteId}", 500, 1_000_000L);
                Thread ui = start(h);
                await("the miss shown", () -> h.text().contains("1 CONSISTENCY MISS"));
                type(h, 'z');
                await("the counts at zero", () -> h.line("Misses").contains("0 ✓") && h.line("Failed").contains("0 ✓"));
                await("the reset logged", () -> h.logs.lines().stream().anyMatch(l -> l.startsWith("INFO ")
                        && l.contains("counters reset") && l.contains("1 consistency misses and 1 failed requests")));
                stop(h, ui);
            } finally {
                dashboardLog.detachAppender(h.logs);
                dashboardLog.setLevel(level);
            }
        }
    }

    @Test
    void changingAccountsDuringARolloutWarnsThatTheOldVersionStillServes() throws Exception {
        try (ScreenHarness h = new ScreenHarness(120, 30)) {
            Account a = h.accounts.add("ada", false, null);
            h.deployments.state = new DeploymentState(DeploymentStatus.ROLLOUT_WAIT, Optional.of(new RolloutProgress(5, 30)),
                    Optional.of(new ProxyInfo(2, 2, Instant.now(), 0)), Optional.of(new ProxyInfo(1, 1, Instant.now(), 0)),
                    Optional.empty());
            Thread ui = start(h);
            type(h, 'l', 's');
            await("shard new", () -> "new".equals(get(h, a).shard()));
            await("the warning", () -> h.text().contains("⚠ v1 still serves 50 % of requests and cannot see new (rollout running): ada: shard new"));
            type(h, 'M');
            await("the warning for M", () -> h.text().contains("⚠ v1 still serves 50 % of requests and runs the code from before this rollout"));
            await("M applied: every account's migration off", () -> !get(h, a).isMigrating());
            h.deployments.state = new DeploymentState(DeploymentStatus.READY, Optional.empty(),
                    Optional.of(new ProxyInfo(2, 2, Instant.now(), 0)), Optional.empty(), Optional.empty());
            await("the warning gone with v1", () -> !h.text().contains("still serves 50 %"));
            type(h, 'm');
            await("no warning after the rollout", () -> h.text().contains("ada: migration on") && !h.text().contains("⚠"));
            stop(h, ui);
        }
    }

    @Test
    void pagesWrapAroundBothWays() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            Thread ui = start(h);
            h.terminal.addInput(new KeyStroke(KeyType.ArrowLeft));
            await("wrapped to the last page", () -> h.lines().get(0).contains("[6 Misses]"));
            h.terminal.addInput(new KeyStroke(KeyType.ArrowRight));
            await("back to the overview", () -> h.lines().get(0).contains("[1 Overview]"));
            stop(h, ui);
        }
    }

    @Test
    void vVerifiesInTheBackgroundAndShowsTheSummaryOnItsPage() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.verification.report = Fakes.report(3);
            Thread ui = start(h);
            type(h, 'v');
            await("the verify page, running", () -> h.lines().get(0).contains("[4 Verify]")
                    && h.text().contains("verifying… started"));
            type(h, 'v');
            await("the second v waits for the first", () -> h.text().contains("a verification is running"));
            type(h, 'l'); // to the exercise page, where h is a hint: ← steps back
            h.terminal.addInput(new KeyStroke(KeyType.ArrowLeft));
            await("keys still work while it runs", () -> h.lines().get(0).contains("[4 Verify]"));
            assertEquals(1, h.verification.calls.get(), "one verification at a time");
            h.verification.release.countDown();
            await("the summary", () -> h.text().contains("✗ 3 NOTES OUT OF PLACE"));
            // The frame is written top to bottom: once its lowest row shows, the rows above it are whole.
            await("the account with differences, under the summary", () -> h.text().contains("in legacy, belongs in new"));
            assertTrue(h.text().contains("Accounts  3 checked · 2 clean · 1 with differences"), h.text());
            assertTrue(h.line("only in legacy").matches(".*only in legacy\\s+6\\s+3.*"), h.line("only in legacy"));
            assertTrue(h.line("ada").contains("in legacy, belongs in new"), h.text());
            assertTrue(h.text().contains("verified: 3 notes out of place"), h.text());

            h.verification.report = Fakes.report(0);
            h.verification.release = new java.util.concurrent.CountDownLatch(0);
            type(h, '1', 'v');
            await("clean", () -> h.text().contains("✓ CLEAN") && !h.text().contains("OUT OF PLACE"));
            assertEquals(2, h.verification.calls.get());
            stop(h, ui);
        }
    }

    @Test
    void aFailedVerificationSaysWhy() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.verification.failure = new dev.notely.store.StoreException("note store 'new': disk I/O error");
            h.verification.release.countDown();
            Thread ui = start(h);
            type(h, 'v');
            await("the failure shown", () -> h.text().contains("the last verification failed: note store 'new': disk I/O error"));
            stop(h, ui);
        }
    }

    @Test
    void escapeAndCtrlCQuitToo() throws Exception {
        for (KeyStroke quit : new KeyStroke[] {new KeyStroke(KeyType.Escape), new KeyStroke('c', true, false)}) {
            try (ScreenHarness h = new ScreenHarness(80, 24)) {
                Thread ui = start(h);
                h.terminal.addInput(quit);
                ui.join(TimeUnit.SECONDS.toMillis(10));
                assertFalse(ui.isAlive(), quit + " ends the dashboard");
            }
        }
    }

    @Test
    void aSlowNoteCountNeverHoldsUpAccountKeys() throws Exception {
        java.util.concurrent.CountDownLatch proxyAnswers = new java.util.concurrent.CountDownLatch(1);
        try (ScreenHarness h = new ScreenHarness(80, 24, a -> {
            try {
                proxyAnswers.await(60, TimeUnit.SECONDS); // a proxy that answers only when the test lets it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 7;
        })) {
            Account a = h.accounts.add("a", false, null);
            Thread ui = start(h);
            type(h, 'l');
            await("the accounts page", () -> h.lines().get(0).contains("[2 Accounts]"));
            type(h, 'm');
            await("migration on while the count is still pending", () -> get(h, a).isMigrating());
            await("the row shows migrating", () -> h.text().contains(" yes "));
            assertTrue(h.line(" yes ").strip().endsWith("…"), "the count is still being fetched: " + h.line(" yes "));
            proxyAnswers.countDown();
            await("the count shown", () -> h.line(" yes ").strip().endsWith("7"));
            stop(h, ui);
        }
    }

    @Test
    void aFailingAccountStoreIsShownAndTheDashboardKeepsWorking() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.accounts.add("a", false, null);
            h.accounts.broken = true;
            Thread ui = start(h);
            await("the problem shown", () -> h.text().contains("cannot read the accounts: disk on fire"));
            type(h, 'l', 'r');
            await("still switching pages", () -> h.lines().get(0).contains("[2 Accounts]"));
            h.accounts.broken = false;
            await("recovered", () -> h.text().contains(" a "));
            stop(h, ui);
        }
    }
}
