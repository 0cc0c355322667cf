package dev.notely.app;

import dev.notely.api.StoreHealth;
import dev.notely.store.Failures;
import dev.notely.store.NoteStores;
import dev.notely.telemetry.MetricRow;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.Status;
import dev.notely.telemetry.StoreKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each note store's state for {@code /healthz} (SPEC §17): unavailable when the kit cannot read it, failing
 * writes when the proxies' writes to it failed in the last few seconds (a full disk leaves reads working),
 * ok otherwise.
 */
final class NoteStoreStates implements StoreHealth {

    /** The store operations that write, as the proxies record them. */
    static final Set<String> WRITES = Set.of("createNote", "updateNote", "upsertNote", "deleteNote", "removeMovedNote");

    private final NoteStores stores;
    private final StatsCollector stats;

    /** @param stores the kit's own handles, whose calls are not recorded; the caller closes them */
    NoteStoreStates(NoteStores stores, StatsCollector stats) {
        this.stores = stores;
        this.stats = stats;
    }

    @Override
    public Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        for (String name : NoteStores.NAMES) {
            states.put(name, state(name));
        }
        return states;
    }

    private String state(String name) {
        try {
            stores.open(name).healthCheck();
        } catch (RuntimeException e) {
            return "unavailable: " + Failures.rootMessage(e);
        }
        double failedWrites = 0;
        for (MetricRow<StoreKey> row : stats.snapshot().store()) {
            StoreKey key = row.key();
            if (key.store().equals(name) && key.status() == Status.ERROR && WRITES.contains(key.operation())) {
                failedWrites += row.metrics().requestsPerMin();
            }
        }
        return failedWrites > 0 ? "failing writes: about " + Math.round(Math.ceil(failedWrites)) + " a minute fail "
                + "(is the disk full? see the kit's log)" : OK;
    }
}
