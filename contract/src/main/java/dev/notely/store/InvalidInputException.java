package dev.notely.store;

/** A request or a value is malformed; the message says what to send instead. */
public class InvalidInputException extends KitException {

    public InvalidInputException(String message) {
        super(Kind.INVALID, message, null);
    }
}
