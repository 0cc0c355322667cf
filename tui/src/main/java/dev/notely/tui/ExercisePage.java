package dev.notely.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import dev.notely.api.ChecksStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Page 5: every check of the current exercise with ✓ / ✗ / … and its message, when the code was saved
 * and checked, and the hints shown so far ({@code h} one more, {@code e} the next exercise).
 */
final class ExercisePage {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private ExercisePage() {
    }

    static void render(Canvas c, int top, int bottom, DashboardData d, ViewState state) {
        ChecksStatus s = d.checks();
        int width = c.width - 2;
        c.title(1, top, "Exercise " + s.exercise() + " — checked on every save of the proxy sources", width);
        int row = top + 1;
        String times = "saved " + s.savedAt().map(CLOCK::format).orElse("—") + " · checked "
                + s.checkedAt().map(CLOCK::format).orElse("—") + " · " + s.state();
        c.text(1, row++, times, width, c.theme.dim);
        row = ExerciseLine.render(c, 1, row, width, s);
        if (s.note().isPresent() && !s.state().equals(ChecksStatus.DONE)) {
            c.text(1, row++, s.note().get(), width, c.theme.warn);
        }
        row++;
        List<String> hints = state.hintsShown > 0 ? d.hints() : List.of();
        int shown = Math.min(hints.size(), state.hintsShown);
        List<String> hintLines = hintLines(hints.subList(0, shown), width, Math.max(3, (bottom - top) / 2));
        int checkBottom = bottom - (shown > 0 ? hintLines.size() + 2 : 0);
        for (ChecksStatus.Check check : s.checks()) {
            if (row >= checkBottom) {
                break;
            }
            String mark = switch (check.status()) {
                case ChecksStatus.Check.PASS -> "✓";
                case ChecksStatus.Check.PENDING -> "…";
                default -> "✗";
            };
            TextColor colour = switch (check.status()) {
                case ChecksStatus.Check.PASS -> c.theme.good;
                case ChecksStatus.Check.PENDING -> c.theme.dim;
                default -> c.theme.bad;
            };
            int x = c.text(1, row, mark + " " + check.name(), width, colour, SGR.BOLD);
            if (!check.message().isEmpty() && !check.status().equals(ChecksStatus.Check.PASS)) {
                c.text(x + 2, row, ExerciseLine.firstLine(check.message()), width - x - 1, c.theme.text);
            }
            row++;
        }
        if (shown > 0) {
            int hintTop = Math.max(row + 1, bottom - hintLines.size() - 1);
            c.title(1, hintTop, "Hints " + shown + " of " + hints.size() + " (h: one more)", width);
            for (int i = 0; i < hintLines.size() && hintTop + 1 + i < bottom; i++) {
                c.text(1, hintTop + 1 + i, hintLines.get(i), width, c.theme.accent);
            }
        }
    }

    /**
     * The hints shown, each wrapped at words to {@code width} with its continuation lines indented under
     * its text; when they need more than {@code rows} lines, the last {@code rows}, so the newest hint is
     * whole.
     */
    static List<String> hintLines(List<String> hints, int width, int rows) {
        List<String> lines = new ArrayList<>();
        for (String hint : hints) {
            int indent = Math.min(hint.indexOf(' ') + 1, width / 4);
            List<String> wrapped = OverviewPage.wrap(hint, width, Integer.MAX_VALUE);
            if (wrapped.isEmpty()) {
                continue;
            }
            lines.add(wrapped.get(0));
            String rest = hint.replace('\n', ' ').strip().substring(wrapped.get(0).length()).strip();
            for (String more : OverviewPage.wrap(rest, width - indent, Integer.MAX_VALUE)) {
                lines.add(" ".repeat(indent) + more);
            }
        }
        return lines.size() <= rows ? lines : lines.subList(lines.size() - rows, lines.size());
    }
}
