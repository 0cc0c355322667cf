package dev.notely.store;

/** The request clashes with what exists already, such as creating a note whose id is taken. */
public class ConflictException extends KitException {

    public ConflictException(String message) {
        super(Kind.CONFLICT, message, null);
    }
}
