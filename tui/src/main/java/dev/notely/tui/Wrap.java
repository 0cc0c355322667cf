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

    /** {@code text} in lines of at most {@code width} characters; at least one line. */
    static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        if (width <= 0) {
            lines.add("");
            return lines;
        }
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (word.length() > width) {
                    if (line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    lines.add(word.substring(0, width));
                    word = word.substring(width);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
