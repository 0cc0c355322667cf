package dev.notely.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import dev.notely.api.ChecksStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
        int hintRows = Math.min(hints.size(), state.hintsShown);
        int checkBottom = bottom - (hintRows > 0 ? hintRows + 2 : 0);
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
        if (hintRows > 0) {
            int hintTop = Math.max(row + 1, bottom - hintRows - 1);
            c.title(1, hintTop, "Hints " + hintRows + " of " + hints.size() + " (h: one more)", width);
            for (int i = 0; i < hintRows && hintTop + 1 + i < bottom; i++) {
                c.text(1, hintTop + 1 + i, hints.get(i), width, c.theme.accent);
            }
        }
    }
}
