package dev.notely.store;

/** The request clashes with what exists already, such as creating a note whose id is taken. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
