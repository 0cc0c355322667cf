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
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.Deployments;
import dev.notely.api.StageMoves;
import dev.notely.api.Verification;
import dev.notely.api.VerificationReport;
import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.ConflictException;
import dev.notely.store.MigrationStage;
import dev.notely.store.NoteStores;
import dev.notely.telemetry.DaemonThreads;
import dev.notely.telemetry.LogCapture;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.StatsSnapshot;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal dashboard: four pages (overview, accounts, logs, verification) redrawn about once a second and
 * after every key. Everything slow (deploying, changing accounts, counting notes) runs off the UI
 * thread, so the dashboard stays responsive and never holds up a request.
 */
public final class Dashboard implements Actions {

    private static final Logger log = LoggerFactory.getLogger(Dashboard.class);
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private static final long IDLE_POLL_MILLIS = 40;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The rates + and - stay within, in notes per second. */
    static final int SLOWEST_RATE = 10;
    static final int FASTEST_RATE = 10_000;

    private final StatsCollector stats;
    private final AccountStore accounts;
    private final ToLongFunction<Account> noteCounter;
    private final Deployments deployments;
    private final Verification verification;
    private final Optional<Backfill> backfill;
    private final LogCapture logs;
    private final Theme theme;
    private final ViewState state = new ViewState();
    private final KeyHandler keys = new KeyHandler(state, this);
    private final Map<UUID, String> noteCounts = new ConcurrentHashMap<>();
    private final AtomicBoolean counting = new AtomicBoolean();
    private final ExecutorService deployer = daemonExecutor("dashboard-deploy");
    private final ExecutorService worker = daemonExecutor("dashboard-work");
    // Counting goes through the proxies and may be slow; it must never hold up m, M or s.
    private final ExecutorService counter = daemonExecutor("dashboard-count");
    // A verification reads every store for seconds: never on the UI thread, never in the way of m, M or s.
    private final ExecutorService verifier = daemonExecutor("dashboard-verify");
    private volatile VerifyStatus verifyStatus = VerifyStatus.NONE;
    private volatile StageMoves stages;

    /** A dashboard whose {@code v} says verification is not available, and without a backfill line. */
    public Dashboard(StatsCollector stats, AccountStore accounts, ToLongFunction<Account> noteCounter,
                     Deployments deployments, LogCapture logs, Theme theme) {
        this(stats, accounts, noteCounter, deployments, Optional.empty(), Verification.NONE, logs, theme);
    }

    /** A dashboard without a backfill line. */
    public Dashboard(StatsCollector stats, AccountStore accounts, ToLongFunction<Account> noteCounter,
                     Deployments deployments, Verification verification, LogCapture logs, Theme theme) {
        this(stats, accounts, noteCounter, deployments, Optional.empty(), verification, logs, theme);
    }

    public Dashboard(StatsCollector stats, AccountStore accounts, ToLongFunction<Account> noteCounter,
                     Deployments deployments, Backfill backfill, Verification verification, LogCapture logs,
                     Theme theme) {
        this(stats, accounts, noteCounter, deployments, Optional.of(backfill), verification, logs, theme);
    }

    private Dashboard(StatsCollector stats, AccountStore accounts, ToLongFunction<Account> noteCounter,
                      Deployments deployments, Optional<Backfill> backfill, Verification verification, LogCapture logs,
                      Theme theme) {
        this.stats = stats;
        this.accounts = accounts;
        this.noteCounter = noteCounter;
        this.deployments = deployments;
        this.verification = verification;
        this.backfill = backfill;
        this.logs = logs;
        this.theme = theme;
        this.stages = new StageMoves(accounts, (account, to) -> Optional.empty());
    }

    /** Moves between exercise 3's stages ({@code ]}, {@code [}, {@code }}, {@code {}) through these gates. */
    public Dashboard withStages(StageMoves gatedStages) {
        this.stages = gatedStages;
        return this;
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
            deployer.shutdownNow();
            worker.shutdownNow();
            counter.shutdownNow();
            verifier.shutdownNow();
        }
    }

    /** A failing data source shows as a message; the dashboard itself keeps running. */
    private DashboardData collectSafely(DashboardData previous) {
        try {
            return collect();
        } catch (RuntimeException e) {
            return new DashboardData(previous.stats(), previous.deployment(), previous.accounts(), previous.noteCounts(),
                    previous.logLines(), Optional.of("cannot read the kit's figures: " + e), previous.missActivity(),
                    verifyStatus, previous.backfill());
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
        // Below 100 columns the name gives its room to what the header must say (an outage, a rollout).
        boolean wide = c.width >= 100;
        StringBuilder tabs = new StringBuilder(wide ? " Notely  " : " ");
        for (Page p : Page.values()) {
            String tab = (p.ordinal() + 1) + " " + p.title;
            // Narrow: the tabs close up, so the header keeps room for an outage or a rollout.
            tabs.append(p == state.page ? "[" + tab + "]" : wide ? " " + tab + " " : tab);
            tabs.append(' ');
        }
        Health health = Health.of(data);
        // Red while users get errors or nothing serves, on every page: an outage must not hide.
        c.bar(0, tabs.toString(), header(data, health, c.width - tabs.length() - 1), health.outage().isPresent());
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
            }
        }
        if (state.page != Page.OVERVIEW) {
            state.message(data.deployment()).ifPresent(m -> c.text(1, c.height - 2, m.text(), m.error() ? c.theme.bad : c.theme.accent));
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

    private int pageRows(TerminalSize size) {
        return state.page == Page.LOGS ? LogsPage.pageSize(2, size.getRows() - 3) : AccountsPage.visibleRows(2, size.getRows() - 3);
    }

    DashboardData collect() {
        String problem = null;
        StatsSnapshot snapshot = stats.snapshot();
        DeploymentState deployment;
        try {
            deployment = deployments.state();
        } catch (RuntimeException e) {
            deployment = DeploymentState.INITIAL;
            problem = "cannot read the deployments: " + e.getMessage();
        }
        List<Account> list;
        try {
            list = accounts.listAccounts();
        } catch (RuntimeException e) {
            list = List.of();
            problem = "cannot read the accounts: " + e.getMessage();
        }
        if (state.page == Page.ACCOUNTS) {
            countVisible(list);
        }
        Optional<BackfillStatus> backfillStatus = Optional.empty();
        try {
            backfillStatus = backfill.map(Backfill::status);
        } catch (RuntimeException e) {
            problem = "cannot read the backfill: " + e.getMessage();
        }
        return new DashboardData(snapshot, deployment, list, Map.copyOf(noteCounts), logs.lines(), Optional.ofNullable(problem),
                stats.missActivity(), verifyStatus, backfillStatus);
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
                            count = String.valueOf(noteCounter.applyAsLong(a));
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

    // ---- actions, each off the UI thread -------------------------------------------------------

    @Override
    public void deploy() {
        if (state.deploying) {
            state.say("a deployment is already running: wait for it to finish", true);
            return;
        }
        state.deploying = true;
        state.say("deploying: compiling proxy/ and starting the new version…", false);
        deployer.execute(() -> {
            try {
                int version = deployments.deploy();
                // True only while both versions serve: the rollout's end makes it false, and so does a newer deploy.
                state.sayWhile("v" + version + " serves; the previous version keeps part of the traffic until the rollout ends",
                        false, d -> d.previous().isPresent() && d.current().map(p -> p.version() == version).orElse(false));
            } catch (ConflictException e) {
                state.say("not deployed: " + e.getMessage(), true);
            } catch (RuntimeException e) {
                state.say("deployment failed: " + e.getMessage(), true);
            } finally {
                state.deploying = false;
                state.refreshNow = true;
            }
        });
    }

    @Override
    public void rollback() {
        if (state.deploying) {
            state.say("a deployment is running: roll back once it serves", true);
            return;
        }
        state.deploying = true;
        state.say("rolling back…", false);
        deployer.execute(() -> {
            try {
                int version = deployments.rollback();
                state.say("rolled back: v" + version + (deployments.state().previous().isPresent()
                        ? " rolls out again from its compiled classes" : " serves all traffic"), false);
            } catch (ConflictException e) {
                state.say("not rolled back: " + e.getMessage(), true);
            } catch (RuntimeException e) {
                state.say("rollback failed: " + e.getMessage(), true);
            } finally {
                state.deploying = false;
                state.refreshNow = true;
            }
        });
    }

    @Override
    public void toggleMigration(Account account) {
        // Re-read on the worker: keys pressed faster than the screen refreshes act on the latest state.
        change(account, current -> current.withMigrating(!current.isMigrating()),
                updated -> updated.name() + ": migration " + (updated.isMigrating() ? "on" : "off"),
                updated -> "runs the code from before this rollout");
    }

    @Override
    public void setAllMigrating(boolean migrating) {
        worker.execute(() -> {
            try {
                List<Account> current = accounts.listAccounts();
                for (Account a : current) {
                    if (a.isMigrating() != migrating) {
                        accounts.updateAccount(a.withMigrating(migrating));
                    }
                }
                report("migration " + (migrating ? "on" : "off") + " for all " + current.size() + " accounts",
                        "runs the code from before this rollout");
            } catch (RuntimeException e) {
                state.say("could not change the accounts: " + e.getMessage(), true);
            }
        });
    }

    @Override
    public void cycleShard(Account account) {
        change(account, current -> {
            List<String> cycle = NoteStores.SHARDS;
            int index = current.shard() == null ? -1 : cycle.indexOf(current.shard());
            String next = index + 1 < cycle.size() ? cycle.get(index + 1) : null;
            return current.withShard(next).withMigrating(true);
        }, updated -> updated.name() + ": shard " + (updated.shard() == null ? "none" : updated.shard()) + ", migrating",
                updated -> updated.shard() == null ? "runs the code from before this rollout" : "cannot see " + updated.shard());
    }

    @Override
    public void moveStage(Account account, boolean forward) {
        worker.execute(() -> {
            try {
                Account moved = stages.step(account.id(), forward);
                report(moved.name() + ": stage " + moved.stage(), "does not know stage " + moved.stage());
            } catch (ConflictException e) {
                state.say("not moved: " + e.getMessage(), true);
            } catch (RuntimeException e) {
                state.say("could not move " + account.name() + ": " + e.getMessage(), true);
            }
        });
    }

    @Override
    public void moveAllStages(boolean forward) {
        worker.execute(() -> {
            try {
                int moved = 0;
                List<String> refusals = new ArrayList<>();
                Map<MigrationStage, Integer> reached = new java.util.TreeMap<>();
                for (Account a : accounts.listAccounts()) {
                    try {
                        Account after = stages.step(a.id(), forward);
                        moved++;
                        reached.merge(after.stage(), 1, Integer::sum);
                    } catch (ConflictException e) {
                        refusals.add(e.getMessage());
                    }
                }
                String where = reached.entrySet().stream().map(e -> e.getValue() + " to " + e.getKey())
                        .collect(java.util.stream.Collectors.joining(", "));
                String done = moved + " account" + (moved == 1 ? "" : "s") + " moved" + (where.isEmpty() ? "" : " (" + where + ")");
                if (refusals.isEmpty()) {
                    report(done, "does not know the new stages");
                } else {
                    state.say(done + "; " + refusals.size() + " held: " + refusals.get(0), true);
                }
            } catch (RuntimeException e) {
                state.say("could not move the accounts: " + e.getMessage(), true);
            }
        });
    }

    private void change(Account account, UnaryOperator<Account> edit, Function<Account, String> done,
                        Function<Account, String> risk) {
        worker.execute(() -> {
            try {
                Account current = accounts.getAccount(account.id()).orElse(account);
                Account updated = edit.apply(current);
                accounts.updateAccount(updated);
                report(done.apply(updated), risk.apply(updated));
            } catch (RuntimeException e) {
                state.say("could not change " + account.name() + ": " + e.getMessage(), true);
            }
        });
    }

    /**
     * Says what an account change did; during a rollout, warns that the previous version still answers
     * part of the requests with its older code: changing accounts then is the mistake the workshop teaches.
     *
     * @param risk what the previous version does wrong, after "v1 still serves 50 % of requests and"
     */
    private void report(String done, String risk) {
        DeploymentState now;
        try {
            now = deployments.state();
        } catch (RuntimeException e) {
            now = DeploymentState.INITIAL;
        }
        if (now.status() == DeploymentStatus.ROLLOUT_WAIT && now.previous().isPresent()) {
            int previous = now.previous().get().version();
            // The warning first: on a narrow screen the end of the line is cut.
            state.sayWhile("⚠ v" + previous + " still serves 50 % of requests and " + risk + " (rollout running): " + done,
                    true, d -> d.previous().map(p -> p.version() == previous).orElse(false));
        } else {
            state.say(done, false);
        }
    }

    @Override
    public void toggleBackfill() {
        if (backfill.isEmpty()) {
            state.say("this kit runs no backfill", true);
            return;
        }
        Backfill job = backfill.get();
        worker.execute(() -> {
            try {
                BackfillStatus before = job.status();
                if (before.active()) {
                    job.pause();
                    state.say("backfill paused: every account keeps its place (b goes on)", false);
                } else {
                    job.start();
                    state.say(before.state() == BackfillStatus.State.PAUSED ? "backfill goes on where it was"
                            : "backfill started: a pass over every account", false);
                }
            } catch (RuntimeException e) {
                state.say("backfill: " + e.getMessage(), true);
            }
        });
    }

    @Override
    public void changeBackfillRate(boolean faster) {
        if (backfill.isEmpty()) {
            state.say("this kit runs no backfill", true);
            return;
        }
        Backfill job = backfill.get();
        worker.execute(() -> {
            try {
                int rate = nextRate(job.status().rate(), faster);
                job.setRate(rate);
                state.say(String.format(Locale.ROOT, "backfill rate %,d notes/s", rate), false);
            } catch (RuntimeException e) {
                state.say("backfill: " + e.getMessage(), true);
            }
        });
    }

    /** Half as much again, or a third less, within {@link #SLOWEST_RATE}..{@link #FASTEST_RATE}. */
    static int nextRate(int rate, boolean faster) {
        long next = faster ? Math.max(rate + 1, Math.round(rate * 1.5)) : Math.min(rate - 1, Math.round(rate / 1.5));
        return (int) Math.max(SLOWEST_RATE, Math.min(FASTEST_RATE, next));
    }

    @Override
    public void resetCounters() {
        StatsSnapshot before = stats.snapshot();
        long failed = Health.of(before, DeploymentState.INITIAL).failed();
        stats.reset();
        log.info("counters reset from the dashboard: {} consistency misses and {} failed requests before it no longer count",
                before.totalMisses(), failed);
        state.say("counts reset: misses, failed requests and totals count from now on", false);
    }

    @Override
    public void verify() {
        VerifyStatus before = verifyStatus;
        if (before.running()) {
            state.say("a verification is running: its result shows here when it is done", false);
            return;
        }
        verifyStatus = before.started(Instant.now());
        state.say("verifying: comparing the note stores…", false);
        try {
            verifier.execute(() -> {
                try {
                    VerificationReport report = verification.verify();
                    verifyStatus = verifyStatus.finished(report, Instant.now());
                    state.say(report.clean() ? "verified: clean, every note is where its account's mode says"
                            : "verified: " + report.summary().notesUnexpected() + " notes out of place", !report.clean());
                } catch (RuntimeException e) {
                    verifyStatus = verifyStatus.failed(e.getMessage());
                    state.say("verification failed: " + e.getMessage(), true);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            verifyStatus = before; // the dashboard is closing
        }
    }

    ViewState state() {
        return state;
    }

    private static ExecutorService daemonExecutor(String name) {
        return Executors.newSingleThreadExecutor(DaemonThreads.named(name));
    }
}
