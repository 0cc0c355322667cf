package dev.notely.telemetry;

import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard and {@code GET /stats} show, at one moment. Also the wire format a data
 * proxy uses to export its own figures to the app.
 *
 * @param api        API requests by method, route and status
 * @param proxy      data-proxy access by operation, status and proxy version
 * @param store      data-store access by operation, status and store name
 * @param noteCounts notes held by each store
 * @param misses     consistency misses by kind label ({@code stale}, {@code missing}, {@code resurrected})
 */
public record StatsSnapshot(
        List<MetricRow<ApiKey>> api,
        List<MetricRow<ProxyKey>> proxy,
        List<MetricRow<StoreKey>> store,
        Map<String, Long> noteCounts,
        Map<String, Long> misses) {

    public StatsSnapshot {
        api = List.copyOf(api);
        proxy = List.copyOf(proxy);
        store = List.copyOf(store);
        noteCounts = Map.copyOf(noteCounts);
        misses = Map.copyOf(misses);
    }

    /** All consistency misses, whatever their kind. */
    public long totalMisses() {
        return misses.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Misses of one kind (zero when none were seen). */
    public long misses(ConsistencyMiss kind) {
        return misses.getOrDefault(kind.label(), 0L);
    }
}
