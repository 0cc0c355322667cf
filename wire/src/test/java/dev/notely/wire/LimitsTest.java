package dev.notely.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.notely.store.InvalidInputException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the API and a data proxy both accept as an id and as a note's content. */
class LimitsTest {

    @Test
    void anIdIsACanonicalUuid() {
        UUID id = UUID.randomUUID();
        assertEquals(id, Limits.uuid("note id", id.toString()));
        assertEquals("note id '1-2-3-4-5' is not a UUID",
                assertThrows(InvalidInputException.class, () -> Limits.uuid("note id", "1-2-3-4-5")).getMessage());
        String notHex = "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz";
        assertEquals("account id '" + notHex + "' is not a UUID",
                assertThrows(InvalidInputException.class, () -> Limits.uuid("account id", notHex)).getMessage());
        String longer = id + "0";
        assertThrows(InvalidInputException.class, () -> Limits.uuid("note id", longer));
    }

    @Test
    void contentIsNeitherEmptyNorOverTenThousandCharactersAsAPersonCountsThem() {
        assertEquals("x", Limits.content("content", "x"));
        assertEquals("content must not be empty",
                assertThrows(InvalidInputException.class, () -> Limits.content("content", "")).getMessage());
        String longest = "a".repeat(Limits.MAX_CONTENT_CHARS);
        assertEquals(longest, Limits.content("content", longest));
        assertEquals("content must be at most 10000 characters",
                assertThrows(InvalidInputException.class, () -> Limits.content("content", longest + "a")).getMessage());
        // An emoji is two Java chars but one character: ten thousand of them fit.
        String emoji = "\uD83D\uDE00".repeat(Limits.MAX_CONTENT_CHARS);
        assertEquals(emoji, Limits.content("content", emoji));
    }
}
