package dev.notely.api.rest;

import dev.notely.store.KitException;

/** The request body is larger than the API takes (413). */
final class TooLargeException extends KitException {

    TooLargeException(String message) {
        super(Kind.TOO_LARGE, message, null);
    }
}
