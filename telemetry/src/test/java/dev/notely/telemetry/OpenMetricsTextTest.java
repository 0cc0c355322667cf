package dev.notely.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The figures of GET /stats as a Prometheus scraper reads them. */
class OpenMetricsTextTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final StatsCollector stats = new StatsCollector(clock::get);

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void everyFamilyIsTypedAndEverySampleLabelled() {
        stats.recordApiRequest("GET", "/accounts/{accountId}/notes", 200, ms(12));
        stats.recordApiRequest("GET", "/accounts/{accountId}/notes", 200, ms(12));
        stats.recordProxyAccess("getNote", Status.SUCCESS, 2, ms(3));
        stats.recordStoreAccess("listNotes", Status.ERROR, "legacy", 1_500_000);
        stats.setNoteCount("new", 2);
        stats.setNoteCount("legacy", 5);
        stats.recordMiss(ConsistencyMiss.STALE);
        stats.recordShadowRead("new", "mismatch");
        stats.recordShadowRead("legacy", "match");

        assertEquals("""
                # TYPE notely_api_requests counter
                # HELP notely_api_requests API requests answered, since the kit started.
                notely_api_requests_total{method="GET",route="/accounts/{accountId}/notes",status="200"} 2
                # TYPE notely_api_request_duration_seconds summary
                # UNIT notely_api_request_duration_seconds seconds
                # HELP notely_api_request_duration_seconds API requests answered: 95th percentile of the duration over the last 5 s.
                notely_api_request_duration_seconds{method="GET",route="/accounts/{accountId}/notes",status="200",quantile="0.95"} 0.012
                # TYPE notely_proxy_calls counter
                # HELP notely_proxy_calls Calls to the data proxies, since the kit started.
                notely_proxy_calls_total{operation="getNote",status="SUCCESS",version="2"} 1
                # TYPE notely_proxy_call_duration_seconds summary
                # UNIT notely_proxy_call_duration_seconds seconds
                # HELP notely_proxy_call_duration_seconds Calls to the data proxies: 95th percentile of the duration over the last 5 s.
                notely_proxy_call_duration_seconds{operation="getNote",status="SUCCESS",version="2",quantile="0.95"} 0.003
                # TYPE notely_store_calls counter
                # HELP notely_store_calls Calls to the data stores, since the kit started.
                notely_store_calls_total{operation="listNotes",status="ERROR",store="legacy"} 1
                # TYPE notely_store_call_duration_seconds summary
                # UNIT notely_store_call_duration_seconds seconds
                # HELP notely_store_call_duration_seconds Calls to the data stores: 95th percentile of the duration over the last 5 s.
                notely_store_call_duration_seconds{operation="listNotes",status="ERROR",store="legacy",quantile="0.95"} 0.0015
                # TYPE notely_store_notes gauge
                # HELP notely_store_notes Notes held by each store.
                notely_store_notes{store="legacy"} 5
                notely_store_notes{store="new"} 2
                # TYPE notely_consistency_misses counter
                # HELP notely_consistency_misses Wrong answers the simulated users noticed, by kind (stale, missing, resurrected).
                notely_consistency_misses_total{kind="stale"} 1
                notely_consistency_misses_total{kind="missing"} 0
                notely_consistency_misses_total{kind="resurrected"} 0
                # TYPE notely_shadow_reads counter
                # HELP notely_shadow_reads Reads repeated on the store that is not authoritative, by store and outcome (match, mismatch, error).
                notely_shadow_reads_total{store="legacy",outcome="match"} 1
                notely_shadow_reads_total{store="new",outcome="mismatch"} 1
                # EOF
                """, OpenMetricsText.format(stats.snapshot()));
    }

    @Test
    void labelValuesAreEscapedAndQuietRoutesHaveNoQuantile() {
        stats.recordApiRequest("GET", "/odd\"route\\with\nbreak", 404, ms(1));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(StatsCollector.WINDOW_SECONDS));
        String text = OpenMetricsText.format(stats.snapshot());
        assertTrue(text.contains("notely_api_requests_total{method=\"GET\",route=\"/odd\\\"route\\\\with\\nbreak\","
                + "status=\"404\"} 1\n"), text);
        assertTrue(text.contains("route=\"/odd\\\"route\\\\with\\nbreak\",status=\"404\",quantile=\"0.95\"} 0\n"),
                "no request in the window: a p95 of 0\n" + text);
        assertTrue(text.endsWith("# EOF\n"));
    }
}
