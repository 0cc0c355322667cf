package dev.notely.store.faults;

import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.ShadowReads;
import java.util.HashMap;
import java.util.Map;

/**
 * Other note stores, each behind the faults set for it: what the kit's own readers of the stores (the
 * verification) use, so they meet the same slow or failing stores the proxies do.
 */
public final class FaultyNoteStores implements NoteStores {

    private final NoteStores stores;
    private final StoreFaults faults;
    private final Map<String, NoteStore> opened = new HashMap<>();

    public FaultyNoteStores(NoteStores stores, StoreFaults faults) {
        this.stores = stores;
        this.faults = faults;
    }

    @Override
    public synchronized NoteStore open(String name) {
        NoteStore store = opened.get(name);
        if (store == null) {
            store = new FaultyNoteStore(stores.open(name), faults);
            opened.put(name, store);
        }
        return store;
    }

    @Override
    public ShadowReads shadowReads() {
        return stores.shadowReads();
    }
}
