package dev.notely.proxy;

import dev.notely.store.AccountDetails;
import dev.notely.store.NoteStores;
import dev.notely.store.StoreRouter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * A router whose {@code listNotes} never returns and shrugs off interrupts, like an attendee's endless
 * loop; everything else goes to legacy. It parks instead of spinning, so the threads it strands cost
 * no CPU for the rest of the test run. In the proxy's package, so a failure is located in it.
 */
public final class EndlessListRouter extends StoreRouter {

    public EndlessListRouter(NoteStores stores) {
        super(stores.open(NoteStores.LEGACY));
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        for (;;) {
            LockSupport.park(this);
            // Shrugged off. Left set, the flag would make every park return at once: a spin on a core.
            Thread.interrupted();
        }
    }
}
