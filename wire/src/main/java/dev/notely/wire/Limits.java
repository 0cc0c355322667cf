package dev.notely.wire;

import dev.notely.store.InvalidInputException;
import java.util.UUID;

/**
 * What the kit accepts as an id and as a note, checked the same way by the REST API and by a data
 * proxy (which must not take from anyone what the API would refuse).
 */
public final class Limits {

    /** The longest note content, in characters as a person counts them (an emoji is one). */
    public static final int MAX_CONTENT_CHARS = 10_000;

    private Limits() {
    }

    /**
     * Reads a UUID in its canonical 36-character form ({@code UUID.fromString} also takes short forms such
     * as {@code 1-2-3-4-5}).
     *
     * @param name what the value is, for the message
     * @throws InvalidInputException saying the value is not a UUID
     */
    public static UUID uuid(String name, String text) {
        if (text.length() != 36) {
            throw new InvalidInputException(name + " '" + text + "' is not a UUID");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + " '" + text + "' is not a UUID");
        }
    }

    /**
     * @throws InvalidInputException when {@code content} is empty (a note holds something, as the original
     *         service insisted) or longer than {@link #MAX_CONTENT_CHARS} characters
     */
    public static String content(String name, String content) {
        if (content.isEmpty()) {
            throw new InvalidInputException(name + " must not be empty");
        }
        if (content.codePointCount(0, content.length()) > MAX_CONTENT_CHARS) {
            throw new InvalidInputException(name + " must be at most " + MAX_CONTENT_CHARS + " characters");
        }
        return content;
    }
}
