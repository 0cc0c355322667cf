package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Page 4 drawn from a report: the summary, every kind and the worst accounts fit an 80×24 terminal. */
class VerifyPageTest {

    private static void show(ScreenHarness h, VerifyStatus status) throws Exception {
        h.dashboard.state().page = Page.VERIFY;
        DashboardData d = h.dashboard.collect();
        h.dashboard.draw(h.screen, new DashboardData(d.stats(), d.deployment(), d.accounts(), d.noteCounts(), d.logLines(),
                d.problem(), d.missActivity(), status, d.backfill(), d.faults(), d.checks(), d.hints(), d.misses()));
    }

    @Test
    void beforeTheFirstVerificationThePageSaysWhatVDoes() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            show(h, VerifyStatus.NONE);
            assertTrue(h.text().contains("No verification yet. Press v"), h.text());
            assertTrue(h.lines().get(23).contains("v verify the stores again"), h.lines().get(23));
        }
    }

    @ParameterizedTest
    @CsvSource({"80,24", "100,30", "200,60"})
    void theWholeSummaryFits(int columns, int rows) throws Exception {
        try (ScreenHarness h = new ScreenHarness(columns, rows)) {
            show(h, VerifyStatus.NONE.finished(Fakes.report(2), Instant.now()));
            assertTrue(h.text().contains("✗ 2 NOTES OUT OF PLACE  in 1 account"), h.text());
            assertTrue(h.line("Notes ").contains("12 checked · 10 in place · 2 out of place"), h.text());
            for (String kind : new String[] {"only in legacy", "only in new", "only in second",
                    "in several stores, same version", "in several stores, different versions"}) {
                assertTrue(h.text().contains(kind), kind + " on screen:\n" + h.text());
            }
            String worst = h.line("ada");
            assertTrue(worst.contains(columns >= 120 ? "0a0a0a0a-0000-0000-0000-000000000000" : "0a0a0a0a "), worst);
            assertTrue(worst.matches(".*ada\\s+yes\\s+—\\s+2 in legacy, belongs in new.*"), worst);
            assertTrue(h.lines().get(rows - 1).strip().endsWith("q quit"), "the help line stays: " + h.lines().get(rows - 1));
        }
    }

    @Test
    void aRunningVerificationShowsBesideTheLastResult() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            VerifyStatus status = VerifyStatus.NONE.finished(Fakes.report(0), Instant.now()).started(Instant.now());
            show(h, status);
            assertTrue(h.text().contains("verifying… started 0 s ago"), h.text());
            assertTrue(h.text().contains("✓ CLEAN"), h.text());
            assertEquals(Optional.empty(), status.error());
        }
    }
}
