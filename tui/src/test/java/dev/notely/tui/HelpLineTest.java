package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every page's help line fits an 80-column terminal whole, so "q quit" is always on screen. */
class HelpLineTest {

    @Test
    void everyHelpLineFitsEightyColumns() {
        for (Page page : Page.values()) {
            String help = KeyHandler.help(page, List.of());
            assertTrue(help.length() < 80 && help.endsWith("q quit"), page + ": " + help.length() + " characters: " + help);
        }
    }
}
