package dev.notely.tui;

import com.googlecode.lanterna.SGR;
import dev.notely.api.ExplainedMiss;
import dev.notely.api.ExplainedMiss.Event;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Page 5: the latest consistency misses with their diagnosis, and the selected one's timeline: every
 * routed call and store operation on its note in the 30 s before, so the reason can be read step by step.
 */
final class MissesPage {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    /** Misses listed above the timeline at most. */
    static final int LISTED = 8;

    private MissesPage() {
    }

    static void render(Canvas c, int top, int bottom, DashboardData d, ViewState state) {
        int width = c.width - 2;
        List<ExplainedMiss> misses = d.misses();
        c.title(1, top, "Consistency misses, newest first (↑/↓ select)", width);
        int row = top + 1;
        if (misses.isEmpty()) {
            for (String line : Wrap.lines("No consistency miss yet. When a simulated user gets a wrong answer, it "
                    + "shows here with the reason: which version answered, and what the versions did to the note "
                    + "in the 30 s before.", width)) {
                c.text(1, row++, line, width, c.theme.dim);
            }
            return;
        }
        state.selectedMiss = Math.max(0, Math.min(state.selectedMiss, misses.size() - 1));
        int first = Math.max(0, Math.min(state.selectedMiss - LISTED / 2, misses.size() - LISTED));
        for (int i = first; i < Math.min(misses.size(), first + LISTED) && row < bottom; i++) {
            ExplainedMiss m = misses.get(i);
            boolean selected = i == state.selectedMiss;
            String line = (selected ? "▶ " : "  ") + CLOCK.format(m.at()) + "  " + m.kind() + "  " + m.diagnosis();
            c.text(1, row++, line, width, selected ? c.theme.accent : c.theme.text, selected ? SGR.BOLD : SGR.BOLD);
        }
        row++;
        ExplainedMiss m = misses.get(state.selectedMiss);
        if (row >= bottom) {
            return;
        }
        c.title(1, row++, "Miss " + m.id() + ": " + m.accountName() + ", note " + m.note(), width);
        String seen = m.detail() + " (" + m.observed().method() + " " + m.observed().route() + " → "
                + m.observed().status() + (m.observed().version() == null ? "" : ", answered by v" + m.observed().version())
                + ")";
        for (String line : Wrap.lines(seen, width)) {
            if (row < bottom) {
                c.text(1, row++, line, width, c.theme.text);
            }
        }
        for (String line : Wrap.lines(m.diagnosis(), width)) {
            if (row < bottom) {
                c.text(1, row++, line, width, c.theme.bad, SGR.BOLD);
            }
        }
        // The last steps matter most: show as many of the newest as fit.
        List<Event> steps = m.timeline();
        int room = Math.max(0, bottom - row - 1);
        if (row < bottom) {
            c.text(1, row++, "Timeline (" + steps.size() + " steps; api: the app's routed calls, store: a proxy's)",
                    width, c.theme.dim);
        }
        for (Event e : steps.subList(Math.max(0, steps.size() - room), steps.size())) {
            if (row >= bottom) {
                break;
            }
            String where = e.store() == null ? "" : " " + e.store();
            String line = CLOCK.format(e.at()) + "  " + (e.version() == null ? "v?" : "v" + e.version()) + "  "
                    + Canvas.padRight(e.source(), 5) + " " + e.what() + where + " → " + e.result();
            c.text(1, row++, line, width, e.result().startsWith("failed") || e.result().startsWith("not found")
                    || e.result().startsWith("did not") ? c.theme.warn : c.theme.text);
        }
    }
}
