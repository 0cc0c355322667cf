package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.telemetry.ConsistencyMiss;
import dev.notely.telemetry.StatsJson;
import dev.notely.telemetry.StatsSnapshot;
import dev.notely.telemetry.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} is well-formed OpenMetrics text, named by Prometheus' rules, and says what {@code /stats} says. */
class OpenMetricsTest {

    @TempDir
    Path dir;
    private RestFixture api;

    @BeforeEach
    void start() {
        api = new RestFixture(dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** One sample line: metric name, labels in order, value. */
    record Sample(String name, Map<String, String> labels, String value) {
    }

    /** One metric family: its metadata and samples. */
    static final class Family {
        final String name;
        String type;
        String help;
        String unit;
        final List<Sample> samples = new ArrayList<>();

        Family(String name) {
            this.name = name;
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern META = Pattern.compile("# (TYPE|HELP|UNIT) (" + NAME + ") (.*)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:\\\\[\\\\\"n]|[^\"\\\\\\n])*)\"(,|$)");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|NaN|Inf)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "summary", "histogram", "info", "stateset", "unknown");

    /** A small OpenMetrics text parser, strict about what the kit must get right. */
    static Map<String, Family> parse(String text) {
        assertTrue(text.endsWith("# EOF\n"), "ends with # EOF: " + text);
        String[] lines = text.substring(0, text.length() - "# EOF\n".length()).split("\n", -1);
        assertEquals("", lines[lines.length - 1], "every line ends with a newline");
        Map<String, Family> families = new LinkedHashMap<>();
        Family current = null;
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            assertFalse(line.isEmpty(), "no blank lines (line " + (i + 1) + ")");
            if (line.startsWith("#")) {
                Matcher m = META.matcher(line);
                assertTrue(m.matches(), "a TYPE, HELP or UNIT line: " + line);
                if (current == null || !current.name.equals(m.group(2))) {
                    assertFalse(families.containsKey(m.group(2)), "a family's lines are together: " + m.group(2));
                    current = new Family(m.group(2));
                    families.put(current.name, current);
                }
                assertTrue(current.samples.isEmpty(), "metadata comes before samples: " + line);
                switch (m.group(1)) {
                    case "TYPE" -> {
                        assertTrue(TYPES.contains(m.group(3)), line);
                        current.type = m.group(3);
                    }
                    case "HELP" -> current.help = m.group(3);
                    default -> current.unit = m.group(3);
                }
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "a sample line: " + line);
            assertTrue(current != null && belongsTo(m.group(1), current), m.group(1) + " belongs to the family above it");
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                int at = 0;
                while (at < m.group(2).length()) {
                    assertTrue(l.find(at) && l.start() == at, "label syntax in " + line);
                    assertTrue(labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n")
                            .replace("\\\\", "\\")) == null, "no repeated label in " + line);
                    at = l.end();
                }
            }
            assertTrue(NUMBER.matcher(m.group(3)).matches(), "a number: " + line);
            current.samples.add(new Sample(m.group(1), labels, m.group(3)));
        }
        for (Family f : families.values()) {
            assertTrue(f.type != null && f.help != null, "TYPE and HELP for " + f.name);
        }
        return families;
    }

    private static boolean belongsTo(String sample, Family family) {
        return switch (family.type) {
            case "counter" -> sample.equals(family.name + "_total");
            case "summary" -> sample.equals(family.name) || sample.equals(family.name + "_count")
                    || sample.equals(family.name + "_sum");
            default -> sample.equals(family.name);
        };
    }

    @Test
    void metricsAreOpenMetricsTextThatMatchesStats() throws Exception {
        String account = api.send("POST", "/accounts", "{\"name\":\"Ada \\\"the\\\" \\\\first\"}").json()
                .getAsJsonObject().get("id").getAsString();
        api.send("POST", "/accounts/" + account + "/notes", "{\"content\":\"x\"}");
        api.get("/accounts/" + account + "/notes");
        api.get("/accounts/" + account + "/notes/" + UUID.randomUUID());
        api.get("/nowhere");
        api.stats.recordProxyAccess("GetNote", Status.SUCCESS, 3, 2_500_000);
        api.stats.recordProxyAccess("GetNote", Status.CONTENTION, 4, 1_000_000);
        api.stats.recordStoreAccess("createNote", Status.ERROR, "legacy", 700_000);
        api.stats.setNoteCount("legacy", 41);
        api.stats.setNoteCount("new", 1);
        api.stats.recordMiss(ConsistencyMiss.STALE);
        api.stats.recordMiss(ConsistencyMiss.STALE);
        // A request is counted once its answer is complete, which may be just after the client has it.
        waitForApiRequests(5);

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.base() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        StatsSnapshot stats = StatsJson.fromJson(api.get("/stats").body());

        assertEquals(200, metrics.statusCode());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                metrics.headers().firstValue("Content-Type").orElse(""));
        Map<String, Family> families = parse(metrics.body());
        for (Family f : families.values()) {
            assertTrue(f.name.startsWith("notely_"), f.name);
            assertFalse(f.name.endsWith("_total"), "a counter family's name has no _total: " + f.name);
            assertFalse(f.name.contains("millis") || f.name.endsWith("_ms"), "base units: " + f.name);
            if (f.unit != null) {
                assertTrue(f.name.endsWith("_" + f.unit), "the unit ends the name: " + f.name);
            }
        }
        assertEquals(List.of("notely_api_requests", "notely_api_request_duration_seconds", "notely_proxy_calls",
                "notely_proxy_call_duration_seconds", "notely_store_calls", "notely_store_call_duration_seconds",
                "notely_store_notes", "notely_consistency_misses", "notely_shadow_reads"), List.copyOf(families.keySet()));
        assertEquals("counter", families.get("notely_api_requests").type);
        assertEquals("counter", families.get("notely_shadow_reads").type);
        assertEquals("summary", families.get("notely_api_request_duration_seconds").type);
        assertEquals("seconds", families.get("notely_api_request_duration_seconds").unit);
        assertEquals("gauge", families.get("notely_store_notes").type);

        // Everything but the two requests made after the scrape (/metrics itself, then /stats).
        Map<String, Long> apiTotals = new TreeMap<>();
        stats.api().stream().filter(r -> !r.key().route().equals("/metrics") && !r.key().route().equals("/stats"))
                .forEach(r -> apiTotals.put(r.key().method() + " " + r.key().route() + " " + r.key().status(),
                        r.metrics().totalCount()));
        assertEquals(5, apiTotals.size(), apiTotals.toString());
        assertEquals(apiTotals, totals(families.get("notely_api_requests"), "method", "route", "status"));
        Map<String, Long> proxyTotals = new TreeMap<>();
        stats.proxy().forEach(r -> proxyTotals.put(r.key().operation() + " " + r.key().status() + " " + r.key().version(),
                r.metrics().totalCount()));
        assertEquals(Map.of("GetNote SUCCESS 3", 1L, "GetNote CONTENTION 4", 1L), proxyTotals);
        assertEquals(proxyTotals, totals(families.get("notely_proxy_calls"), "operation", "status", "version"));
        Map<String, Long> storeTotals = new TreeMap<>();
        stats.store().forEach(r -> storeTotals.put(r.key().operation() + " " + r.key().status() + " " + r.key().store(),
                r.metrics().totalCount()));
        assertEquals(storeTotals, totals(families.get("notely_store_calls"), "operation", "status", "store"));
        assertEquals(stats.noteCounts(), totals(families.get("notely_store_notes"), "store"));
        assertEquals(stats.misses(), totals(families.get("notely_consistency_misses"), "kind"));
        assertEquals(2L, stats.misses(ConsistencyMiss.STALE));

        // Each table row has its p95, in seconds, as the summary's 0.95 quantile.
        Family proxyDurations = families.get("notely_proxy_call_duration_seconds");
        assertEquals(2, proxyDurations.samples.size());
        for (Sample s : proxyDurations.samples) {
            assertEquals("0.95", s.labels().get("quantile"));
            double seconds = Double.parseDouble(s.value());
            double expected = s.labels().get("version").equals("3") ? 0.0025 : 0.001;
            assertEquals(expected, seconds, 1e-9, s.toString());
        }
        Set<String> routes = new HashSet<>();
        families.get("notely_api_request_duration_seconds").samples.forEach(s -> routes.add(s.labels().get("route")));
        assertTrue(routes.contains("/accounts/{accountId}/notes/{noteId}"), "route patterns, not paths: " + routes);
    }

    @Test
    void labelValuesAreEscaped() {
        api.stats.setNoteCount("odd \"name\" with \\ and\nnewline", 3);
        Map<String, Family> families = parse(api.get("/metrics").body());
        assertEquals(Map.of("odd \"name\" with \\ and\nnewline", 3L), totals(families.get("notely_store_notes"), "store"));
    }

    private void waitForApiRequests(long expected) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (api.stats.snapshot().api().stream().mapToLong(r -> r.metrics().totalCount()).sum() < expected) {
            assertTrue(System.nanoTime() < deadline, "the requests to be counted: " + api.stats.snapshot().api());
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // polling interval
        }
    }

    /** The family's samples by their labels' values (joined by spaces), values as whole numbers. */
    private static Map<String, Long> totals(Family family, String... labels) {
        Map<String, Long> totals = new TreeMap<>();
        for (Sample s : family.samples) {
            assertEquals(List.of(labels), List.copyOf(s.labels().keySet()), s.toString());
            List<String> key = new ArrayList<>();
            for (String label : labels) {
                key.add(s.labels().get(label));
            }
            assertTrue(totals.put(String.join(" ", key), Long.parseLong(s.value())) == null, "one sample per key: " + s);
        }
        return totals;
    }
}
