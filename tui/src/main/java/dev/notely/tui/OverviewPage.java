package dev.notely.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import dev.notely.api.BackfillStatus;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.ProxyInfo;
import dev.notely.api.RolloutProgress;
import dev.notely.store.NoteStores;
import dev.notely.telemetry.ApiKey;
import dev.notely.telemetry.ConsistencyMiss;
import dev.notely.telemetry.MetricRow;
import dev.notely.telemetry.MissActivity;
import dev.notely.telemetry.RequestMetrics;
import dev.notely.telemetry.StatsSnapshot;
import dev.notely.telemetry.Status;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Page 1: requests, data-store access, note counts, consistency misses and deployments. */
final class OverviewPage {

    /** From this width on, the page uses two columns. */
    static final int WIDE = 150;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private OverviewPage() {
    }

    static void render(Canvas c, int top, int bottom, DashboardData d, ViewState state) {
        state.tablePages = 1;
        // A short terminal gives the tables the blank lines between sections.
        int gap = bottom - top < 28 ? 0 : 1;
        if (c.width >= WIDE) {
            int half = c.width / 2;
            int row = summary(c, 1, top, half - 2, d, state, gap);
            table(c, 1, row + gap, half - 2, bottom - row - gap, "API requests", apiColumns(), apiRows(c, d.stats()), state);
            int right = half + 1;
            List<Table.Row> storeRows = storeRows(c, d.stats());
            // The store table takes the rows it needs, up to three fifths; the proxy table follows right under it.
            int storeHeight = Math.min(storeRows.size() + 2, (bottom - top) * 3 / 5);
            table(c, right, top, c.width - right - 1, storeHeight, "Data-store access", accessColumns("store"), storeRows, state);
            table(c, right, top + storeHeight + 1, c.width - right - 1, bottom - top - storeHeight - 1,
                    "Data-proxy access", accessColumns("version"), proxyRows(c, d.stats()), state);
        } else {
            int width = c.width - 2;
            int row = summary(c, 1, top, width, d, state, gap);
            int left = bottom - row - gap;
            int apiHeight = Math.max(3, (left - gap) / 2);
            table(c, 1, row + gap, width, apiHeight, "API requests", apiColumns(), apiRows(c, d.stats()), state);
            // One column has room for one more table: t switches between the stores and the proxies.
            int second = row + gap + apiHeight + gap;
            if (state.showProxyTable) {
                table(c, 1, second, width, bottom - second, "Data-proxy access (t: stores)", accessColumns("version"),
                        proxyRows(c, d.stats()), state);
            } else {
                table(c, 1, second, width, bottom - second, "Data-store access (t: proxies)", accessColumns("store"),
                        storeRows(c, d.stats()), state);
            }
        }
        state.tablePage = Math.min(state.tablePage, state.tablePages - 1);
    }

    /** Notes, misses and the deployment panel; returns the next free row. */
    private static int summary(Canvas c, int col, int row, int width, DashboardData d, ViewState state, int gap) {
        StatsSnapshot s = d.stats();
        Health health = Health.of(d);
        int x = c.text(col, row, "Notes     ", width, c.theme.dim);
        for (String store : NoteStores.NAMES) {
            x = c.text(x, row, store + " ", col + width - x, c.theme.text);
            String count = String.format(Locale.ROOT, "%,d", s.noteCounts().getOrDefault(store, 0L));
            if (health.failingStores().contains(store)) { // its calls fail right now: its server may be out of reach
                x = c.text(x, row, count + " ✗", col + width - x, c.theme.bad, SGR.BOLD);
                x = c.text(x, row, "   ", col + width - x, c.theme.text);
            } else {
                x = c.text(x, row, count + "   ", col + width - x, c.theme.accent, SGR.BOLD);
            }
        }
        row++;
        row = misses(c, col, row, width, s, d.missActivity());
        row = latestDiagnosis(c, col, row, width, d);
        row = shadowReads(c, col, row, width, s);
        row = failed(c, col, row, width, health);
        row = backfill(c, col, row, width, d.backfill());
        row = ExerciseLine.render(c, col, row, width, d.checks());
        row += gap;
        return deployments(c, col, row, width, d, state);
    }

    /** Why the latest miss happened, in one line (the misses page, 5, has its timeline). Returns the next free row. */
    private static int latestDiagnosis(Canvas c, int col, int row, int width, DashboardData d) {
        if (d.misses().isEmpty() || d.stats().totalMisses() == 0) {
            return row;
        }
        String line = "why: " + d.misses().get(0).diagnosis() + " (5: timeline)";
        List<String> lines = Wrap.lines(line, width - 10);
        for (String l : lines.subList(0, Math.min(2, lines.size()))) {
            c.text(col + 10, row++, l, width - 10, c.theme.bad);
        }
        return row;
    }

    /**
     * The misses, how recent they are (so misses still being made stand out from those of a bug already
     * fixed) and their kinds, on a second line when one is too narrow. Returns the next free row.
     */
    private static int misses(Canvas c, int col, int row, int width, StatsSnapshot s, MissActivity activity) {
        long misses = s.totalMisses();
        int x = c.text(col, row, "Misses    ", width, c.theme.dim);
        if (misses == 0) {
            x = c.text(x, row, "0 ✓", col + width - x, c.theme.good, SGR.BOLD);
        } else {
            x = c.text(x, row, " " + misses + (misses == 1 ? " CONSISTENCY MISS " : " CONSISTENCY MISSES "), col + width - x, c.theme.bad, SGR.BOLD, SGR.REVERSE);
            String recent = activity.perMinute() + "/min"
                    + activity.sinceLast().map(ago -> " · last " + Format.ago(ago) + " ago").orElse("");
            x = c.text(x + 2, row, recent, col + width - x - 2, activity.perMinute() > 0 ? c.theme.bad : c.theme.dim);
        }
        StringBuilder kinds = new StringBuilder();
        for (ConsistencyMiss kind : ConsistencyMiss.values()) {
            kinds.append(kinds.length() > 0 ? " · " : "").append(kind.label()).append(' ').append(s.misses(kind));
        }
        if (x + 3 + kinds.length() > col + width) {
            row++;
            x = col + 7;
        }
        c.text(x + 3, row, kinds.toString(), col + width - x - 3, misses == 0 ? c.theme.dim : c.theme.bad);
        return row + 1;
    }

    /**
     * How often a shadow read agreed with the answer given (exercise 3), and where it did not; no line
     * before the first shadow read. Returns the next free row.
     */
    private static int shadowReads(Canvas c, int col, int row, int width, StatsSnapshot s) {
        OptionalDouble consistency = s.shadowConsistency();
        if (consistency.isEmpty()) {
            return row;
        }
        long all = s.shadowReads().values().stream().mapToLong(Long::longValue).sum();
        boolean perfect = s.shadowReads("match") == all;
        int x = c.text(col, row, "Shadow    ", width, c.theme.dim);
        x = c.text(x, row, String.format(Locale.ROOT, "%.1f %% consistent", 100 * consistency.getAsDouble()),
                col + width - x, perfect ? c.theme.good : c.theme.bad, SGR.BOLD);
        StringBuilder detail = new StringBuilder(String.format(Locale.ROOT, "%,d reads", all));
        s.shadowReads().forEach((key, count) -> {
            if (!key.endsWith(":match") && count > 0) {
                detail.append(" · ").append(key.replace(":", " ")).append(' ').append(count);
            }
        });
        c.text(x + 3, row, detail.toString(), col + width - x - 3, perfect ? c.theme.dim : c.theme.bad);
        return row + 1;
    }

    /** Requests that got no answer to check: 5xx, and 4xx other than 404. Returns the next free row. */
    private static int failed(Canvas c, int col, int row, int width, Health health) {
        int x = c.text(col, row, "Failed    ", width, c.theme.dim);
        if (health.failed() == 0) {
            c.text(x, row, "0 ✓", col + width - x, c.theme.good, SGR.BOLD);
        } else {
            x = c.text(x, row, " " + Format.count(health.failed()) + (health.failed() == 1 ? " FAILED REQUEST " : " FAILED REQUESTS "),
                    col + width - x, c.theme.bad, SGR.BOLD, SGR.REVERSE);
            c.text(x + 2, row, Format.rate(health.failedPerMinute()) + "/min   5xx, and 4xx other than 404",
                    col + width - x - 2, health.failedPerMinute() > 0 ? c.theme.bad : c.theme.dim);
        }
        return row + 1;
    }

    /**
     * The backfill in one line: its state, a bar of the notes moved out of moved plus left, then the rate
     * and the time left; or, when it cannot go on, why. Returns the next free row.
     */
    private static int backfill(Canvas c, int col, int row, int width, Optional<BackfillStatus> status) {
        if (status.isEmpty()) {
            return row;
        }
        BackfillStatus b = status.get();
        int end = col + width;
        int x = c.text(col, row, "Backfill  ", width, c.theme.dim);
        switch (b.state()) {
            case IDLE -> {
                x = c.text(x, row, "not started", end - x, c.theme.text);
                c.text(x, row, String.format(Locale.ROOT, "   b starts it at %,d notes/s", b.rate()), end - x, c.theme.dim);
                return row + 1;
            }
            case UNSUPPORTED -> {
                x = c.text(x, row, "waiting  ", end - x, c.theme.warn, SGR.BOLD);
                c.text(x, row, b.message().orElse("this DataProxy has no backfill") + ": it goes on once a deployed"
                        + " version has one", end - x, c.theme.warn);
                return row + 1;
            }
            case FAILING -> {
                // Why comes first: the figures matter less than what stops them.
                x = c.text(x, row, "failing  ", end - x, c.theme.bad, SGR.BOLD);
                x = c.text(x, row, b.message().orElse("the last page failed"), end - x, c.theme.bad);
                c.text(x, row, " · " + Format.count(b.moved()) + " moved · " + Format.count(b.left()) + " left", end - x,
                        c.theme.text);
                return row + 1;
            }
            default -> { }
        }
        TextColor color = switch (b.state()) {
            case DONE -> c.theme.good;
            case PAUSED -> c.theme.warn;
            default -> c.theme.accent;
        };
        x = c.text(x, row, b.state().word(), end - x, color, SGR.BOLD);
        int barWidth = Math.max(10, Math.min(24, width / 5));
        int filled = (int) Math.floor(b.fraction() * barWidth);
        x = c.text(x + 1, row, "[" + "█".repeat(filled) + "░".repeat(barWidth - filled) + "]", end - x - 1, color);
        x = c.text(x + 1, row, String.format(Locale.ROOT, "%3.0f %%", Math.floor(b.fraction() * 100)), end - x - 1,
                c.theme.text);
        x = c.text(x, row, "  " + Format.count(b.moved()) + " moved · " + Format.count(b.left()) + " left", end - x,
                c.theme.text);
        if (b.active()) {
            x = c.text(x, row, String.format(Locale.ROOT, "  %,.0f/s", b.notesPerSecond()), end - x, c.theme.accent,
                    SGR.BOLD);
            boolean backingOff = b.effectiveRate() < b.rate();
            String limit = backingOff
                    ? String.format(Locale.ROOT, " (users slow: %,.0f of %,d)", b.effectiveRate(), b.rate())
                    : String.format(Locale.ROOT, " of %,d", b.rate());
            x = c.text(x, row, limit, end - x, backingOff ? c.theme.warn : c.theme.dim);
            if (b.etaSeconds().isPresent() && b.left() > 0) {
                c.text(x, row, "  " + Format.duration(b.etaSeconds().getAsLong()) + " left", end - x, c.theme.text);
            }
        } else {
            c.text(x, row, String.format(Locale.ROOT, "  rate %,d/s", b.rate()), end - x, c.theme.dim);
        }
        return row + 1;
    }

    private static int deployments(Canvas c, int col, int row, int width, DashboardData d, ViewState state) {
        c.title(col, row++, "Deployment", width);
        DeploymentState dep = d.deployment();
        int x = c.text(col, row, "status    ", width, c.theme.dim);
        TextColor statusColor = dep.status() == DeploymentStatus.READY ? c.theme.good : c.theme.warn;
        x = c.text(x, row, DeploymentWords.status(dep, state.deploying), col + width - x, statusColor, SGR.BOLD);
        Optional<RolloutProgress> progress = dep.progress();
        if (progress.isPresent()) {
            RolloutProgress p = progress.get();
            int barWidth = Math.max(10, Math.min(30, col + width - x - 16));
            int filled = (int) Math.round(p.fraction() * barWidth);
            x = c.text(x + 2, row, "[" + "█".repeat(filled) + "░".repeat(barWidth - filled) + "]", col + width - x - 2, c.theme.accent);
            c.text(x + 1, row, p.secondsLeft() + " s left", col + width - x - 1, c.theme.text);
        }
        row++;
        row = proxyLine(c, col, row, width, "current   ", dep.current(), d.stats());
        if (dep.previous().isPresent()) {
            row = proxyLine(c, col, row, width, "previous  ", dep.previous(), d.stats());
        }
        if (dep.lastError().isPresent()) {
            c.text(col, row, "error", width, c.theme.dim);
            for (String line : wrap(dep.lastError().get(), width - 10, 3)) {
                c.text(col + 10, row++, line, width - 10, c.theme.bad);
            }
        }
        // The feedback of d after a failed deployment repeats the error just above: show it once.
        Optional<ViewState.Message> message = state.message(dep);
        boolean repeatsError = message.isPresent() && dep.lastError().map(message.get().text()::endsWith).orElse(false);
        if (message.isPresent() && !repeatsError) {
            c.text(col, row++, message.get().text(), width, message.get().error() ? c.theme.bad : c.theme.accent);
        }
        return row;
    }

    private static int proxyLine(Canvas c, int col, int row, int width, String label, Optional<ProxyInfo> info,
                                 StatsSnapshot stats) {
        int x = c.text(col, row, label, width, c.theme.dim);
        if (info.isEmpty()) {
            c.text(x, row, "none: nothing is deployed (press d)", col + width - x, c.theme.warn);
            return row + 1;
        }
        ProxyInfo p = info.get();
        // Calls that waited for the lock are also counted as calls: leave them out of the rate.
        double rpm = proxyRate(stats, p.version(), Status.SUCCESS) + proxyRate(stats, p.version(), Status.ERROR);
        double waited = proxyRate(stats, p.version(), Status.CONTENTION);
        double errors = proxyRate(stats, p.version(), Status.ERROR);
        x = c.text(x, row, "v" + p.version(), col + width - x, c.theme.accent, SGR.BOLD);
        String details = p.pid() == 0 ? "  restarting…" : "  pid " + p.pid() + "  since "
                + (p.startedAt() == null ? "?" : CLOCK.format(p.startedAt()));
        details += "  restarts " + p.restarts() + String.format(Locale.ROOT, "  %,.0f rpm", rpm);
        x = c.text(x, row, details, col + width - x, p.restarts() > 0 ? c.theme.warn : c.theme.text);
        // The proxy's own figures at any width: c = calls that waited for the proxy's lock, ✗ = calls that failed.
        x = c.text(x, row, "  c " + Format.rate(waited), col + width - x, waited > 0 ? c.theme.warn : c.theme.dim);
        c.text(x, row, "  ✗ " + Format.rate(errors), col + width - x, errors > 0 ? c.theme.bad : c.theme.dim);
        return row + 1;
    }

    /**
     * A table with its title; rows that do not fit are paged with j/k (PgDn/PgUp), the title saying which
     * rows are shown. Errors sort first, so the first page always shows them.
     */
    /** Calls per minute to one proxy version with one outcome. */
    private static double proxyRate(StatsSnapshot stats, int version, Status status) {
        return stats.proxy().stream().filter(r -> r.key().version() == version && r.key().status() == status)
                .mapToDouble(r -> r.metrics().requestsPerMin()).sum();
    }

    private static void table(Canvas c, int col, int row, int width, int height, String title,
                              List<Table.Column> columns, List<Table.Row> rows, ViewState state) {
        if (height < 2) {
            return;
        }
        c.title(col, row, title, width);
        if (rows.isEmpty()) {
            c.text(col, row + 1, "no requests yet", width, c.theme.dim);
            return;
        }
        int perPage = Math.max(1, height - 2);
        int pages = (rows.size() + perPage - 1) / perPage;
        state.tablePages = Math.max(state.tablePages, pages);
        int page = Math.min(state.tablePage, pages - 1);
        int from = page * perPage;
        List<Table.Row> shown = rows.subList(from, Math.min(rows.size(), from + perPage));
        Table.draw(c, col, row + 1, width, height - 1, columns, shown);
        if (pages > 1) {
            String where = " " + (from + 1) + "–" + (from + shown.size()) + " of " + rows.size() + " · j/k ";
            c.text(col + width - where.length() - 2, row, where, where.length(), c.theme.dim);
        }
    }

    private static List<Table.Column> apiColumns() {
        return List.of(Table.Column.text("method", 6, 1), Table.Column.flex("route", 12, 48),
                Table.Column.number("status", 6, 1), Table.Column.number("total", 8, 2),
                Table.Column.number("rpm", 7, 1), Table.Column.number("p95 ms", 7, 2));
    }

    /** Failed requests first, then the note routes the exercises change, then the rest. */
    static List<MetricRow<ApiKey>> apiOrder(List<MetricRow<ApiKey>> rows) {
        return rows.stream().sorted(Comparator.comparingInt(r -> Health.failed(r.key()) ? 0
                : r.key().route().contains("/notes") ? 1 : 2)).toList();
    }

    private static List<Table.Row> apiRows(Canvas c, StatsSnapshot s) {
        List<Table.Row> rows = new ArrayList<>();
        for (MetricRow<ApiKey> r : apiOrder(s.api())) {
            ApiKey k = r.key();
            TextColor color = Health.failed(k) ? c.theme.bad : k.status() >= 400 ? c.theme.warn : c.theme.text;
            rows.add(new Table.Row(cells(List.of(k.method(), k.route(), String.valueOf(k.status())), r.metrics()), color));
        }
        return rows;
    }

    /** Columns of the store and proxy tables, which differ only in what the first column names. */
    private static List<Table.Column> accessColumns(String first) {
        return List.of(Table.Column.text(first, 7, 0), Table.Column.flex("operation", 11, 16),
                Table.Column.text("", 1, 0), Table.Column.number("total", 8, 2),
                Table.Column.number("rpm", 7, 1), Table.Column.number("p95 ms", 7, 2));
    }

    private static List<Table.Row> storeRows(Canvas c, StatsSnapshot s) {
        return s.store().stream()
                .sorted(Comparator.comparing(r -> r.key().status() != Status.ERROR))
                .map(r -> accessRow(c, r.key().store(), r.key().operation(), r.key().status(), r.metrics()))
                .toList();
    }

    private static List<Table.Row> proxyRows(Canvas c, StatsSnapshot s) {
        return s.proxy().stream()
                .sorted(Comparator.comparing(r -> r.key().status() != Status.ERROR))
                .map(r -> accessRow(c, "v" + r.key().version(), r.key().operation(), r.key().status(), r.metrics()))
                .toList();
    }

    private static Table.Row accessRow(Canvas c, String first, String operation, Status status, RequestMetrics m) {
        return new Table.Row(cells(List.of(first, operation, glyph(status)), m), color(c, status));
    }

    private static List<String> cells(List<String> key, RequestMetrics m) {
        List<String> cells = new ArrayList<>(key);
        cells.add(String.format(Locale.ROOT, "%,d", m.totalCount()));
        cells.add(String.format(Locale.ROOT, "%,.0f", m.requestsPerMin()));
        cells.add(String.format(Locale.ROOT, "%.1f", m.durationP95()));
        return cells;
    }

    private static String glyph(Status status) {
        return switch (status) {
            case SUCCESS -> "✓";
            case CONTENTION -> "c";
            case ERROR -> "✗";
        };
    }

    private static TextColor color(Canvas c, Status status) {
        return switch (status) {
            case SUCCESS -> c.theme.text;
            case CONTENTION -> c.theme.warn;
            case ERROR -> c.theme.bad;
        };
    }

    /** Splits text into at most {@code lines} lines of {@code width}, the last one cut with an ellipsis. */
    static List<String> wrap(String text, int width, int lines) {
        List<String> out = new ArrayList<>();
        String rest = text.replace('\n', ' ').strip();
        while (!rest.isEmpty() && out.size() < lines && width > 0) {
            if (rest.length() <= width) {
                out.add(rest);
                rest = "";
            } else if (out.size() == lines - 1) {
                out.add(Canvas.fit(rest, width));
                rest = "";
            } else {
                // Break at a space, or else after a slash so a long path stays readable.
                int cut = Math.max(rest.lastIndexOf(' ', width), rest.lastIndexOf('/', width - 1) + 1);
                cut = cut <= width / 3 ? width : cut;
                out.add(rest.substring(0, cut).strip());
                rest = rest.substring(cut).strip();
            }
        }
        return out;
    }
}
