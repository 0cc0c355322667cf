package dev.notely.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatsCollectorTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final StatsCollector stats = new StatsCollector(clock::get);

    private void advanceMillis(long millis) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private RequestMetrics apiMetrics() {
        List<MetricRow<ApiKey>> rows = stats.snapshot().api();
        assertEquals(1, rows.size(), "one API key recorded");
        return rows.get(0).metrics();
    }

    @Test
    void recentApiIsOneP95OverTheChosenRoutesTogether() {
        assertEquals(new StatsCollector.WindowFigures(0, 0), stats.recentApi(k -> true));
        // 19 fast reads and one slow list: each key's own p95 would be 1 ms and 90 ms.
        for (int i = 0; i < 19; i++) {
            stats.recordApiRequest("GET", "/accounts/{accountId}/notes/{noteId}", 200, ms(1));
        }
        stats.recordApiRequest("GET", "/accounts/{accountId}/notes", 200, ms(90));
        stats.recordApiRequest("GET", "/backfill", 200, ms(500));
        StatsCollector.WindowFigures users = stats.recentApi(k -> k.route().startsWith("/accounts"));
        assertEquals(20, users.count());
        assertEquals(1.0, users.p95Millis(), 1e-9, "the 19th of 20 sorted durations");
        stats.recordApiRequest("PUT", "/accounts/{accountId}/notes/{noteId}", 200, ms(40));
        assertEquals(40.0, stats.recentApi(k -> k.route().startsWith("/accounts")).p95Millis(), 1e-9);
        assertEquals(90.0, stats.recentApi(k -> true).p95Millis(), 1e-9, "22 requests: the 21st");
        advanceMillis(TimeUnit.SECONDS.toMillis(StatsCollector.WINDOW_SECONDS));
        assertEquals(new StatsCollector.WindowFigures(0, 0), stats.recentApi(k -> true), "only the last window counts");
    }

    @Test
    void rateIsWindowCountTimesTwelve() {
        for (int i = 0; i < 10; i++) {
            stats.recordApiRequest("GET", "/accounts", 200, ms(1));
            advanceMillis(100);
        }
        RequestMetrics m = apiMetrics();
        assertEquals(10, m.totalCount());
        assertEquals(120.0, m.requestsPerMin(), 1e-9);
    }

    @Test
    void samplesOlderThanTheWindowLeaveRateButNotTotal() {
        for (int i = 0; i < 5; i++) {
            stats.recordApiRequest("GET", "/accounts", 200, ms(1));
        }
        advanceMillis(4_000);
        for (int i = 0; i < 3; i++) {
            stats.recordApiRequest("GET", "/accounts", 200, ms(1));
        }
        advanceMillis(1_500); // the first five are now 5.5 s old, the last three 1.5 s
        RequestMetrics m = apiMetrics();
        assertEquals(8, m.totalCount());
        assertEquals(36.0, m.requestsPerMin(), 1e-9);

        advanceMillis(5_000);
        RequestMetrics idle = apiMetrics();
        assertEquals(8, idle.totalCount());
        assertEquals(0.0, idle.requestsPerMin(), 1e-9);
        assertEquals(0.0, idle.durationP95(), 1e-9);
    }

    @Test
    void p95IsNearestRankOverTheWindow() {
        for (int i = 1; i <= 100; i++) {
            stats.recordApiRequest("GET", "/accounts", 200, ms(i));
        }
        assertEquals(95.0, apiMetrics().durationP95(), 1e-9);

        advanceMillis(5_000);
        stats.recordApiRequest("GET", "/accounts", 200, ms(7));
        stats.recordApiRequest("GET", "/accounts", 200, ms(3));
        assertEquals(7.0, apiMetrics().durationP95(), 1e-9, "old samples no longer count");
    }

    @Test
    void keysAreSeparate() {
        stats.recordApiRequest("GET", "/accounts", 200, ms(1));
        stats.recordApiRequest("GET", "/accounts", 404, ms(1));
        stats.recordStoreAccess("getNote", Status.SUCCESS, "legacy", ms(1));
        stats.recordStoreAccess("getNote", Status.ERROR, "legacy", ms(1));
        stats.recordStoreAccess("getNote", Status.SUCCESS, "new", ms(1));
        stats.recordProxyAccess("GetNote", Status.CONTENTION, 2, ms(1));
        StatsSnapshot s = stats.snapshot();
        assertEquals(2, s.api().size());
        assertEquals(3, s.store().size());
        assertEquals(new ProxyKey("GetNote", Status.CONTENTION, 2), s.proxy().get(0).key());
    }

    @Test
    void importsFromTwoSourcesAreSummedAndReplacedPerSource() {
        StatsCollector v1 = new StatsCollector(clock::get);
        StatsCollector v2 = new StatsCollector(clock::get);
        for (int i = 0; i < 3; i++) {
            v1.recordStoreAccess("getNote", Status.SUCCESS, "legacy", ms(2));
        }
        v2.recordStoreAccess("getNote", Status.SUCCESS, "legacy", ms(9));
        v2.recordStoreAccess("createNote", Status.SUCCESS, "new", ms(1));
        stats.recordStoreAccess("getNote", Status.SUCCESS, "legacy", ms(1));

        stats.importSnapshot("v1", v1.export());
        stats.importSnapshot("v2", v2.export());
        StatsSnapshot s = stats.snapshot();
        RequestMetrics legacyGets = find(s, "getNote", "legacy");
        assertEquals(5, legacyGets.totalCount());
        assertEquals(5 * 12.0, legacyGets.requestsPerMin(), 1e-9);
        assertEquals(9.0, legacyGets.durationP95(), 1e-9);
        assertEquals(1, find(s, "createNote", "new").totalCount());

        // A newer export from v1 replaces its previous one rather than adding to it.
        v1.recordStoreAccess("getNote", Status.SUCCESS, "legacy", ms(2));
        stats.importSnapshot("v1", v1.export());
        assertEquals(6, find(stats.snapshot(), "getNote", "legacy").totalCount());
    }

    @Test
    void aSourceThatStopsReportingKeepsTotalsButNotRates() {
        StatsCollector v1 = new StatsCollector(clock::get);
        v1.recordStoreAccess("getNote", Status.SUCCESS, "legacy", ms(2));
        stats.importSnapshot("v1", v1.export());
        advanceMillis(6_000);
        RequestMetrics m = find(stats.snapshot(), "getNote", "legacy");
        assertEquals(1, m.totalCount());
        assertEquals(0.0, m.requestsPerMin(), 1e-9);
    }

    @Test
    void missActivityTellsMissesOfTheLastMinuteAndHowLongAgoTheLatestWas() {
        assertEquals(MissActivity.NONE, stats.missActivity());
        stats.recordMiss(ConsistencyMiss.STALE);
        advanceMillis(30_000);
        stats.recordMiss(ConsistencyMiss.MISSING);
        advanceMillis(12_000);
        assertEquals(new MissActivity(2, Optional.of(Duration.ofSeconds(12))), stats.missActivity());
        advanceMillis(20_000);
        assertEquals(1, stats.missActivity().perMinute(), "the first miss is more than a minute old");
        assertEquals(2, stats.snapshot().totalMisses(), "the total keeps both");
    }

    @Test
    void resetStartsEveryCountAgainIncludingWhatProxiesReported() {
        StatsCollector v1 = new StatsCollector(clock::get);
        v1.recordStoreAccess("getNote", Status.ERROR, "legacy", ms(2));
        v1.recordStoreAccess("getNote", Status.SUCCESS, "legacy", ms(2));
        stats.importSnapshot("v1/42", v1.export());
        stats.recordApiRequest("GET", "/accounts/{accountId}/notes/{noteId}", 500, ms(1));
        stats.recordProxyAccess("GetNote", Status.ERROR, 1, ms(1));
        stats.recordMiss(ConsistencyMiss.STALE);
        stats.setNoteCount("legacy", 7);

        stats.reset();
        advanceMillis(6_000); // past the rate window: only totals are left to show
        StatsSnapshot s = stats.snapshot();
        assertEquals(List.of(), s.api());
        assertEquals(List.of(), s.proxy());
        assertEquals(List.of(), s.store(), "what v1 had reported before the reset no longer counts");
        assertEquals(0, s.totalMisses());
        assertEquals(MissActivity.NONE, stats.missActivity());
        assertEquals(7L, s.noteCounts().get("legacy"), "note counts are not events and stay");

        v1.recordStoreAccess("getNote", Status.SUCCESS, "legacy", ms(2));
        stats.importSnapshot("v1/42", v1.export());
        stats.recordMiss(ConsistencyMiss.MISSING);
        s = stats.snapshot();
        assertEquals(1, find(s, "getNote", "legacy").totalCount(), "counted from the reset on");
        assertEquals(1, s.totalMisses());
    }

    @Test
    void noteCountsAreGaugesAndMissesAreCountedByKind() {
        StatsCollector v1 = new StatsCollector(clock::get);
        v1.setNoteCount("legacy", 10);
        v1.recordMiss(ConsistencyMiss.STALE);
        StatsCollector v2 = new StatsCollector(clock::get);
        v2.setNoteCount("legacy", 10);
        stats.importSnapshot("v1", v1.export());
        stats.importSnapshot("v2", v2.export());
        stats.setNoteCount("new", 4);
        stats.recordMiss(ConsistencyMiss.STALE);
        stats.recordMiss(ConsistencyMiss.MISSING);

        StatsSnapshot s = stats.snapshot();
        assertEquals(Map.of("legacy", 10L, "new", 4L), s.noteCounts());
        assertEquals(2, s.misses(ConsistencyMiss.STALE));
        assertEquals(1, s.misses(ConsistencyMiss.MISSING));
        assertEquals(0, s.misses(ConsistencyMiss.RESURRECTED));
        assertEquals(3, s.totalMisses());
    }

    @Test
    void shadowReadsAreCountedPerStoreAndOutcomeAcrossProxiesAndReset() {
        StatsCollector v1 = new StatsCollector(clock::get);
        StatsCollector v2 = new StatsCollector(clock::get);
        v1.recordShadowRead("new", "match");
        v1.recordShadowRead("new", "match");
        v1.recordShadowRead("new", "mismatch");
        v2.recordShadowRead("new", "match");
        v2.recordShadowRead("legacy", "error");
        stats.importSnapshot("v1", v1.export());
        stats.importSnapshot("v2", v2.export());

        StatsSnapshot s = stats.snapshot();
        assertEquals(Map.of("new:match", 3L, "new:mismatch", 1L, "legacy:error", 1L), s.shadowReads());
        assertEquals(3, s.shadowReads("match"));
        assertEquals(0.6, s.shadowConsistency().orElseThrow(), 1e-9);
        assertEquals(java.util.OptionalDouble.empty(), new StatsCollector(clock::get).snapshot().shadowConsistency(),
                "no shadow read yet is no rate, not 0 %");
        assertThrows(IllegalArgumentException.class, () -> v1.recordShadowRead("new", "maybe"));

        stats.reset();
        assertEquals(0, stats.snapshot().shadowReads("match"), "what proxies had reported before the reset no longer counts");
        v1.recordShadowRead("new", "match");
        stats.importSnapshot("v1", v1.export());
        assertEquals(1, stats.snapshot().shadowReads("match"));
        assertEquals(true, OpenMetricsText.format(stats.snapshot()).contains(
                "notely_shadow_reads_total{store=\"new\",outcome=\"match\"} 1"), OpenMetricsText.format(stats.snapshot()));
    }

    @Test
    void exportImportRoundTripsThroughJson() {
        StatsCollector proxy = new StatsCollector(clock::get);
        proxy.recordStoreAccess("updateNote", Status.SUCCESS, "new", ms(3));
        proxy.recordProxyAccess("UpdateNote", Status.CONTENTION, 4, ms(5));
        proxy.recordApiRequest("PUT", "/accounts/{accountId}/notes/{noteId}", 200, ms(8));
        proxy.setNoteCount("new", 7);
        proxy.recordMiss(ConsistencyMiss.RESURRECTED);
        proxy.recordShadowRead("legacy", "mismatch");
        StatsSnapshot exported = proxy.export();

        String json = StatsJson.toJson(exported);
        StatsSnapshot parsed = StatsJson.fromJson(json);
        assertEquals(exported, parsed);

        stats.importSnapshot("v4", parsed);
        assertEquals(exported, stats.snapshot());
    }

    @Test
    void malformedStatsJsonIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatsJson.fromJson("{nope"));
        assertEquals(true, e.getMessage().startsWith("not a stats snapshot"));
        assertThrows(IllegalArgumentException.class, () -> StatsJson.fromJson("{}"));
    }

    private static RequestMetrics find(StatsSnapshot s, String op, String store) {
        return s.store().stream()
                .filter(r -> r.key().operation().equals(op) && r.key().store().equals(store))
                .findFirst().orElseThrow().metrics();
    }
}
