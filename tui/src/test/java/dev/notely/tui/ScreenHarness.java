package dev.notely.tui;

import ch.qos.logback.classic.LoggerContext;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.notely.telemetry.LogCapture;
import dev.notely.telemetry.StatsCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A dashboard over fakes, drawn into Lanterna's virtual terminal so tests can read the screen back. */
final class ScreenHarness implements AutoCloseable {

    /** The figures' clock, moved only by the test, so rates and "N s ago" do not depend on timing. */
    final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    final StatsCollector stats = new StatsCollector(clock::get);
    final Fakes.Accounts accounts = new Fakes.Accounts();
    final Fakes.Deploys deployments = new Fakes.Deploys();
    final Fakes.Verifier verification = new Fakes.Verifier();
    final Fakes.Backfills backfill = new Fakes.Backfills();
    final LogCapture logs = new LogCapture(100, "%-5level %logger{0} - %msg%n");
    final Logger logger = LoggerFactory.getLogger("dashboard-test");
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;
    Dashboard dashboard;
    private DashboardServices services;

    ScreenHarness(int columns, int rows) throws IOException {
        this(columns, rows, a -> 3);
    }

    ScreenHarness(int columns, int rows, java.util.function.ToLongFunction<dev.notely.store.Account> noteCounter)
            throws IOException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        ((ch.qos.logback.classic.Logger) logger).addAppender(logs);
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        screen = new TerminalScreen(terminal);
        screen.startScreen();
        services = DashboardServices.of(stats, accounts, noteCounter, deployments, logs).withBackfill(backfill)
                .withVerification(verification);
        dashboard = new Dashboard(services, Theme.DARK);
    }

    /** A dashboard that moves between exercise 3's stages through these gates, in place of the ungated one. */
    void useStages(dev.notely.api.StageMoves gated) {
        services = services.withStages(gated);
        dashboard = new Dashboard(services, Theme.DARK);
    }

    /** A dashboard that shows and sets these store faults. */
    void useFaults(dev.notely.api.Faults faults) {
        services = services.withFaults(faults);
        dashboard = new Dashboard(services, Theme.DARK);
    }

    /** A dashboard that shows this save loop, in place of none. */
    void useChecks(dev.notely.api.Checks loop) {
        services = services.withChecks(loop);
        dashboard = new Dashboard(services, Theme.DARK);
    }

    /** A dashboard that shows these misses. */
    void useMisses(dev.notely.api.Misses misses) {
        services = services.withMisses(misses);
        dashboard = new Dashboard(services, Theme.DARK);
    }

    void advanceSeconds(long seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    void draw() throws IOException {
        dashboard.draw(screen, dashboard.collect());
    }

    /** The screen as text, one string per row. */
    List<String> lines() {
        TerminalSize size = terminal.getTerminalSize();
        List<String> lines = new ArrayList<>();
        for (int row = 0; row < size.getRows(); row++) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < size.getColumns(); col++) {
                line.append(terminal.getCharacter(col, row).getCharacterString());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    String text() {
        return String.join("\n", lines());
    }

    /** The first screen line containing {@code part}, or a failure showing the whole screen. */
    String line(String part) {
        return lines().stream().filter(l -> l.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + part + "' on screen:\n" + text()));
    }

    @Override
    public void close() throws IOException {
        ((ch.qos.logback.classic.Logger) logger).detachAppender(logs);
        screen.stopScreen();
    }
}
