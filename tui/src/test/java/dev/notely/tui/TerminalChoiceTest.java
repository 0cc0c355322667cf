package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.tui.TerminalChoice.Environment;
import dev.notely.tui.TerminalChoice.Kind;
import org.junit.jupiter.api.Test;

/** Where the dashboard goes on each system, and what a person is told when it cannot go anywhere. */
class TerminalChoiceTest {

    private static TerminalChoice on(String os, boolean console, boolean desktop, String term, boolean stty) {
        return TerminalChoice.decide(new Environment(os, console, desktop, term, stty));
    }

    @Test
    void linuxAndMacosUseTheTerminalTheKitWasStartedFrom() {
        assertEquals(Kind.TEXT, on("Linux", true, false, "xterm-256color", true).kind());
        assertEquals(Kind.TEXT, on("Mac OS X", true, true, "xterm-256color", true).kind());
    }

    @Test
    void withoutATerminalThereIsNoDashboardAndThePersonIsToldWhy() {
        TerminalChoice piped = on("Linux", false, true, "xterm", true);
        assertEquals(Kind.NONE, piped.kind());
        assertTrue(piped.reason().contains("run the start command in a terminal"), piped.reason());
        TerminalChoice dumb = on("Mac OS X", true, true, "dumb", true);
        assertEquals(Kind.NONE, dumb.kind());
        assertTrue(dumb.reason().contains("TERM=dumb"), dumb.reason());
    }

    @Test
    void windowsUsesGitBashOrCygwinWhereSttyExists() {
        assertEquals(Kind.TEXT, on("Windows 11", true, true, "xterm", true).kind());
    }

    @Test
    void aPlainWindowsConsoleGetsAWindowOfItsOwnOnADesktop() {
        TerminalChoice console = on("Windows 11", true, true, null, false);
        assertEquals(Kind.WINDOW, console.kind());
        assertTrue(console.reason().contains("window of its own"), console.reason());
        assertEquals(Kind.WINDOW, on("Windows 10", false, true, null, false).kind(), "an IDE's run window too");
    }

    @Test
    void windowsWithoutADesktopOrATerminalSaysToUseWslOrGitBash() {
        TerminalChoice none = on("Windows Server 2022", true, false, null, false);
        assertEquals(Kind.NONE, none.kind());
        assertTrue(none.reason().contains("WSL or Git Bash"), none.reason());
    }
}
