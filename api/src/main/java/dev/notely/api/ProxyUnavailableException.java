package dev.notely.api;

/** No data proxy is running to serve a note operation (the API answers 503). */
public class ProxyUnavailableException extends RuntimeException {

    public ProxyUnavailableException(String message) {
        super(message);
    }

    public ProxyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
