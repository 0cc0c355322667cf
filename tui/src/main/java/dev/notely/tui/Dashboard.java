package dev.notely.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.notely.api.Backfill;
import dev.notely.api.BackfillStatus;
import dev.notely.api.ChecksStatus;
import dev.notely.api.DeploymentState;
import dev.notely.store.Account;
import dev.notely.store.faults.FaultTable;
import dev.notely.telemetry.DaemonThreads;
import dev.notely.telemetry.StatsSnapshot;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal dashboard: five pages (overview, accounts, logs, verification, exercise) redrawn about once a second and
 * after every key. Everything slow (deploying, changing accounts, counting notes) runs off the UI
 * thread, so the dashboard stays responsive and never holds up a request.
 */
public final class Dashboard {

    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private static final long IDLE_POLL_MILLIS = 40;
    private static final String FAULT_MARK = "FAULT";
    /** From this width on, every tab shows its title. */
    static final int WIDE_HEADER = 120;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final DashboardServices kit;
    private final Theme theme;
    private final ViewState state = new ViewState();
    private final KeyActions actions;
    private final KeyHandler keys;
    private final Map<UUID, String> noteCounts = new ConcurrentHashMap<>();
    private final AtomicBoolean counting = new AtomicBoolean();
    // Counting goes through the proxies and may be slow; it must never hold up m, M or s.
    private final ExecutorService counter = Executors.newSingleThreadExecutor(DaemonThreads.named("dashboard-count"));

    public Dashboard(DashboardServices kit, Theme theme) {
        this.kit = kit;
        this.theme = theme;
        this.actions = new KeyActions(kit, state);
        this.keys = new KeyHandler(state, actions);
    }

    /** A line on the status line from outside the dashboard, such as the instructor's room being out of reach. */
    public void notice(String text) {
        state.say(text, false);
    }

    /**
     * A started screen where {@code choice} says, in its alternate buffer so the terminal looks as before
     * once {@link Screen#stopScreen()} is called. Ctrl+C arrives as a key, so it quits through the UI.
     *
     * <p>In a terminal, the screen talks to the process's own standard output and input, not to
     * {@code System.out}: whoever launched the JVM may have wrapped that stream. {@code mvn -B exec:java}
     * does, and strips every escape sequence from it, which leaves an unpositioned jumble on the terminal.
     * The output is deliberately unbuffered: Lanterna asks the terminal for its size and waits for the
     * reply without flushing first.
     *
     * @throws IllegalArgumentException for {@link TerminalChoice.Kind#NONE}
     */
    public static Screen openScreen(TerminalChoice choice) throws IOException {
        Terminal terminal = switch (choice.kind()) {
            case TEXT -> new DefaultTerminalFactory(new FileOutputStream(FileDescriptor.out),
                    new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8)
                    .setForceTextTerminal(true)
                    .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                    .createTerminal();
            case WINDOW -> new DefaultTerminalFactory().setPreferTerminalEmulator(true)
                    .setTerminalEmulatorTitle("Notely").createTerminal();
            case NONE -> throw new IllegalArgumentException("no dashboard: " + choice.reason());
        };
        Screen screen = new TerminalScreen(terminal);
        screen.startScreen();
        screen.setCursorPosition(null);
        return screen;
    }

    /** Shows the dashboard until the user quits ({@code q}, Esc or Ctrl+C); the screen stays started. */
    public void run(Screen screen) {
        long nextRefresh = 0;
        DashboardData data = collect();
        try {
            while (!state.quit) {
                boolean redraw = false;
                Screen.RefreshType refresh = Screen.RefreshType.DELTA;
                KeyStroke key = screen.pollInput();
                if (key != null) {
                    keys.handle(key, data.accounts(), pageRows(screen.getTerminalSize()));
                    redraw = true;
                }
                if (screen.doResizeIfNecessary() != null) {
                    // The terminal moved or cut what was on it (tmux keeps the bottom of a shrinking
                    // screen), so what Lanterna last drew says nothing about what is there: clear and
                    // draw every cell.
                    refresh = Screen.RefreshType.COMPLETE;
                    redraw = true;
                }
                if (state.refreshNow || System.nanoTime() >= nextRefresh) {
                    state.refreshNow = false;
                    nextRefresh = System.nanoTime() + REFRESH_NANOS;
                    data = collectSafely(data);
                    redraw = true;
                }
                if (redraw && !state.quit) {
                    drawSafely(screen, data, refresh);
                } else if (key == null) {
                    Thread.sleep(IDLE_POLL_MILLIS); // nothing to do until the next key or refresh
                }
            }
        } catch (IOException e) {
            log.warn("the terminal went away: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            actions.close();
            counter.shutdownNow();
        }
    }

    /** A failing data source shows as a message; the dashboard itself keeps running. */
    private DashboardData collectSafely(DashboardData previous) {
        try {
            return collect();
        } catch (RuntimeException e) {
            return new DashboardData(previous.stats(), previous.deployment(), previous.accounts(), previous.noteCounts(),
                    previous.logLines(), Optional.of("cannot read the kit's figures: " + e), previous.missActivity(),
                    actions.verifyStatus(), previous.backfill(), previous.faults(), previous.checks(), previous.hints(),
                    previous.misses());
        }
    }

    private void drawSafely(Screen screen, DashboardData data, Screen.RefreshType refresh) throws IOException {
        try {
            draw(screen, data, refresh);
        } catch (RuntimeException e) {
            log.warn("dashboard could not draw a frame: {}", e.toString());
            state.say("the dashboard hit an error drawing this page: " + e, true);
        }
    }

    void draw(Screen screen, DashboardData data) throws IOException {
        draw(screen, data, Screen.RefreshType.DELTA);
    }

    private void draw(Screen screen, DashboardData data, Screen.RefreshType refresh) throws IOException {
        TerminalSize size = screen.getTerminalSize();
        Canvas c = new Canvas(screen.newTextGraphics(), size, theme);
        render(c, data, state);
        screen.refresh(refresh);
    }

    static void render(Canvas c, DashboardData data, ViewState state) {
        c.clear();
        // Below 120 columns the name and the other tabs' titles give their room to what the header must say
        // (an outage, a rollout, an injected fault): six tabs with their titles take 80 columns.
        boolean wide = c.width >= WIDE_HEADER;
        StringBuilder tabs = new StringBuilder(wide ? " Notely  " : " ");
        for (Page p : Page.values()) {
            // Narrow: the other tabs are their numbers, which are their keys, and close up.
            String tab = (p.ordinal() + 1) + (wide || p == state.page ? " " + p.title : "");
            tabs.append(p == state.page ? "[" + tab + "]" : wide ? " " + tab + " " : tab);
            tabs.append(' ');
        }
        Health health = Health.of(data);
        // Red while users get errors or nothing serves, on every page: an outage must not hide.
        String right = header(data, health, c.width - tabs.length() - 1);
        c.bar(0, tabs.toString(), right, health.outage().isPresent());
        // Injected faults in red, whatever else the header says: a store broken on purpose must not be forgotten.
        int at = right.indexOf(FAULT_MARK);
        if (at >= 0) {
            int end = right.indexOf("  ", at); // parts are two spaces apart
            c.alarm(0, c.width - right.length() + at, right.substring(at, end < 0 ? right.length() : end));
        }
        int top = 2;
        int bottom = state.page == Page.OVERVIEW ? c.height - 2 : c.height - 3; // the others keep a message line
        if (c.height < 12 || c.width < 40) {
            c.text(1, top, "make the terminal larger (at least 80×24)", c.theme.warn);
        } else {
            switch (state.page) {
                case OVERVIEW -> OverviewPage.render(c, top, bottom, data, state);
                case ACCOUNTS -> AccountsPage.render(c, top, bottom, data, state);
                case LOGS -> LogsPage.render(c, top, bottom, data, state);
                case VERIFY -> VerifyPage.render(c, top, bottom, data);
                case EXERCISE -> ExercisePage.render(c, top, bottom, data, state);
                case MISSES -> MissesPage.render(c, top, bottom, data, state);
            }
        }
        if (state.page == Page.OVERVIEW && state.faultMenu.isOpen()) {
            drawMenu(c, top, state.faultMenu.lines());
        }
        if (state.page != Page.OVERVIEW) {
            // A long message wraps at words upwards over the page's last rows, rather than being cut off.
            state.message(data.deployment()).ifPresent(m -> {
                List<String> lines = Wrap.lines(m.text(), c.width - 2);
                lines = lines.subList(0, Math.min(3, lines.size()));
                for (int i = 0; i < lines.size(); i++) {
                    int row = c.height - 1 - lines.size() + i;
                    c.text(0, row, " ".repeat(c.width), c.theme.text);
                    c.text(1, row, lines.get(i), c.width - 2, m.error() ? c.theme.bad : c.theme.accent);
                }
            });
        }
        data.problem().ifPresent(p -> c.text(1, c.height - 2, p, c.theme.bad));
        c.bar(c.height - 1, KeyHandler.help(state.page, data.accounts()), "", false);
    }

    /**
     * The header's right side: what is wrong first, then the misses, the deployment and the clock, each
     * left out when it does not fit in {@code room} (the tabs keep their place).
     */
    static String header(DashboardData data, Health health, int room) {
        long misses = data.stats().totalMisses();
        DeploymentState dep = data.deployment();
        List<String> parts = new java.util.ArrayList<>();
        health.outage().ifPresent(o -> parts.add("✗ " + o));
        String faults = faultWords(data, room - (parts.isEmpty() ? 0 : parts.get(0).length() + 2) - 3);
        if (!faults.isEmpty()) {
            parts.add(faults);
        }
        if (misses > 0) {
            parts.add("⚠ " + misses + (misses == 1 ? " MISS" : " MISSES"));
        }
        parts.add(DeploymentWords.brief(dep));
        parts.add(LocalTime.now().format(CLOCK));
        StringBuilder right = new StringBuilder();
        for (String part : parts) {
            if (right.length() + part.length() + 3 <= room) {
                right.append(right.length() > 0 ? "  " : "").append(part);
            }
        }
        return right.length() == 0 ? "" : right + " ";
    }

    /**
     * The header's words for the injected store faults, such as {@code FAULT new +50 ms}, or only the stores'
     * names ({@code FAULTS legacy,new}) when that is more than {@code room}; empty when there are none. A word,
     * not a symbol: terminals disagree on how wide most symbols are, and the header is laid out by column.
     */
    static String faultWords(DashboardData data, int room) {
        if (data.faults().isEmpty()) {
            return "";
        }
        String full = FAULT_MARK + " " + data.faults().describe();
        return full.length() <= room ? full : FAULT_MARK + "S " + String.join(",", data.faults().stores().keySet());
    }

    /** The {@code x} menu, boxed over the top of the overview. */
    private static void drawMenu(Canvas c, int top, List<String> lines) {
        int width = Math.min(c.width - 2, 74);
        c.text(1, top, Canvas.padRight("┌" + "─".repeat(width - 2) + "┐", width), c.theme.accent);
        for (int i = 0; i < lines.size(); i++) {
            c.text(1, top + 1 + i, "│ " + Canvas.padRight(lines.get(i), width - 4) + " │", width, i == 0 ? c.theme.accent : c.theme.text);
        }
        c.text(1, top + 1 + lines.size(), "└" + "─".repeat(width - 2) + "┘", c.theme.accent);
    }

    private int pageRows(TerminalSize size) {
        return state.page == Page.LOGS ? LogsPage.pageSize(2, size.getRows() - 3) : AccountsPage.visibleRows(2, size.getRows() - 3);
    }

    DashboardData collect() {
        String problem = null;
        StatsSnapshot snapshot = kit.stats().snapshot();
        DeploymentState deployment;
        try {
            deployment = kit.deployments().state();
        } catch (RuntimeException e) {
            deployment = DeploymentState.INITIAL;
            problem = "cannot read the deployments: " + e.getMessage();
        }
        List<Account> list;
        try {
            list = kit.accounts().listAccounts();
        } catch (RuntimeException e) {
            list = List.of();
            problem = "cannot read the accounts: " + e.getMessage();
        }
        if (state.page == Page.ACCOUNTS) {
            countVisible(list);
        }
        Optional<BackfillStatus> backfillStatus = Optional.empty();
        try {
            backfillStatus = kit.backfill().map(Backfill::status);
        } catch (RuntimeException e) {
            problem = "cannot read the backfill: " + e.getMessage();
        }
        FaultTable faults = FaultTable.NONE;
        try {
            faults = kit.faults().current();
        } catch (RuntimeException e) {
            problem = "cannot read the store faults: " + e.getMessage();
        }
        ChecksStatus checks = ChecksStatus.idle(1, null);
        List<String> hints = List.of();
        try {
            checks = kit.checks().status();
            hints = state.page == Page.EXERCISE ? kit.checks().hints() : List.of();
        } catch (RuntimeException e) {
            problem = "cannot read the checks: " + e.getMessage();
        }
        return new DashboardData(snapshot, deployment, list, Map.copyOf(noteCounts), kit.logs().lines(), Optional.ofNullable(problem),
                kit.stats().missActivity(), actions.verifyStatus(), backfillStatus, faults, checks, hints,
                kit.misses().recent(50));
    }

    /** Counts notes for the accounts on screen, one batch at a time, off the UI thread. */
    private void countVisible(List<Account> list) {
        if (list.isEmpty() || !counting.compareAndSet(false, true)) {
            return;
        }
        int from = Math.min(state.accountScroll, list.size());
        List<Account> visible = List.copyOf(list.subList(from, Math.min(list.size(), from + 60)));
        try {
            counter.execute(() -> {
                try {
                    for (Account a : visible) {
                        String count;
                        try {
                            count = String.valueOf(kit.noteCounter().applyAsLong(a));
                        } catch (RuntimeException e) {
                            count = "?";
                        }
                        noteCounts.put(a.id(), count);
                    }
                } finally {
                    counting.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            counting.set(false);
        }
    }

    ViewState state() {
        return state;
    }
}
