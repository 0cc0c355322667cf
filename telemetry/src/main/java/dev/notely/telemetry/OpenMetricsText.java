package dev.notely.telemetry;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link StatsSnapshot} in the OpenMetrics text format, for Prometheus and other scrapers: the same
 * figures as {@code GET /stats}, named by Prometheus' conventions ({@code notely_} prefix, seconds, counters
 * ending in {@code _total}). Labels are the keys of the tables, all of few values: routes are patterns,
 * never concrete paths.
 *
 * <p>Rates are left to the scraper ({@code rate(notely_api_requests_total[1m])}); the 95th percentile of the
 * last {@value StatsCollector#WINDOW_SECONDS} s, which a scraper cannot derive, is a summary's quantile.
 */
public final class OpenMetricsText {

    public static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static final String WINDOW = "over the last " + StatsCollector.WINDOW_SECONDS + " s";

    private OpenMetricsText() {
    }

    public static String format(StatsSnapshot snapshot) {
        StringBuilder out = new StringBuilder(4096);
        requests(out, "notely_api_requests", "notely_api_request_duration_seconds", "API requests answered",
                snapshot.api(), key -> new String[] {"method", key.method(), "route", key.route(),
                        "status", String.valueOf(key.status())});
        requests(out, "notely_proxy_calls", "notely_proxy_call_duration_seconds", "Calls to the data proxies",
                snapshot.proxy(), key -> new String[] {"operation", key.operation(), "status", key.status().name(),
                        "version", String.valueOf(key.version())});
        requests(out, "notely_store_calls", "notely_store_call_duration_seconds", "Calls to the data stores",
                snapshot.store(), key -> new String[] {"operation", key.operation(), "status", key.status().name(),
                        "store", key.store()});
        family(out, "notely_store_notes", "gauge", null, "Notes held by each store.");
        snapshot.noteCounts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(count ->
                sample(out, "notely_store_notes", new String[] {"store", count.getKey()}, Long.toString(count.getValue())));
        family(out, "notely_consistency_misses", "counter", null,
                "Wrong answers the simulated users noticed, by kind (stale, missing, resurrected).");
        for (ConsistencyMiss kind : ConsistencyMiss.values()) {
            sample(out, "notely_consistency_misses_total", new String[] {"kind", kind.label()},
                    Long.toString(snapshot.misses(kind)));
        }
        family(out, "notely_shadow_reads", "counter", null,
                "Reads repeated on the store that is not authoritative, by store and outcome (match, mismatch, error).");
        snapshot.shadowReads().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String[] storeAndOutcome = entry.getKey().split(":", 2);
            sample(out, "notely_shadow_reads_total", new String[] {"store", storeAndOutcome[0], "outcome",
                    storeAndOutcome[1]}, Long.toString(entry.getValue()));
        });
        return out.append("# EOF\n").toString();
    }

    private static <K> void requests(StringBuilder out, String counter, String duration, String what,
                                     List<MetricRow<K>> rows, Function<K, String[]> labels) {
        family(out, counter, "counter", null, what + ", since the kit started.");
        for (MetricRow<K> row : rows) {
            sample(out, counter + "_total", labels.apply(row.key()), Long.toString(row.metrics().totalCount()));
        }
        family(out, duration, "summary", "seconds", what + ": 95th percentile of the duration " + WINDOW + ".");
        for (MetricRow<K> row : rows) {
            String[] keyLabels = labels.apply(row.key());
            String[] withQuantile = Arrays.copyOf(keyLabels, keyLabels.length + 2);
            withQuantile[keyLabels.length] = "quantile";
            withQuantile[keyLabels.length + 1] = "0.95";
            sample(out, duration, withQuantile, seconds(row.metrics().durationP95()));
        }
    }

    private static void family(StringBuilder out, String name, String type, String unit, String help) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        if (unit != null) {
            out.append("# UNIT ").append(name).append(' ').append(unit).append('\n');
        }
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    }

    /** @param labels names and values, alternating */
    private static void sample(StringBuilder out, String name, String[] labels, String value) {
        out.append(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"");
            escape(out, labels[i + 1]);
            out.append('"');
        }
        out.append("} ").append(value).append('\n');
    }

    private static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    /** Milliseconds as seconds, in plain decimal notation. */
    private static String seconds(double millis) {
        if (!Double.isFinite(millis)) {
            return "NaN";
        }
        return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
