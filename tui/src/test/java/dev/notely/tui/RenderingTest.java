package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.BackfillStatus;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.ProxyInfo;
import dev.notely.api.RolloutProgress;
import dev.notely.telemetry.ConsistencyMiss;
import dev.notely.telemetry.Status;
import com.googlecode.lanterna.TextColor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each page shows, read back from a virtual terminal. */
class RenderingTest {

    private static final long MS = 1_000_000L;

    private static DeploymentState rollout(long elapsed, long total) {
        return new DeploymentState(DeploymentStatus.ROLLOUT_WAIT, Optional.of(new RolloutProgress(elapsed, total)),
                Optional.of(new ProxyInfo(2, 4242, Instant.parse("2025-08-13T10:00:00Z"), 1)),
                Optional.of(new ProxyInfo(1, 4141, Instant.parse("2025-08-13T09:00:00Z"), 0)), Optional.empty());
    }

    private static DeploymentState ready(int version) {
        return new DeploymentState(DeploymentStatus.READY, Optional.empty(),
                Optional.of(new ProxyInfo(version, 4242, Instant.parse("2025-08-13T10:00:00Z"), 0)), Optional.empty(),
                Optional.empty());
    }

    private static TextColor headerBackground(ScreenHarness h) {
        return h.terminal.getCharacter(2, 0).getBackgroundColor();
    }

    @Test
    void overviewShowsAnApiRowWithItsFigures() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            for (int i = 0; i < 3; i++) {
                h.stats.recordApiRequest("GET", "/accounts/{accountId}", 200, 12 * MS);
            }
            h.stats.setNoteCount("legacy", 1234);
            h.draw();
            String row = h.line("/accounts/{accountId}");
            assertTrue(row.matches(".*GET\\s+/accounts/\\{accountId\\}\\s+200\\s+3\\s+36\\s+12\\.0.*"), row);
            assertTrue(h.line("Notes").contains("legacy 1,234"), h.line("Notes"));
            assertTrue(h.lines().get(23).contains("d deploy"), "help line: " + h.lines().get(23));
        }
    }

    @Test
    void dataStoreRowsShowTheirStatusAsASymbol() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 30)) {
            h.stats.recordStoreAccess("getNote", Status.SUCCESS, "legacy", MS);
            h.stats.recordStoreAccess("updateNote", Status.ERROR, "new", MS);
            h.draw();
            assertTrue(h.line("getNote").contains("✓"), h.line("getNote"));
            assertTrue(h.line("updateNote").contains("✗"), h.line("updateNote"));
        }
    }

    @Test
    void aRolloutShowsAHalfFilledBarWithSecondsLeftAndBothVersions() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.deployments.state = rollout(15, 30);
            h.stats.recordProxyAccess("GetNote", Status.SUCCESS, 2, MS);
            h.stats.recordProxyAccess("GetNote", Status.CONTENTION, 2, MS);
            h.draw();
            String status = h.line("status    v2 and v1 share traffic  [");
            long filled = status.chars().filter(ch -> ch == '█').count();
            long empty = status.chars().filter(ch -> ch == '░').count();
            assertTrue(filled > 0 && Math.abs(filled - empty) <= 1, "half, give or take the rounding: " + status);
            assertTrue(status.contains("15 s left"), status);
            assertTrue(h.line("current").matches(".*v2\\s+pid 4242 .*restarts 1\\s+12 rpm.*"), h.line("current"));
            assertTrue(h.line("previous").contains("v1  pid 4141"), h.line("previous"));
            assertTrue(h.lines().get(0).contains("v2 and v1 share traffic, 15 s left"), h.lines().get(0));
            assertFalse(h.text().contains("ROLLOUT"), "no status names of the controller:\n" + h.text());
        }
    }

    private static BackfillStatus backfill(BackfillStatus.State state, Optional<String> message, double effective,
                                           long moved, long left) {
        return new BackfillStatus(state, message, 200, effective, 180, moved, left,
                left == 0 ? OptionalLong.of(0) : OptionalLong.of(125), 9, 25, List.of());
    }

    @Test
    void theBackfillLineShowsABarOfMovedOutOfMovedPlusLeftWithRateAndTimeLeft() throws Exception {
        try (ScreenHarness h = new ScreenHarness(100, 30)) {
            h.backfill.status = backfill(BackfillStatus.State.RUNNING, Optional.empty(), 200, 750, 250);
            h.draw();
            String line = h.line("Backfill");
            assertTrue(line.contains("running ["), line);
            long filled = line.chars().filter(ch -> ch == '█').count();
            long empty = line.chars().filter(ch -> ch == '░').count();
            assertEquals(0.75, filled / (double) (filled + empty), 1.0 / (filled + empty), "three quarters moved: " + line);
            assertTrue(line.contains(" 75 %  750 moved · 250 left  180/s of 200  2 min 5 s left"), line);

            h.backfill.status = backfill(BackfillStatus.State.RUNNING, Optional.empty(), 50, 750, 250);
            h.draw();
            assertTrue(h.line("Backfill").contains("180/s (users slow: 50 of 200)"), h.line("Backfill"));

            h.backfill.status = backfill(BackfillStatus.State.DONE, Optional.empty(), 200, 1000, 0);
            h.draw();
            assertTrue(h.line("Backfill").contains("done [████"), h.line("Backfill"));
            assertTrue(h.line("Backfill").contains("100 %  1,000 moved · 0 left  rate 200/s"), h.line("Backfill"));
        }
    }

    @Test
    void aBackfillThatCannotGoOnSaysWhy() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.draw();
            assertTrue(h.line("Backfill").contains("not started   b starts it at 200 notes/s"), h.line("Backfill"));
            h.backfill.status = backfill(BackfillStatus.State.UNSUPPORTED, Optional.of("this DataProxy has no backfill"),
                    200, 0, 40);
            h.draw();
            assertTrue(h.line("Backfill").contains("waiting  this DataProxy has no backfill: it goes on once"),
                    h.line("Backfill"));
            h.backfill.status = backfill(BackfillStatus.State.FAILING,
                    Optional.of("no data proxy available: v2 is restarting"), 200, 10, 30);
            h.draw();
            assertTrue(h.line("Backfill").contains("failing  no data proxy available: v2 is restarting · 10 moved · 30 …"),
                    "why first; at 80 columns the figures are cut: " + h.line("Backfill"));
        }
    }

    @Test
    void aVersionBeingStartedIsSaidInWords() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.deployments.state = new DeploymentState(DeploymentStatus.ROLLOUT_LAUNCH_NEW, Optional.empty(),
                    Optional.of(new ProxyInfo(2, 4242, Instant.parse("2025-08-13T10:00:00Z"), 0)), Optional.empty(),
                    Optional.empty());
            h.draw();
            assertTrue(h.line("status").contains("starting a new version · v2 serves meanwhile"), h.line("status"));
            assertTrue(h.lines().get(0).contains("starting a new version"), h.lines().get(0));
            assertFalse(h.text().contains("ROLLOUT"), h.text());
            h.deployments.state = ready(3);
            h.draw();
            assertTrue(h.line("status").contains("READY · v3 serves every request"), h.line("status"));
            assertTrue(h.lines().get(0).contains("v3 ready"), h.lines().get(0));
        }
    }

    @Test
    void missesAreCountedByKindAndHardToMiss() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.draw();
            assertTrue(h.line("Misses").contains("0 ✓"), h.line("Misses"));
            h.stats.recordMiss(ConsistencyMiss.STALE);
            h.draw();
            assertTrue(h.line("Misses").contains("1 CONSISTENCY MISS "), h.line("Misses"));
            assertTrue(h.lines().get(0).contains("⚠ 1 MISS "), h.lines().get(0));
            h.stats.recordMiss(ConsistencyMiss.STALE);
            h.stats.recordMiss(ConsistencyMiss.MISSING);
            h.draw();
            h.dashboard.state().page = Page.LOGS;
            h.draw();
            assertTrue(h.lines().get(0).contains("⚠ 3 MISSES"), "every page's header shows misses: " + h.lines().get(0));
            h.dashboard.state().page = Page.OVERVIEW;
            h.draw();
            String misses = h.line("Misses");
            assertTrue(misses.contains("3 CONSISTENCY MISSES"), misses);
            String kinds = h.lines().get(h.lines().indexOf(misses) + 1);
            assertTrue(kinds.contains("stale 2 · missing 1 · resurrected 0"), "on the next line at 80 columns:\n" + h.text());
        }
    }

    @Test
    void shadowReadsShowTheirConsistencyOnlyOnceThereAreAny() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.draw();
            assertTrue(h.lines().stream().noneMatch(line -> line.strip().startsWith("Shadow")), h.text());
            for (int i = 0; i < 199; i++) {
                h.stats.recordShadowRead("new", "match");
            }
            h.stats.recordShadowRead("new", "mismatch");
            h.draw();
            String shadow = h.line("Shadow");
            assertTrue(shadow.matches("\\s*Shadow\\s+99\\.5 % consistent\\s+200 reads · new mismatch 1.*"), shadow);
        }
    }

    @Test
    void missesSayHowManyCameInTheLastMinuteAndHowLongAgoTheLatestWas() throws Exception {
        try (ScreenHarness h = new ScreenHarness(120, 36)) {
            h.stats.recordMiss(ConsistencyMiss.STALE);
            h.advanceSeconds(50);
            h.stats.recordMiss(ConsistencyMiss.STALE);
            h.advanceSeconds(12);
            h.draw();
            String misses = h.line("CONSISTENCY MISSES");
            assertTrue(misses.matches(".*2 CONSISTENCY MISSES\\s+1/min · last 12 s ago\\s+stale 2 · missing 0.*"), misses);
            h.advanceSeconds(300);
            h.draw();
            assertTrue(h.line("CONSISTENCY MISSES").contains("0/min · last 5 min ago"), "old misses look old: " + h.line("CONSISTENCY MISSES"));
        }
    }

    @Test
    void failedRequestsAreCountedNextToTheMissesAndTurnTheHeaderRed() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.deployments.state = ready(4);
            h.stats.recordApiRequest("GET", "/accounts/{accountId}/notes/{noteId}", 200, MS);
            h.stats.recordApiRequest("GET", "/accounts/{accountId}/notes/{noteId}", 404, MS);
            h.draw();
            assertTrue(h.line("Failed").contains("0 ✓"), "a 404 is an answer: " + h.line("Failed"));
            assertEquals(TextColor.ANSI.BLUE, headerBackground(h), "calm header while requests succeed");

            for (int i = 0; i < 4; i++) {
                h.stats.recordApiRequest("GET", "/accounts/{accountId}/notes/{noteId}", 500, MS);
            }
            h.stats.recordApiRequest("GET", "/accounts/{accountId}/notes", 503, MS);
            h.stats.recordApiRequest("PUT", "/accounts/{accountId}/notes/{noteId}", 400, MS);
            h.draw();
            String failed = h.line("Failed");
            assertTrue(failed.matches(".*Failed\\s+6 FAILED REQUESTS\\s+72/min.*"), failed);
            int misses = h.lines().indexOf(h.line("Misses"));
            assertEquals(misses + 1, h.lines().indexOf(failed), "right under the misses:\n" + h.text());
            assertEquals(TextColor.ANSI.RED, headerBackground(h), h.lines().get(0));
            assertTrue(h.lines().get(0).contains("✗ FAILING 72 req/min"), h.lines().get(0));

            h.advanceSeconds(10); // the failures are no longer happening: counted, but the header calms down
            h.draw();
            assertTrue(h.line("Failed").matches(".*6 FAILED REQUESTS\\s+0/min.*"), h.line("Failed"));
            assertEquals(TextColor.ANSI.BLUE, headerBackground(h), h.lines().get(0));
        }
    }

    @Test
    void aStoreWhoseCallsFailIsNamedInTheHeaderAndMarkedInTheNoteCountsUntilItRecovers() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.deployments.state = ready(1);
            h.stats.recordStoreAccess("getNote", Status.SUCCESS, "new", MS);
            h.draw();
            assertFalse(h.line("Notes").contains("✗"), h.line("Notes"));

            // new's database server is out of reach: the calls that need it fail, legacy's do not
            h.stats.recordStoreAccess("getNote", Status.ERROR, "new", MS);
            h.stats.recordStoreAccess("getNote", Status.SUCCESS, "legacy", MS);
            h.stats.recordApiRequest("GET", "/accounts/{accountId}/notes/{noteId}", 503, MS);
            h.draw();
            assertEquals(TextColor.ANSI.RED, headerBackground(h), h.lines().get(0));
            assertTrue(h.lines().get(0).contains("✗ FAILING 12 req/min: store new"), h.lines().get(0));
            assertTrue(h.line("Notes").matches(".*legacy 0\\s+new 0 ✗\\s+second 0.*"), h.line("Notes"));

            h.advanceSeconds(10); // the server is back: nothing fails any more
            h.stats.recordStoreAccess("getNote", Status.SUCCESS, "new", MS);
            h.draw();
            assertEquals(TextColor.ANSI.BLUE, headerBackground(h), h.lines().get(0));
            assertFalse(h.line("Notes").contains("✗"), h.line("Notes"));

            // failing calls that a router keeps from its users still show
            h.stats.recordStoreAccess("upsertNote", Status.ERROR, "second", MS);
            h.stats.recordStoreAccess("upsertNote", Status.ERROR, "new", MS);
            h.draw();
            assertTrue(h.lines().get(0).contains("✗ STORES new, second FAILING"), h.lines().get(0));
        }
    }

    @Test
    void theHeaderIsRedWhileNoVersionServes() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.dashboard.state().page = Page.LOGS;
            h.draw();
            assertEquals(TextColor.ANSI.RED, headerBackground(h), h.lines().get(0));
            assertTrue(h.lines().get(0).contains("✗ NO VERSION SERVES"), h.lines().get(0));
            h.stats.recordMiss(ConsistencyMiss.STALE);
            h.draw();
            assertTrue(h.lines().get(0).contains("[3 Logs]") && h.lines().get(0).contains("✗ NO VERSION SERVES  ⚠ 1 MISS "), "the tabs keep their place: "
                    + h.lines().get(0));
        }
    }

    @Test
    void errorRowsComeFirstThenTheNoteRoutes() throws Exception {
        try (ScreenHarness h = new ScreenHarness(120, 40)) {
            h.deployments.state = ready(1);
            h.stats.recordApiRequest("GET", "/accounts/{accountId}", 200, MS);
            h.stats.recordApiRequest("GET", "/healthz", 200, MS);
            h.stats.recordApiRequest("POST", "/accounts/{accountId}/notes", 201, MS);
            h.stats.recordApiRequest("GET", "/accounts/{accountId}/notes/{noteId}", 404, MS);
            h.stats.recordApiRequest("PUT", "/accounts/{accountId}/notes/{noteId}", 500, MS);
            h.stats.recordStoreAccess("createNote", Status.SUCCESS, "legacy", MS);
            h.stats.recordStoreAccess("updateNote", Status.ERROR, "new", MS);
            h.draw();
            List<String> lines = h.lines();
            int header = lines.indexOf(h.line(" method "));
            assertTrue(lines.get(header + 1).contains("500"), h.text());
            assertTrue(lines.get(header + 2).contains("/notes") && lines.get(header + 3).contains("/notes"), h.text());
            assertTrue(lines.get(header + 4).contains("/accounts/{accountId} ") || lines.get(header + 4).contains("/healthz"),
                    h.text());
            int storeHeader = lines.indexOf(h.line(" store   operation "));
            assertTrue(lines.get(storeHeader + 1).contains("updateNote"), h.text());
        }
    }

    @Test
    void aFailedDeployIsShownOnceOnTheOverviewAndAsTheMessageElsewhere() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            String error = "compile error: DataProxy.java:3: ';' expected";
            h.deployments.state = new DeploymentState(DeploymentStatus.READY, Optional.empty(),
                    Optional.of(new ProxyInfo(1, 99, Instant.now(), 0)), Optional.empty(), Optional.of(error));
            h.dashboard.state().say("deployment failed: " + error, true);
            h.draw();
            assertEquals(1, h.lines().stream().filter(l -> l.contains("';' expected")).count(), h.text());
            h.dashboard.state().page = Page.ACCOUNTS;
            h.draw();
            assertTrue(h.text().contains("deployment failed: " + error), h.text());
        }
    }

    @Test
    void theLastDeploymentErrorIsShownWrapped() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            String error = "compile error: proxy/src/main/java/dev/notely/proxy/DataProxy.java:57: cannot find symbol "
                    + "symbol: method listNotez(java.util.UUID) location: variable legacy of type NoteStore";
            h.deployments.state = new DeploymentState(DeploymentStatus.READY, Optional.empty(),
                    Optional.of(new ProxyInfo(1, 99, Instant.now(), 0)), Optional.empty(), Optional.of(error));
            h.draw();
            assertTrue(h.line("error     compile error:").contains("proxy/src/main/java"), h.text());
            assertTrue(h.text().contains("DataProxy.java:57"), h.text());
            assertTrue(h.text().contains("listNotez"), "wrapped onto a second line:\n" + h.text());
        }
    }

    @Test
    void theAccountsPageShowsEachAccount() throws Exception {
        try (ScreenHarness h = new ScreenHarness(120, 24)) {
            var ada = h.accounts.add("Ada", true, "second");
            h.accounts.add("Brian", false, null);
            h.dashboard.state().page = Page.ACCOUNTS;
            h.draw();
            String row = h.line("Ada");
            assertTrue(row.contains(ada.id().toString()), row);
            assertTrue(row.matches(".*Ada\\s+yes\\s+second\\s+off.*"), row);
            assertTrue(h.line("Brian").matches(".*Brian\\s+no\\s+—\\s+off.*"), h.line("Brian"));
            assertTrue(h.line("total ·").contains("2 total · 1 migrating"), h.line("total ·"));
            assertTrue(h.lines().get(23).contains("m/M migrate · s shard · ]/[ stage · }/{ all"), h.lines().get(23));
        }
    }

    @Test
    void theLogsPageShowsTheLatestLines() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            for (int i = 1; i <= 40; i++) {
                h.logger.warn("event number {}", i);
            }
            h.dashboard.state().page = Page.LOGS;
            h.draw();
            assertTrue(h.text().contains("event number 40"), h.text());
            assertFalse(h.text().contains("event number 10\n"), "old lines scrolled away");
            assertTrue(h.line("lines ·").contains("following new lines"), h.line("lines ·"));
        }
    }

    @ParameterizedTest
    @CsvSource({"80,24", "200,60", "100,30"})
    void everyPageDrawsAtCommonSizes(int columns, int rows) throws Exception {
        try (ScreenHarness h = new ScreenHarness(columns, rows)) {
            h.deployments.state = rollout(3, 30);
            h.accounts.add("Ada", false, null);
            h.stats.recordApiRequest("PUT", "/accounts/{accountId}/notes/{noteId}", 200, MS);
            h.stats.recordStoreAccess("upsertNote", Status.CONTENTION, "new", MS);
            h.logger.warn("a line");
            for (Page page : Page.values()) {
                h.dashboard.state().page = page;
                h.draw();
                assertTrue(h.lines().get(0).contains("[" + (page.ordinal() + 1) + " " + page.title + "]"), h.lines().get(0));
            }
            h.dashboard.state().page = Page.OVERVIEW;
            h.draw();
            assertTrue(h.text().contains("/accounts/{accountId}/notes/{noteId}"), h.text());
            assertEquals(columns >= OverviewPage.WIDE, h.text().contains("Data-proxy access"), h.text());
        }
    }

    @Test
    void onAWideScreenTheProxyTableFollowsTheStoreTable() throws Exception {
        try (ScreenHarness h = new ScreenHarness(200, 60)) {
            h.stats.recordStoreAccess("getNote", Status.SUCCESS, "legacy", MS);
            h.stats.recordStoreAccess("updateNote", Status.SUCCESS, "legacy", MS);
            h.stats.recordProxyAccess("GetNote", Status.SUCCESS, 1, MS);
            h.draw();
            int store = h.lines().indexOf(h.line("Data-store access"));
            int proxy = h.lines().indexOf(h.line("Data-proxy access"));
            // title, header, two rows, one blank line, then the next table's title
            assertEquals(store + 5, proxy, h.text());
        }
    }

    /** A kit in trouble at 80×24: a rollout, a failing route among eight, six store rows, contention in v2. */
    private static ScreenHarness busyAt80x24() throws Exception {
        ScreenHarness h = new ScreenHarness(80, 24);
        h.deployments.state = rollout(15, 30);
        h.stats.recordMiss(ConsistencyMiss.STALE);
        h.stats.recordApiRequest("POST", "/accounts", 201, MS);
        h.stats.recordApiRequest("GET", "/healthz", 200, MS);
        for (String method : List.of("GET", "PUT", "DELETE")) {
            h.stats.recordApiRequest(method, "/accounts/{accountId}/notes/{noteId}", 200, MS);
        }
        h.stats.recordApiRequest("GET", "/accounts/{accountId}/notes", 200, MS);
        h.stats.recordApiRequest("POST", "/accounts/{accountId}/notes", 201, MS);
        h.stats.recordApiRequest("GET", "/accounts/{accountId}/notes/{noteId}", 500, MS);
        for (String op : List.of("createNote", "getNote", "updateNote", "deleteNote", "listNotes")) {
            h.stats.recordStoreAccess(op, Status.SUCCESS, "legacy", MS);
        }
        h.stats.recordStoreAccess("getNote", Status.ERROR, "new", MS);
        h.stats.recordProxyAccess("GetNote", Status.SUCCESS, 2, MS);
        h.stats.recordProxyAccess("GetNote", Status.CONTENTION, 2, MS);
        h.stats.recordProxyAccess("GetNote", Status.ERROR, 1, MS);
        return h;
    }

    @Test
    void at80x24TheErrorsAndNoteRoutesShowFirstAndTheRestPage() throws Exception {
        try (ScreenHarness h = busyAt80x24()) {
            h.draw();
            List<String> lines = h.lines();
            int api = lines.indexOf(h.line("API requests"));
            assertTrue(lines.get(api + 2).contains("500"), "the failing route first:\n" + h.text());
            assertTrue(lines.get(api + 3).contains("/notes"), "then the note routes:\n" + h.text());
            assertTrue(h.line("API requests").matches(".* 1–\\d of 8 · j/k .*"), h.line("API requests"));
            assertTrue(lines.get(lines.indexOf(h.line("Data-store access")) + 2).contains("✗"), "store errors first:\n" + h.text());
            assertFalse(h.text().contains("/healthz"), "the last rows wait on the next page:\n" + h.text());

            h.dashboard.state().tablePage = h.dashboard.state().tablePages - 1;
            h.draw();
            assertTrue(h.text().contains("/healthz"), "j shows the next rows, up to the last:\n" + h.text());
            assertFalse(h.text().contains(" 500 "), h.text());
        }
    }

    @Test
    void theProxyFiguresShowAtAnyWidth() throws Exception {
        try (ScreenHarness h = busyAt80x24()) {
            h.draw();
            assertTrue(h.line("current").matches(".*v2 .* 12 rpm  c 12  ✗ 0.*"), "lock waits of v2: " + h.line("current"));
            assertTrue(h.line("previous").matches(".*v1 .* 12 rpm  c 0  ✗ 12.*"), "errors of v1: " + h.line("previous"));
            h.dashboard.state().showProxyTable = true;
            h.draw();
            List<String> lines = h.lines();
            int proxy = lines.indexOf(h.line("Data-proxy access"));
            assertTrue(lines.get(proxy + 2).matches(" v1\\s+GetNote\\s+✗.*"), "proxy errors first:\n" + h.text());
            assertTrue(h.text().contains("GetNote          c"), "the proxy table at 80 columns shows c:\n" + h.text());
        }
    }

    @Test
    void aTinyTerminalAsksToBeEnlarged() throws Exception {
        try (ScreenHarness h = new ScreenHarness(30, 10)) {
            h.draw();
            assertTrue(h.text().contains("make the terminal larger"), h.text());
        }
    }
}
