package dev.notely.tui;

import com.googlecode.lanterna.screen.Screen;
import dev.notely.telemetry.LogCapture;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.Status;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A program for {@link TerminalOutputTest}: the dashboard over fakes, in a JVM whose {@code System.out}
 * strips escape sequences the way {@code mvn -B exec:java} leaves it. Prints a line before and after, so
 * the test can see that the terminal is given back as it was. With {@code busy}, the tables have more rows
 * than a tall terminal shows, as in a kit that has run for a while.
 */
final class StrippedStdoutDashboard {

    static final String BEFORE = "before the dashboard";
    static final String AFTER = "after the dashboard";

    private StrippedStdoutDashboard() {
    }

    public static void main(String[] args) throws IOException {
        // What Maven's batch mode does to the stream the dashboard used to write to.
        System.setOut(new PrintStream(new EscapeStripping(new FileOutputStream(FileDescriptor.out)), true,
                StandardCharsets.UTF_8));
        System.out.println(BEFORE);
        Fakes.Accounts accounts = new Fakes.Accounts();
        accounts.add("ada", true, "new");
        accounts.add("grace", false, null);
        LogCapture logs = new LogCapture(100, "%msg%n");
        StatsCollector stats = new StatsCollector();
        if (List.of(args).contains("busy")) {
            for (int i = 0; i < 40; i++) {
                stats.recordApiRequest("GET", "/route-" + i, 200, 1_000_000L * i);
                stats.recordStoreAccess("operation" + i, Status.SUCCESS, "legacy", 1_000_000L * i);
            }
        }
        Dashboard dashboard = new Dashboard(DashboardServices.of(stats, accounts, a -> 3, new Fakes.Deploys(), logs), Theme.DARK);
        Screen screen = Dashboard.openScreen(new TerminalChoice(TerminalChoice.Kind.TEXT, "a terminal"));
        try {
            dashboard.run(screen);
        } finally {
            screen.stopScreen();
        }
        System.out.println(AFTER);
    }

    /** Drops ESC and the sequence it starts (CSI up to its final byte, OSC up to BEL or ST, else one byte). */
    static final class EscapeStripping extends FilterOutputStream {

        private enum State { TEXT, ESCAPE, CSI, OSC, OSC_ESCAPE }

        private State state = State.TEXT;

        EscapeStripping(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            switch (state) {
                case TEXT -> {
                    if (b == 0x1b) {
                        state = State.ESCAPE;
                    } else {
                        out.write(b);
                    }
                }
                case ESCAPE -> state = b == '[' ? State.CSI : b == ']' ? State.OSC : State.TEXT;
                case CSI -> state = b >= 0x40 && b <= 0x7e ? State.TEXT : State.CSI;
                case OSC -> state = b == 0x07 ? State.TEXT : b == 0x1b ? State.OSC_ESCAPE : State.OSC;
                case OSC_ESCAPE -> state = State.TEXT;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(b[i] & 0xff);
            }
        }
    }
}
