package dev.notely.store;

import java.util.List;

/**
 * Hands out note stores by name. Each name is one database; asking twice for the same name gives the
 * same store. Every store handed out records each call (operation, store, duration, outcome) as
 * data-store access in the kit's telemetry, so a router does not have to.
 */
public interface NoteStores {

    /** The store every note lives in before exercise 1. */
    String LEGACY = "legacy";
    /** The store exercise 1 moves notes to, and the first shard of exercise 2. */
    String NEW = "new";
    /** The second shard of exercise 2. */
    String SECOND = "second";

    /** Every note store the kit knows, in the order the dashboard shows them. */
    List<String> NAMES = List.of(LEGACY, NEW, SECOND);

    /** The stores an account can be assigned to as its shard. */
    List<String> SHARDS = List.of(NEW, SECOND);

    /**
     * The store called {@code name}, opened on first use.
     *
     * @throws IllegalArgumentException when {@code name} is not one of {@link #NAMES}
     * @throws StoreException           when the store's database cannot be opened
     */
    NoteStore open(String name);

    /**
     * The helper a router uses to repeat a read on the store that is not authoritative and compare the
     * answers (exercise 3). The kit's stores count every comparison in its telemetry; these stores,
     * unless they say otherwise, count nowhere.
     */
    default ShadowReads shadowReads() {
        return new ShadowReads((store, outcome) -> { });
    }

    /** Throws a clear error for a name that is not one of {@link #NAMES}. */
    static String requireKnown(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown note store '" + name + "': expected one of " + String.join(", ", NAMES));
        }
        return name;
    }
}
