package dev.notely.store;

/** The account or note asked for does not exist. */
public class NotFoundException extends KitException {

    public NotFoundException(String message) {
        super(Kind.NOT_FOUND, message, null);
    }
}
