package dev.notely.store;

/** A data store could not do what was asked: it could not be opened, or a query failed. */
public class StoreException extends KitException {

    public StoreException(String message) {
        super(Kind.STORE_FAILED, message, null);
    }

    public StoreException(String message, Throwable cause) {
        super(Kind.STORE_FAILED, message, cause);
    }
}
