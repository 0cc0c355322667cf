package dev.notely.app.deploy;

import dev.notely.api.Faults;
import dev.notely.store.InvalidInputException;
import dev.notely.store.NoteStores;
import dev.notely.store.faults.FaultTable;
import dev.notely.store.faults.StoreFault;
import dev.notely.store.faults.StoreFaults;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running kit's store faults, and every proxy process that must suffer them. A change is pushed to
 * each process before {@link #change} returns; a process started later is handed the faults with its
 * version (see {@link ProxyProcess#serve}), so none serves without them. Tables carry a generation, so a
 * push that crosses a start, or another push, never undoes a later change.
 */
public final class KitFaults implements Faults {

    private static final Logger log = LoggerFactory.getLogger(KitFaults.class);

    private final StoreFaults faults = new StoreFaults();
    private final Set<ProxyProcess> proxies = ConcurrentHashMap.newKeySet();

    /** The faults as the kit's own readers of the stores (the verification) suffer them. */
    public StoreFaults inForce() {
        return faults;
    }

    @Override
    public FaultTable current() {
        return faults.current();
    }

    @Override
    public FaultTable change(String store, UnaryOperator<StoreFault> change) {
        try {
            NoteStores.requireKnown(store);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        FaultTable next = faults.update(table -> table.with(store, change.apply(table.of(store))));
        StoreFault now = next.of(store);
        log.info("store '{}': {}", store, now.isNone() ? "faults cleared" : "fault injected, " + now.describe());
        for (ProxyProcess proxy : proxies) {
            proxy.faults(next);
        }
        return next;
    }

    /** From now until it exits, {@code proxy} is told every change; it is told the faults in force at once. */
    void register(ProxyProcess proxy) {
        proxies.add(proxy);
        // After adding: a change made meanwhile either sees the proxy or is in the table read here.
        proxy.faults(faults.current());
        proxy.onExit().thenRun(() -> proxies.remove(proxy));
    }
}
