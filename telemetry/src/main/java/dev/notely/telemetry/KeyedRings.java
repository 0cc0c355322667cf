package dev.notely.telemetry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The latest few entries per key (a note or an account id), for a bounded number of keys: what a miss's
 * timeline is read from. Memory stays bounded however many notes pass through: a key not written for
 * longest is forgotten first once there are {@code maxKeys}, and each key keeps its last {@code perKey}.
 */
public final class KeyedRings<E> {

    private final int perKey;
    private final Map<UUID, ArrayDeque<E>> rings;

    public KeyedRings(int maxKeys, int perKey) {
        if (maxKeys < 1 || perKey < 1) {
            throw new IllegalArgumentException("maxKeys and perKey must be at least 1");
        }
        this.perKey = perKey;
        this.rings = new LinkedHashMap<>(Math.min(maxKeys, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, ArrayDeque<E>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public synchronized void add(UUID key, E entry) {
        ArrayDeque<E> ring = rings.computeIfAbsent(key, k -> new ArrayDeque<>(4));
        if (ring.size() == perKey) {
            ring.removeFirst();
        }
        ring.addLast(entry);
    }

    /** The entries kept for {@code key}, oldest first; empty when none are. */
    public synchronized List<E> get(UUID key) {
        ArrayDeque<E> ring = rings.get(key);
        return ring == null ? List.of() : new ArrayList<>(ring);
    }

    /** How many keys have entries (for tests and the memory benchmark). */
    public synchronized int keys() {
        return rings.size();
    }
}
