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
 * @param shadowReads shadow-read comparisons by {@code store:outcome} ({@code new:match}, {@code legacy:error});
 *                   {@code null} (from a proxy that predates them) means none
 */
public record StatsSnapshot(
        List<MetricRow<ApiKey>> api,
        List<MetricRow<ProxyKey>> proxy,
        List<MetricRow<StoreKey>> store,
        Map<String, Long> noteCounts,
        Map<String, Long> misses,
        Map<String, Long> shadowReads) {

    /** The outcomes of a shadow read, as {@code shadowReads} keys end. */
    public static final List<String> SHADOW_OUTCOMES = List.of("match", "mismatch", "error");

    public StatsSnapshot {
        api = List.copyOf(api);
        proxy = List.copyOf(proxy);
        store = List.copyOf(store);
        noteCounts = Map.copyOf(noteCounts);
        misses = Map.copyOf(misses);
        shadowReads = shadowReads == null ? Map.of() : Map.copyOf(shadowReads);
    }

    /** The {@code shadowReads} key of one store and outcome. */
    public static String shadowKey(String store, String outcome) {
        return store + ":" + outcome;
    }

    /** Shadow reads with {@code outcome} ({@code match}, {@code mismatch}, {@code error}) over every store. */
    public long shadowReads(String outcome) {
        return shadowReads.entrySet().stream().filter(e -> e.getKey().endsWith(":" + outcome))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The share of shadow reads that matched, from 0 to 1; empty before the first one. */
    public java.util.OptionalDouble shadowConsistency() {
        long all = shadowReads.values().stream().mapToLong(Long::longValue).sum();
        return all == 0 ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of((double) shadowReads("match") / all);
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
