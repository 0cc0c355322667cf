package dev.notely.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import java.util.ArrayList;
import java.util.List;

/**
 * A text table that fits the width it is given: one flexible column takes the spare room, and when
 * even the minimum widths do not fit, the least important columns are dropped first.
 */
final class Table {

    /**
     * @param width    minimum width
     * @param right    right-aligned (numbers)
     * @param flex     takes the spare width (at most one per table)
     * @param priority lower is more important; higher numbers are dropped first when narrow
     * @param maxWidth  how wide a flexible column may grow, so wide screens keep rows readable
     */
    record Column(String header, int width, boolean right, boolean flex, int priority, int maxWidth) {
        static Column text(String header, int width, int priority) {
            return new Column(header, width, false, false, priority, width);
        }

        static Column flex(String header, int width, int maxWidth) {
            return new Column(header, width, false, true, 0, maxWidth);
        }

        static Column number(String header, int width, int priority) {
            return new Column(header, width, true, false, priority, width);
        }
    }

    /** One row: its cells in column order and its colour; {@code selected} draws it reversed. */
    record Row(List<String> cells, TextColor color, boolean selected) {
        Row(List<String> cells, TextColor color) {
            this(cells, color, false);
        }
    }

    private Table() {
    }

    /** Draws the header and as many rows as fit in {@code maxRows} (header included); returns rows used. */
    static int draw(Canvas c, int col, int row, int width, int maxRows, List<Column> columns, List<Row> rows) {
        if (maxRows <= 0 || width <= 0) {
            return 0;
        }
        List<Integer> shown = visibleColumns(columns, width);
        int[] widths = widths(columns, shown, width);
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < shown.size(); i++) {
            Column column = columns.get(shown.get(i));
            header.append(i == 0 ? "" : " ").append(cell(column.header(), widths[i], column.right()));
        }
        c.text(col, row, header.toString(), width, c.theme.dim, SGR.BOLD);
        int used = 1;
        for (Row r : rows) {
            if (used >= maxRows) {
                break;
            }
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < shown.size(); i++) {
                Column column = columns.get(shown.get(i));
                String value = shown.get(i) < r.cells().size() ? r.cells().get(shown.get(i)) : "";
                line.append(i == 0 ? "" : " ").append(cell(value, widths[i], column.right()));
            }
            String text = r.selected() ? Canvas.padRight(line.toString(), width) : line.toString();
            if (r.selected()) {
                c.text(col, row + used, text, width, r.color(), SGR.REVERSE, SGR.BOLD);
            } else {
                c.text(col, row + used, text, width, r.color());
            }
            used++;
        }
        return used;
    }

    private static List<Integer> visibleColumns(List<Column> columns, int width) {
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            shown.add(i);
        }
        while (shown.size() > 1 && minimumWidth(columns, shown) > width) {
            int drop = shown.stream().max((a, b) -> Integer.compare(columns.get(a).priority(), columns.get(b).priority()))
                    .orElseThrow();
            shown.remove(Integer.valueOf(drop));
        }
        return shown;
    }

    private static int minimumWidth(List<Column> columns, List<Integer> shown) {
        return shown.stream().mapToInt(i -> columns.get(i).width()).sum() + shown.size() - 1;
    }

    private static int[] widths(List<Column> columns, List<Integer> shown, int width) {
        int[] widths = new int[shown.size()];
        int spare = Math.max(0, width - minimumWidth(columns, shown));
        for (int i = 0; i < shown.size(); i++) {
            Column column = columns.get(shown.get(i));
            widths[i] = column.flex() ? Math.min(column.maxWidth(), column.width() + spare) : column.width();
        }
        return widths;
    }

    private static String cell(String value, int width, boolean right) {
        return right ? Canvas.padLeft(value, width) : Canvas.padRight(value, width);
    }
}
