package dev.notely.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What "newer" and "whose" mean for a note, the two questions every store and router asks of one. */
class NoteTest {

    private static final Instant T0 = Instant.parse("2025-08-13T10:00:00.123Z");
    private static final UUID ACCOUNT = UUID.randomUUID();

    private static Note note(Instant updatedAt) {
        return new Note(UUID.fromString("00000000-0000-4000-8000-000000000001"), ACCOUNT, T0, updatedAt, "text");
    }

    @Test
    void onlyALaterWriteIsNewer() {
        assertTrue(note(T0.plusMillis(1)).isNewerThan(note(T0)));
        assertFalse(note(T0).isNewerThan(note(T0.plusMillis(1))));
        assertFalse(note(T0).isNewerThan(note(T0)), "the same moment is not newer: an equal write is ignored");
    }

    @Test
    void timesAreKeptToTheMillisecondSoANoteReadBackIsEqual() {
        Note precise = note(T0.plusNanos(999_999));
        assertEquals(note(T0), precise);
        assertFalse(precise.isNewerThan(note(T0)), "less than a millisecond later is the same write");
    }

    @Test
    void aNoteBelongsToItsCreatorOnly() {
        note(T0).requireCreator(ACCOUNT);
        UUID other = UUID.randomUUID();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> note(T0).requireCreator(other));
        assertEquals("note 00000000-0000-4000-8000-000000000001 belongs to account " + ACCOUNT + ", not " + other,
                e.getMessage());
    }

    @Test
    void newContentKeepsTheNoteAndItsCreation() {
        Note updated = note(T0).withContent("new text", T0.plusSeconds(5));
        assertEquals(new Note(note(T0).id(), ACCOUNT, T0, T0.plusSeconds(5), "new text"), updated);
    }
}
