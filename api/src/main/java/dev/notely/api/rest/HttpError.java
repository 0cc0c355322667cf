package dev.notely.api.rest;

/** An error answer with a status code chosen by the handler, such as 413 or 503. */
final class HttpError extends RuntimeException {

    private final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
