package dev.notely.tui;

import com.googlecode.lanterna.TextColor;
import java.util.ArrayList;
import java.util.List;

/** Page 3: the kit's log, newest at the bottom, following new lines unless scrolled up. */
final class LogsPage {

    private LogsPage() {
    }

    /**
     * Log entries as screen lines of at most {@code width} columns: stack traces span several lines,
     * long lines wrap at word boundaries with an indent, tabs become spaces.
     */
    static List<String> lines(List<String> entries, int width) {
        List<String> lines = new ArrayList<>();
        for (String entry : entries) {
            for (String line : entry.split("\\R")) {
                String text = line.replace("\t", "    ");
                // At word boundaries: the first line at full width, the rest indented under it.
                List<String> first = Wrap.lines(text, Math.max(8, width));
                lines.add(first.get(0));
                if (first.size() > 1) {
                    String rest = text.substring(Math.min(text.length(), first.get(0).length())).stripLeading();
                    for (String more : Wrap.lines(rest, Math.max(8, width - 4))) {
                        lines.add("    " + more);
                    }
                }
            }
        }
        return lines;
    }

    static int pageSize(int top, int bottom) {
        return Math.max(1, bottom - top - 1);
    }

    static void render(Canvas c, int top, int bottom, DashboardData d, ViewState state) {
        List<String> lines = lines(d.logLines(), c.width - 2);
        int page = pageSize(top, bottom);
        state.logOffset = Math.max(0, Math.min(state.logOffset, Math.max(0, lines.size() - page)));
        String where = state.logOffset == 0 ? "following new lines"
                : "scrolled up " + state.logOffset + " lines (f or PgDn to go down)";
        c.title(1, top, "Logs  " + lines.size() + " lines · " + where, c.width - 2);
        int end = lines.size() - state.logOffset;
        int start = Math.max(0, end - page);
        int row = top + 1;
        for (int i = start; i < end; i++) {
            String line = lines.get(i);
            c.text(1, row++, line, c.width - 2, color(c, line));
        }
        if (lines.isEmpty()) {
            c.text(1, top + 1, "nothing logged yet", c.width - 2, c.theme.dim);
        }
    }

    private static TextColor color(Canvas c, String line) {
        if (line.contains(" ERROR ")) {
            return c.theme.bad;
        }
        if (line.contains(" WARN ")) {
            return c.theme.warn;
        }
        return line.startsWith(" ") ? c.theme.dim : c.theme.text;
    }
}
