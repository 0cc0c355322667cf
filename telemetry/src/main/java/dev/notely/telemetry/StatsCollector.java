package dev.notely.telemetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Collects the kit's metrics: API requests, data-proxy access and data-store access (each a total plus a
 * rate and p95 over the last {@link #WINDOW_SECONDS} seconds), note counts per store and consistency
 * misses by kind.
 *
 * <p>Figures exported by other processes (the data proxies) are imported per source and summed with the
 * local ones for display, so two proxies reporting the same key during a rollout both count. A source
 * that has not reported for a whole window keeps its totals but no longer adds to live rates.
 *
 * <p>{@link #reset()} starts every count again from zero, so old misses and errors stop drowning new ones.
 */
public final class StatsCollector {

    public static final int WINDOW_SECONDS = 5;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);
    // Misses are rare events: a minute tells whether they are still happening better than five seconds.
    private static final long MISS_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final Comparator<ApiKey> API_ORDER = Comparator.comparing(ApiKey::route)
            .thenComparing(ApiKey::method).thenComparingInt(ApiKey::status);
    private static final Comparator<ProxyKey> PROXY_ORDER = Comparator.comparing(ProxyKey::operation)
            .thenComparing(ProxyKey::status).thenComparingInt(ProxyKey::version);
    private static final Comparator<StoreKey> STORE_ORDER = Comparator.comparing(StoreKey::store)
            .thenComparing(StoreKey::operation).thenComparing(StoreKey::status);

    private final LongSupplier nanoClock;
    private final ConcurrentMap<ApiKey, RequestTracker> api = new ConcurrentHashMap<>();
    private final ConcurrentMap<ProxyKey, RequestTracker> proxy = new ConcurrentHashMap<>();
    private final ConcurrentMap<StoreKey, RequestTracker> store = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Long> noteCounts = new ConcurrentHashMap<>();
    private final Map<ConsistencyMiss, LongAdder> misses = new EnumMap<>(ConsistencyMiss.class);
    private final ConcurrentMap<String, LongAdder> shadowReads = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Imported> imports = new ConcurrentHashMap<>();
    // What each source had counted at the last reset; subtracted from what it reports since.
    private final ConcurrentMap<String, StatsSnapshot> baselines = new ConcurrentHashMap<>();
    private volatile RequestTracker recentMisses;
    private volatile long lastMissNanos;
    private volatile boolean anyMiss;

    private record Imported(StatsSnapshot snapshot, long importedAtNanos) {
    }

    public StatsCollector() {
        this(System::nanoTime);
    }

    /** @param nanoClock monotonic time source in nanoseconds (tests pass a controllable one) */
    public StatsCollector(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.recentMisses = new RequestTracker(nanoClock, MISS_WINDOW_NANOS);
        for (ConsistencyMiss kind : ConsistencyMiss.values()) {
            misses.put(kind, new LongAdder());
        }
    }

    public void recordApiRequest(String method, String route, int status, long durationNanos) {
        tracker(api, new ApiKey(method, route, status)).record(durationNanos);
    }

    public void recordProxyAccess(String operation, Status status, int version, long durationNanos) {
        tracker(proxy, new ProxyKey(operation, status, version)).record(durationNanos);
    }

    public void recordStoreAccess(String operation, Status status, String storeName, long durationNanos) {
        tracker(store, new StoreKey(operation, status, storeName)).record(durationNanos);
    }

    public void setNoteCount(String storeName, long count) {
        noteCounts.put(storeName, count);
    }

    public void recordMiss(ConsistencyMiss kind) {
        misses.get(kind).increment();
        recentMisses.record(0);
        lastMissNanos = nanoClock.getAsLong();
        anyMiss = true;
    }

    /**
     * Counts one shadow read: the same read repeated on the store that is not authoritative.
     *
     * @param outcome one of {@link StatsSnapshot#SHADOW_OUTCOMES}
     */
    public void recordShadowRead(String storeName, String outcome) {
        if (!StatsSnapshot.SHADOW_OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("unknown shadow-read outcome '" + outcome + "'");
        }
        shadowReads.computeIfAbsent(StatsSnapshot.shadowKey(storeName, outcome), k -> new LongAdder()).increment();
    }

    /** Misses in the last minute and the time since the latest one. */
    public MissActivity missActivity() {
        long perMinute = recentMisses.windowCount();
        Optional<Duration> since = anyMiss
                ? Optional.of(Duration.ofNanos(Math.max(0, nanoClock.getAsLong() - lastMissNanos)))
                : Optional.empty();
        return new MissActivity(perMinute, since);
    }

    /**
     * Starts every count again from zero: API, proxy and store totals, the misses and their activity.
     * Imported figures count from what each source had reported so far; note counts are kept (they are
     * gauges, not counts of events). Live rates are unaffected: they describe the last few seconds.
     */
    public void reset() {
        api.clear();
        proxy.clear();
        store.clear();
        misses.values().forEach(LongAdder::reset);
        shadowReads.clear();
        recentMisses = new RequestTracker(nanoClock, MISS_WINDOW_NANOS);
        anyMiss = false;
        imports.forEach((source, imported) -> baselines.put(source, imported.snapshot()));
    }

    /** Keeps the latest snapshot exported by {@code source}, replacing its previous one. */
    public void importSnapshot(String source, StatsSnapshot snapshot) {
        imports.put(source, new Imported(snapshot, nanoClock.getAsLong()));
    }

    /** The figures recorded in this process only: what a data proxy exports. */
    public StatsSnapshot export() {
        return new StatsSnapshot(rows(api, API_ORDER), rows(proxy, PROXY_ORDER), rows(store, STORE_ORDER),
                new TreeMap<>(noteCounts), missCounts(), shadowCounts());
    }

    /** Local figures plus every imported source, merged key by key. */
    public StatsSnapshot snapshot() {
        StatsSnapshot local = export();
        if (imports.isEmpty()) {
            return local;
        }
        Map<ApiKey, RequestMetrics> apiRows = toMap(local.api());
        Map<ProxyKey, RequestMetrics> proxyRows = toMap(local.proxy());
        Map<StoreKey, RequestMetrics> storeRows = toMap(local.store());
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Long> missRows = new LinkedHashMap<>(local.misses());
        Map<String, Long> shadowRows = new TreeMap<>(local.shadowReads());
        long now = nanoClock.getAsLong();
        for (Map.Entry<String, Imported> entry : imports.entrySet()) {
            Imported imported = entry.getValue();
            boolean live = now - imported.importedAtNanos() < WINDOW_NANOS;
            StatsSnapshot s = imported.snapshot();
            StatsSnapshot base = baselines.get(entry.getKey());
            mergeInto(apiRows, s.api(), base == null ? List.of() : base.api(), live);
            mergeInto(proxyRows, s.proxy(), base == null ? List.of() : base.proxy(), live);
            mergeInto(storeRows, s.store(), base == null ? List.of() : base.store(), live);
            // Counts are gauges, not events: two sources counting one store must not double it.
            s.noteCounts().forEach((name, count) -> counts.merge(name, count, Math::max));
            s.misses().forEach((kind, count) -> missRows.merge(kind,
                    Math.max(0, count - (base == null ? 0 : base.misses().getOrDefault(kind, 0L))), Long::sum));
            s.shadowReads().forEach((key, count) -> shadowRows.merge(key,
                    Math.max(0, count - (base == null ? 0 : base.shadowReads().getOrDefault(key, 0L))), Long::sum));
        }
        counts.putAll(local.noteCounts());
        return new StatsSnapshot(sorted(apiRows, API_ORDER), sorted(proxyRows, PROXY_ORDER),
                sorted(storeRows, STORE_ORDER), counts, missRows, shadowRows);
    }

    /**
     * The API requests of this process that {@code which} selects, as one: how many in the last window and
     * their p95 over all of them together (not the largest of each key's p95, which one slow rare request
     * would set). For a job that must yield while users' requests get slower.
     *
     * @return the window's count and p95 in milliseconds; 0 and 0 without requests
     */
    public WindowFigures recentApi(Predicate<ApiKey> which) {
        List<long[]> parts = new ArrayList<>();
        int count = 0;
        for (Map.Entry<ApiKey, RequestTracker> entry : api.entrySet()) {
            if (which.test(entry.getKey())) {
                long[] durations = entry.getValue().windowDurations();
                parts.add(durations);
                count += durations.length;
            }
        }
        if (count == 0) {
            return new WindowFigures(0, 0);
        }
        long[] all = new long[count];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        Arrays.sort(all);
        return new WindowFigures(count, all[(int) Math.ceil(0.95 * count) - 1] / 1_000_000.0);
    }

    /** Requests in the last window and their p95 duration in milliseconds. */
    public record WindowFigures(int count, double p95Millis) {
    }

    private RequestTracker tracker(ConcurrentMap<?, RequestTracker> family, Object key) {
        @SuppressWarnings("unchecked")
        ConcurrentMap<Object, RequestTracker> map = (ConcurrentMap<Object, RequestTracker>) family;
        return map.computeIfAbsent(key, k -> new RequestTracker(nanoClock, WINDOW_NANOS));
    }

    private Map<String, Long> missCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        misses.forEach((kind, adder) -> counts.put(kind.label(), adder.sum()));
        return counts;
    }

    private Map<String, Long> shadowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        shadowReads.forEach((key, adder) -> counts.put(key, adder.sum()));
        return counts;
    }

    private static <K> List<MetricRow<K>> rows(Map<K, RequestTracker> family, Comparator<K> order) {
        Map<K, RequestMetrics> metrics = new LinkedHashMap<>();
        family.forEach((key, tracker) -> metrics.put(key, tracker.metrics()));
        return sorted(metrics, order);
    }

    private static <K> Map<K, RequestMetrics> toMap(List<MetricRow<K>> rows) {
        Map<K, RequestMetrics> map = new LinkedHashMap<>();
        rows.forEach(row -> map.put(row.key(), row.metrics()));
        return map;
    }

    private static <K> void mergeInto(Map<K, RequestMetrics> target, List<MetricRow<K>> rows,
                                      List<MetricRow<K>> baseline, boolean live) {
        Map<K, RequestMetrics> base = toMap(baseline);
        for (MetricRow<K> row : rows) {
            RequestMetrics metrics = live ? row.metrics() : row.metrics().withoutRates();
            long before = base.getOrDefault(row.key(), RequestMetrics.EMPTY).totalCount();
            metrics = new RequestMetrics(Math.max(0, metrics.totalCount() - before), metrics.requestsPerMin(),
                    metrics.durationP95());
            if (metrics.totalCount() > 0 || metrics.requestsPerMin() > 0) {
                target.merge(row.key(), metrics, RequestMetrics::plus);
            }
        }
    }

    private static <K> List<MetricRow<K>> sorted(Map<K, RequestMetrics> metrics, Comparator<K> order) {
        List<MetricRow<K>> rows = new ArrayList<>();
        metrics.forEach((key, value) -> rows.add(new MetricRow<>(key, value)));
        rows.sort(Comparator.comparing(MetricRow::key, order));
        return rows;
    }
}
