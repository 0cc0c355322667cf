package dev.notely.api;

import dev.notely.store.faults.FaultTable;
import dev.notely.store.faults.StoreFault;
import java.util.function.UnaryOperator;

/**
 * The store faults of the running kit (SPEC §19) as the REST API and the dashboard see them: set live, in
 * force in every data proxy's stores and in the kit's verification, never in grading.
 */
public interface Faults {

    /** For a kit put together without faults: nothing is ever wrong, and setting one says it cannot be. */
    Faults NONE = new Faults() {
        @Override
        public FaultTable current() {
            return FaultTable.NONE;
        }

        @Override
        public FaultTable change(String store, UnaryOperator<StoreFault> change) {
            throw new ProxyUnavailableException("store faults are not available in this kit");
        }
    };

    /** The faults in force; cheap enough to ask once a second. */
    FaultTable current();

    /**
     * Changes the fault of {@code store} ({@code f -> StoreFault.NONE} clears it) and hands the result to
     * every data proxy before it returns.
     *
     * @return the faults in force afterwards
     * @throws dev.notely.store.InvalidInputException for a store that is not one of the kit's
     */
    FaultTable change(String store, UnaryOperator<StoreFault> change);

    default FaultTable clear(String store) {
        return change(store, f -> StoreFault.NONE);
    }
}
