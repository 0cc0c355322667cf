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
     * long lines wrap with an indent, tabs become spaces.
     */
    static List<String> lines(List<String> entries, int width) {
        List<String> lines = new ArrayList<>();
        for (String entry : entries) {
            for (String line : entry.split("\\R")) {
                String rest = line.replace("\t", "    ");
                boolean first = true;
                while (first || !rest.isEmpty()) {
                    String prefix = first ? "" : "    ";
                    int room = Math.max(8, width - prefix.length());
                    int cut = Math.min(rest.length(), room);
                    lines.add(prefix + rest.substring(0, cut));
                    rest = rest.substring(cut);
                    first = false;
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
