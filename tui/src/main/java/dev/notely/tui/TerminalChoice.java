package dev.notely.tui;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.Locale;
import java.util.Map;

/**
 * Where the dashboard can be drawn, decided from the operating system and what the process is attached
 * to, the way Lanterna can drive each: a text terminal on Linux, macOS and WSL (and on Windows inside
 * Git Bash or Cygwin, where {@code stty} exists); on a Windows desktop without those, Lanterna's own
 * terminal window, since the plain Windows console cannot be driven from Java without native code; and
 * otherwise no dashboard, with one line saying why and how to get one.
 */
public record TerminalChoice(Kind kind, String reason) {

    /** How the dashboard is shown. */
    public enum Kind {
        /** In the terminal the kit was started from. */
        TEXT,
        /** In a terminal window of its own (Windows without a terminal Lanterna can drive). */
        WINDOW,
        /** Not at all: the kit runs headless. */
        NONE
    }

    /**
     * What decides it.
     *
     * @param osName          {@code os.name}
     * @param consoleAttached whether stdin and stdout are a terminal ({@code System.console() != null})
     * @param graphical       whether a desktop is there to open a window on
     * @param term            the {@code TERM} variable, or null
     * @param sttyOnPath      whether an {@code stty} program is on the {@code PATH}
     */
    public record Environment(String osName, boolean consoleAttached, boolean graphical, String term, boolean sttyOnPath) {

        /** This process's. */
        public static Environment current() {
            Map<String, String> env = System.getenv();
            String os = System.getProperty("os.name", "");
            // Only Windows asks for a desktop or stty: elsewhere start-up need not load AWT or scan the PATH.
            boolean windows = os.toLowerCase(Locale.ROOT).startsWith("windows");
            return new Environment(os, System.console() != null, windows && !GraphicsEnvironment.isHeadless(),
                    env.get("TERM"), windows && onPath(env.get("PATH"), "stty"));
        }

        boolean windows() {
            return osName.toLowerCase(Locale.ROOT).startsWith("windows");
        }
    }

    /** Decides where the dashboard goes. */
    public static TerminalChoice decide(Environment env) {
        if (env.windows()) {
            if (env.consoleAttached() && env.term() != null && env.sttyOnPath()) {
                return new TerminalChoice(Kind.TEXT, "a Git Bash or Cygwin terminal");
            }
            if (env.graphical()) {
                return new TerminalChoice(Kind.WINDOW, "the Windows console cannot be driven from Java: "
                        + "the dashboard opens in a window of its own (in WSL it runs in the terminal itself)");
            }
            return new TerminalChoice(Kind.NONE, "no terminal the dashboard can drive on this Windows session: run the "
                    + "kit in WSL or Git Bash for the dashboard");
        }
        if (!env.consoleAttached()) {
            return new TerminalChoice(Kind.NONE, "no terminal attached (output goes to a file, a pipe or an IDE's "
                    + "run window): run the start command in a terminal for the dashboard");
        }
        if ("dumb".equals(env.term())) {
            return new TerminalChoice(Kind.NONE, "this terminal (TERM=dumb) cannot draw the dashboard: use a "
                    + "terminal such as Terminal, iTerm2, GNOME Terminal or Windows Terminal with WSL");
        }
        return new TerminalChoice(Kind.TEXT, "the terminal the kit was started from");
    }

    private static boolean onPath(String path, String program) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && (new File(dir, program).canExecute() || new File(dir, program + ".exe").canExecute())) {
                return true;
            }
        }
        return false;
    }
}
