package dev.notely.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * Drawing helpers over Lanterna's TextGraphics: text that is clipped (with an ellipsis) to the space it
 * has, in the theme's colours, so no page ever writes past its area.
 */
final class Canvas {

    private final TextGraphics g;
    final Theme theme;
    final int width;
    final int height;

    Canvas(TextGraphics g, TerminalSize size, Theme theme) {
        this.g = g;
        this.theme = theme;
        this.width = size.getColumns();
        this.height = size.getRows();
    }

    void clear() {
        g.setBackgroundColor(theme.background);
        g.setForegroundColor(theme.text);
        g.fill(' ');
    }

    /** Writes {@code text} at (col,row), cut to {@code max} columns; returns the column after it. */
    int text(int col, int row, String text, int max, TextColor color, SGR... styles) {
        if (row < 0 || row >= height || col >= width || max <= 0) {
            return col;
        }
        String shown = fit(text, Math.min(max, width - col));
        g.setBackgroundColor(theme.background);
        g.setForegroundColor(color);
        if (styles.length > 0) {
            g.putString(col, row, shown, styles[0], styles);
        } else {
            g.putString(col, row, shown);
        }
        g.clearModifiers();
        return col + shown.length();
    }

    int text(int col, int row, String text, TextColor color, SGR... styles) {
        return text(col, row, text, width - col, color, styles);
    }

    /** A full-width bar (header or help line) in the bar colours, or white on red when {@code alarm}. */
    void bar(int row, String left, String right, boolean alarm) {
        g.setBackgroundColor(alarm ? theme.alarmBackground : theme.barBackground);
        g.setForegroundColor(theme.barText);
        g.drawLine(new TerminalPosition(0, row), new TerminalPosition(width - 1, row), ' ');
        String r = fit(right, Math.max(0, width - 1));
        String l = fit(left, Math.max(0, width - r.length() - 1));
        g.putString(0, row, l, SGR.BOLD);
        if (!r.isEmpty()) {
            g.putString(width - r.length(), row, r);
        }
        g.clearModifiers();
        g.setBackgroundColor(theme.background);
    }

    /** Alarm text (white on red) over a bar, at {@code col} of {@code row}. */
    void alarm(int row, int col, String text) {
        if (row < 0 || row >= height || col < 0 || col >= width) {
            return;
        }
        g.setBackgroundColor(theme.alarmBackground);
        g.setForegroundColor(theme.barText);
        g.putString(col, row, fit(text, width - col), SGR.BOLD);
        g.clearModifiers();
        g.setBackgroundColor(theme.background);
    }

    /** A section title: bold, accent colour, with a rule after it. */
    void title(int col, int row, String title, int span) {
        int end = text(col, row, title, span, theme.accent, SGR.BOLD);
        if (end + 1 < col + span) {
            text(end + 1, row, "─".repeat(col + span - end - 1), col + span - end - 1, theme.dim);
        }
    }

    /** Cuts text to {@code max} columns, marking a cut with an ellipsis. */
    static String fit(String text, int max) {
        if (max <= 0) {
            return "";
        }
        String clean = text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return clean.length() <= max ? clean : max == 1 ? "…" : clean.substring(0, max - 1) + "…";
    }

    static String padRight(String text, int width) {
        String f = fit(text, width);
        return f + " ".repeat(Math.max(0, width - f.length()));
    }

    static String padLeft(String text, int width) {
        String f = fit(text, width);
        return " ".repeat(Math.max(0, width - f.length())) + f;
    }
}
