package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shrinking a real terminal (tmux {@code resize-window}) leaves a dashboard with nothing of the larger
 * frame on it. tmux keeps the bottom of a shrinking screen, so a frame drawn only where it changed would
 * leave the old rows standing. Skipped without tmux.
 */
class ResizeTest {

    @TempDir
    Path tmp;

    @Test
    void aShrunkTerminalShowsOneWholeFrameAndNothingElse() throws Exception {
        assumeTrue(Tmux.installed(), "tmux is not installed: skipping the resize test (install tmux to run it)");
        try (Tmux tmux = Tmux.dashboard(tmp, 120, 60, tmp.resolve("exit"), "busy")) {
            tmux.awaitPane("the dashboard at 120×60", whole(60));
            tmux.resize(120, 36);
            tmux.awaitPane("one whole frame at 120×36", whole(36));
            tmux.resize(80, 24);
            List<String> pane = tmux.awaitPane("one whole frame at 80×24", whole(24));
            assertEquals(24, pane.size(), String.join("\n", pane));
        }
    }

    /**
     * A frame of {@code rows} rows drawn whole: the tab bar on the first row and nowhere else, the help
     * line on the last row and nowhere else, each section once, and no table row from the taller frame
     * (the rows shown are the first rows of the table, in order).
     */
    private static Predicate<List<String>> whole(int rows) {
        return pane -> pane.size() == rows
                && pane.get(0).contains("[1 Overview]")
                && count(pane, "[1 Overview]") == 1
                && pane.get(rows - 1).startsWith(" ←/→ pages")
                && count(pane, "q quit") == 1
                && count(pane, "Deployment ─") == 1
                && count(pane, "API requests ─") == 1
                && count(pane, "Data-store access") == 1
                && routesInOrder(pane);
    }

    private static long count(List<String> pane, String text) {
        return pane.stream().filter(l -> l.contains(text)).count();
    }

    /** The API table's rows are route-0, route-1, ... with none missing, repeated or left over. */
    private static boolean routesInOrder(List<String> pane) {
        List<String> routes = pane.stream().filter(l -> l.contains("/route-"))
                .map(l -> l.replaceAll(".*(/route-\\d+).*", "$1")).toList();
        if (routes.isEmpty()) {
            return false;
        }
        List<String> expected = routes.stream().sorted().toList();
        return routes.equals(expected.stream().distinct().toList()) && routes.size() == expected.size();
    }
}
