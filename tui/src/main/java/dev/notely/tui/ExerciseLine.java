package dev.notely.tui;

import com.googlecode.lanterna.SGR;
import dev.notely.api.ChecksStatus;
import dev.notely.api.ChecksStatus.CompileError;

/**
 * The overview's Exercise line: what the last save came to, so the editor and the dashboard side by side
 * are the whole loop. A compile error takes a second line, the offending source line.
 */
final class ExerciseLine {

    private ExerciseLine() {
    }

    /** Returns the next free row; nothing is drawn for a kit whose loop is off. */
    static int render(Canvas c, int col, int row, int width, ChecksStatus s) {
        if (s.state().equals(ChecksStatus.IDLE) && s.note().isPresent() && s.checks().isEmpty()) {
            return row;
        }
        int end = col + width;
        int x = c.text(col, row, "Exercise " + s.exercise() + " ", width, c.theme.dim);
        if (s.compileError().isPresent()) {
            CompileError e = s.compileError().get();
            String file = e.file().substring(e.file().lastIndexOf('/') + 1);
            c.text(x, row, "✗ " + file + ":" + e.line() + ": " + e.message(), end - x, c.theme.bad, SGR.BOLD);
            if (!e.sourceLine().isBlank()) {
                c.text(col + 10, row + 1, "│ " + e.sourceLine().strip(), width - 10, c.theme.bad);
                return row + 2;
            }
            return row + 1;
        }
        c.text(x, row, summary(s), end - x, colour(c, s), SGR.BOLD);
        return row + 1;
    }

    /** {@code 9 of 12 ✓  next: …}, or what is under way. */
    static String summary(ChecksStatus s) {
        String counts = s.passed() + " of " + s.total() + " ✓";
        return switch (s.state()) {
            case ChecksStatus.COMPILING -> "compiling…";
            case ChecksStatus.CHECKING -> "checking… " + counts;
            case ChecksStatus.DONE -> s.next().map(n -> counts + "  next: " + n.name() + " — " + firstLine(n.message()))
                    .orElse(s.total() == 0 ? counts : counts + "  all checks pass")
                    + s.note().map(n -> "  (" + n + ")").orElse("");
            default -> s.note().orElse("save DataProxy.java to check it");
        };
    }

    private static com.googlecode.lanterna.TextColor colour(Canvas c, ChecksStatus s) {
        if (!s.state().equals(ChecksStatus.DONE)) {
            return c.theme.accent;
        }
        return s.next().isPresent() || s.note().isPresent() ? c.theme.warn : c.theme.good;
    }

    static String firstLine(String text) {
        int cut = text.indexOf('\n');
        return cut < 0 ? text : text.substring(0, cut);
    }
}
