package dev.notely.api.client;

/** The REST API answered with an error status, or could not be reached (status 0). */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
