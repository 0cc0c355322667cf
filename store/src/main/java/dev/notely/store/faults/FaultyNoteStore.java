package dev.notely.store.faults;

import dev.notely.store.ForwardingNoteStore;
import dev.notely.store.NoteStore;
import dev.notely.store.StoreException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A note store that suffers the faults set for it: each call waits the fault's latency (and jitter), then
 * fails as a store would, by chance or always when the store is down. It sits under the instrumentation, so
 * the dashboard's store table counts what it does like any other slow or failing call.
 */
public final class FaultyNoteStore extends ForwardingNoteStore {

    private final StoreFaults faults;

    public FaultyNoteStore(NoteStore delegate, StoreFaults faults) {
        super(delegate);
        this.faults = faults;
    }

    @Override
    protected <T> T around(String operation, Supplier<T> call) {
        StoreFault fault = faults.of(delegate.name());
        if (!fault.isNone()) {
            suffer(fault, operation);
        }
        return call.get();
    }

    private void suffer(StoreFault fault, String operation) {
        String name = delegate.name();
        if (fault.down()) {
            throw new StoreException("note store '" + name + "' is down (" + operation + " not run): a fault injected"
                    + " on purpose; clear it with x in the dashboard or POST /faults {\"store\":\"" + name + "\",\"clear\":true}");
        }
        long wait = fault.latencyMs() + (fault.jitterMs() > 0 ? ThreadLocalRandom.current().nextInt(fault.jitterMs() + 1) : 0);
        if (wait > 0) {
            try {
                Thread.sleep(wait); // the injected latency itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("note store '" + name + "': " + operation + " interrupted during an injected delay");
            }
        }
        if (fault.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < fault.errorRate()) {
            throw new StoreException("note store '" + name + "' failed " + operation + ": an error injected on purpose"
                    + " (errorRate " + fault.errorRate() + "); clear it with x in the dashboard or POST /faults");
        }
    }
}
