package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.ExplainedMiss;
import dev.notely.api.ExplainedMiss.Event;
import dev.notely.api.ExplainedMiss.Observed;
import dev.notely.telemetry.ConsistencyMiss;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MissesPageTest {

    private static final String DIAGNOSIS = "two versions disagreed during a rollout: v1 read legacy after v2 moved "
            + "the note to new at 10:01:02.120";

    private static ExplainedMiss miss(long id, String diagnosis) {
        Instant at = Instant.parse("2026-01-01T10:01:02.300Z");
        return new ExplainedMiss(id, "missing", UUID.randomUUID(), "user-abcd-" + id, UUID.randomUUID(), at,
                new Observed("GET", "/accounts/{id}/notes/{noteId}", 404, 1), "rollout", diagnosis,
                "reading a note it owns answered 404", List.of(
                        new Event(at.minusMillis(180), 2, "api", "UpdateNote", null, "updated"),
                        new Event(at.minusMillis(170), 2, "store", "upsertNote", "new", "note written at 10:01:02.110"),
                        new Event(at.minusMillis(160), 2, "store", "removeMovedNote", "legacy", "removed"),
                        new Event(at.minusMillis(20), 1, "api", "GetNote", null, "not found"),
                        new Event(at.minusMillis(10), 1, "store", "getNote", "legacy", "not found")));
    }

    @Test
    void theMissesPageListsDiagnosesAndShowsTheSelectedMissTimeline() throws Exception {
        try (ScreenHarness h = new ScreenHarness(120, 40)) {
            List<ExplainedMiss> misses = List.of(miss(2, "one version contradicted its own write: v2 wrote the note "
                    + "to new, then read it from legacy"), miss(1, DIAGNOSIS));
            h.useMisses(limit -> misses.subList(0, Math.min(limit, misses.size())));
            h.dashboard.state().page = Page.MISSES;
            h.draw();
            String text = h.text();
            assertTrue(text.contains("one version contradicted its own write"), text);
            assertTrue(text.contains("Miss 2: user-abcd-2"), text);

            h.dashboard.state().selectedMiss = 1; // ↓
            h.draw();
            text = h.text();
            assertTrue(text.contains("Miss 1: user-abcd-1"), text);
            assertTrue(text.contains("answered by v1"), text);
            assertTrue(text.contains("v2  store upsertNote new → note written at 10:01:02.110"), text);
            assertTrue(text.contains("v1  store getNote legacy → not found"), text);
        }
    }

    @Test
    void theOverviewSaysWhyTheLatestMissHappened() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 30)) {
            h.useMisses(limit -> List.of(miss(1, DIAGNOSIS)));
            h.stats.recordMiss(ConsistencyMiss.MISSING);
            h.draw();
            String text = h.text();
            assertTrue(text.contains("why: two versions disagreed during a rollout"), text);
            assertTrue(text.contains("moved the note to new"), "wrapped at a word, not cut: " + text);
        }
    }

    @Test
    void noMissesNoWhyLine() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 30)) {
            h.draw();
            assertFalse(h.text().contains("why:"));
        }
    }

    @Test
    void wrapsAtWordBoundariesAt80And120Columns() {
        String message = "v2 could not start: DataProxy.java:57: error: cannot find symbol NoteStores.SHARDS_OF_THE_SECOND "
                + "kind; fix the proxy and deploy again (d, or POST /deploy) — the kit keeps serving v1 meanwhile";
        for (int width : List.of(80, 120)) {
            List<String> lines = Wrap.lines(message, width);
            assertEquals(message, String.join(" ", lines), "nothing lost or cut at " + width);
            for (String line : lines) {
                assertTrue(line.length() <= width, line);
                assertFalse(line.startsWith(" ") || line.endsWith(" "), line);
            }
        }
        assertEquals(List.of("abcdefgh", "ij k"), Wrap.lines("abcdefghij k", 8), "a word longer than a line is split");
    }

    @Test
    void theLogPageWrapsAtWordsAndKeepsTheIndent() {
        String entry = "12:00:01.000 WARN  misses - miss on note 1f62c0de-0000-0000-0000-000000000000 of user-fd6f-2 "
                + "explained: two versions disagreed during a rollout: v1 read legacy after v2 moved the note to new";
        for (int width : List.of(80, 120)) {
            List<String> lines = LogsPage.lines(List.of(entry), width);
            assertTrue(lines.size() >= 2, "wrapped at " + width);
            assertTrue(lines.get(0).startsWith("12:00:01.000 WARN  misses"), "spacing kept: " + lines.get(0));
            StringBuilder joined = new StringBuilder();
            for (String line : lines) {
                assertTrue(line.length() <= width, line);
                joined.append(joined.length() == 0 ? "" : " ").append(line.strip());
            }
            assertEquals(entry.replace("  ", " "), joined.toString().replace("  ", " "), "no word cut at " + width);
        }
    }

    @Test
    void aLongStatusMessageWrapsAtWordsInsteadOfBeingCutOff() throws Exception {
        try (ScreenHarness h = new ScreenHarness(80, 24)) {
            h.dashboard.state().page = Page.LOGS;
            h.dashboard.state().say("v3 could not start: DataProxy.java:57: cannot find symbol NoteStores.SHARDS_OF_OLD; "
                    + "fix the proxy and deploy again (d, or POST /deploy); v2 keeps serving meanwhile", true);
            h.draw();
            String text = h.text();
            assertTrue(text.contains("fix the proxy and deploy again"), text);
            assertTrue(text.contains("v2 keeps serving meanwhile"), "the end of the message is on screen too: " + text);
        }
    }
}
