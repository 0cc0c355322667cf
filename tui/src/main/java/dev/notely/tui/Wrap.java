package dev.notely.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a message into lines at word boundaries, so nothing a person must read is cut off mid-word. Only a
 * word longer than a whole line (a path, a UUID run together) is split, at the line's end.
 */
final class Wrap {

    private Wrap() {
    }

    /** {@code text} in lines of at most {@code width} characters, spacing inside a line kept; at least one line. */
    static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        if (width <= 0) {
            lines.add("");
            return lines;
        }
        for (String paragraph : text.split("\\R", -1)) {
            String rest = paragraph.stripTrailing();
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= 0 || rest.substring(0, cut).isBlank()) {
                    lines.add(rest.substring(0, width)); // one word longer than a line: split where it must be
                    rest = rest.substring(width);
                } else {
                    lines.add(rest.substring(0, cut).stripTrailing());
                    rest = rest.substring(cut + 1).stripLeading();
                }
            }
            lines.add(rest);
        }
        return lines;
    }
}
