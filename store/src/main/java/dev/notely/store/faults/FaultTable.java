package dev.notely.store.faults;

import dev.notely.store.NoteStores;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The faults of every note store at one moment, as the kit hands them to its proxies. Each change makes a
 * table with a higher {@code generation}, so a proxy that is told twice, in whatever order, keeps the newest.
 *
 * @param stores only the stores with a fault, in the order of {@link NoteStores#NAMES}
 */
public record FaultTable(long generation, Map<String, StoreFault> stores) {

    /** No faults anywhere: where every kit and every proxy starts. */
    public static final FaultTable NONE = new FaultTable(0, Map.of());

    public FaultTable {
        Map<String, StoreFault> given = stores == null ? Map.of() : stores;
        for (String name : given.keySet()) {
            NoteStores.requireKnown(name);
        }
        Map<String, StoreFault> kept = new LinkedHashMap<>();
        for (String name : NoteStores.NAMES) {
            StoreFault fault = given.get(name);
            if (fault != null && !fault.isNone()) {
                kept.put(name, fault);
            }
        }
        stores = java.util.Collections.unmodifiableMap(kept);
    }

    /** The fault of {@code store}; {@link StoreFault#NONE} when it has none. */
    public StoreFault of(String store) {
        return stores.getOrDefault(store, StoreFault.NONE);
    }

    /** The next table: {@code store} with {@code fault} (none clears it), every other store as it is. */
    public FaultTable with(String store, StoreFault fault) {
        NoteStores.requireKnown(store);
        Map<String, StoreFault> next = new LinkedHashMap<>(stores);
        next.put(store, fault);
        return new FaultTable(generation + 1, next);
    }

    public boolean isEmpty() {
        return stores.isEmpty();
    }

    /** One line such as {@code new +50 ms · legacy down}; empty when nothing is wrong. */
    public String describe() {
        StringBuilder line = new StringBuilder();
        stores.forEach((name, fault) -> line.append(line.length() > 0 ? " · " : "").append(name).append(' ')
                .append(fault.describe()));
        return line.toString();
    }
}
