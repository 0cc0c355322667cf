package dev.notely.checks;

import dev.notely.store.ForwardingNoteStore;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.ShadowReads;
import java.util.function.Supplier;

/**
 * The note stores of one router instance in the interleaving check: every store call first passes
 * through {@link Turns}, where the other instance may take over. This is how one instance's operation
 * gets interrupted between, say, reading legacy and copying into new.
 */
final class SteppedNoteStores implements NoteStores {

    private final NoteStores stores;
    private final Turns turns;
    private final int me;

    /** @param me which of the two operations of a round this router's calls belong to, 0 or 1 */
    SteppedNoteStores(NoteStores stores, Turns turns, int me) {
        this.stores = stores;
        this.turns = turns;
        this.me = me;
    }

    @Override
    public NoteStore open(String name) {
        return new Stepped(stores.open(name));
    }

    @Override
    public ShadowReads shadowReads() {
        return stores.shadowReads();
    }

    private final class Stepped extends ForwardingNoteStore {

        Stepped(NoteStore store) {
            super(store);
        }

        @Override
        protected <T> T around(String operation, Supplier<T> call) {
            turns.beforeStoreCall(me);
            return call.get();
        }
    }
}
