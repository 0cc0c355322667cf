package dev.notely.proxy.counted;

import dev.notely.store.NoteStores;
import dev.notely.store.StoreRouter;

/**
 * A router that numbers its instances in a static field, and says its number as its {@code toString}:
 * two instances of one loaded class count on, an instance of the class loaded again starts at 1. Every
 * note goes to new. In a package of its own, so that loading that package again loads this class only.
 */
public final class CountedRouter extends StoreRouter {

    private static int instances;

    private final int number;

    public CountedRouter(NoteStores stores) {
        super(stores.open(NoteStores.NEW));
        synchronized (CountedRouter.class) {
            number = ++instances;
        }
    }

    @Override
    public String toString() {
        return "instance " + number + " of its class";
    }
}
