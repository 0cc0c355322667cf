package dev.notely.store;

/** A data store could not do what was asked: it could not be opened, or a query failed. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
