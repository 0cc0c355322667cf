package dev.notely.api;

import dev.notely.store.KitException;

/** No data proxy is running to serve a note operation (the API answers 503). */
public class ProxyUnavailableException extends KitException {

    private final boolean notDelivered;

    public ProxyUnavailableException(String message) {
        this(message, null, false);
    }

    public ProxyUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param notDelivered the call certainly never reached the router (refused at connect, or turned away
     *                     by a proxy that is shutting down), so another proxy may be asked instead
     */
    public ProxyUnavailableException(String message, Throwable cause, boolean notDelivered) {
        super(Kind.UNAVAILABLE, message, cause);
        this.notDelivered = notDelivered;
    }

    /** Whether the call certainly never reached the router, so it is safe to send it elsewhere. */
    public boolean notDelivered() {
        return notDelivered;
    }
}
