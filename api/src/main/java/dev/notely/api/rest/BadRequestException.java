package dev.notely.api.rest;

/** The request is malformed; the message says what to send instead (400). */
final class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
