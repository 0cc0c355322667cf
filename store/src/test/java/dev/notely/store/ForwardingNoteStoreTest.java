package dev.notely.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.sqlite.SqliteNoteStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every call of a forwarding store goes through its one hook, by name, and comes back with the store's answer. */
class ForwardingNoteStoreTest {

    private static final Instant T0 = Instant.parse("2025-08-13T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void everyCallPassesTheHookAndAnswersWhatTheStoreAnswers() {
        List<String> calls = new ArrayList<>();
        try (SqliteNoteStore real = SqliteNoteStore.open("legacy", dir.resolve("legacy.db"))) {
            NoteStore store = new ForwardingNoteStore(real) {
                @Override
                protected <T> T around(String operation, Supplier<T> call) {
                    calls.add(operation);
                    return call.get();
                }
            };
            UUID account = UUID.randomUUID();
            Note note = new Note(UUID.randomUUID(), account, T0, T0, "first");
            Note newer = note.withContent("second", T0.plusSeconds(1));
            Note newest = note.withContent("third", T0.plusSeconds(2));

            store.createNote(account, note);
            assertEquals(Optional.of(note), store.getNote(account, note.id()));
            assertEquals(List.of(note.id()), store.listNotes(account));
            assertTrue(store.updateNote(account, newer));
            store.upsertNote(account, newest);
            assertEquals(Optional.of(newest), real.getNote(account, note.id()), "the upsert reached the store");
            assertEquals(List.of(newest), store.pageNotes(account, Optional.empty(), 10));
            assertEquals(List.of(account), store.pageAccounts(Optional.empty(), 10));
            assertEquals(1, store.countNotes(account));
            assertEquals(1, store.totalNotes());
            assertTrue(store.removeMovedNote(account, newest));
            store.deleteNote(account, note.id());
            assertFalse(store.updateNote(account, newest.withContent("after the delete", T0.plusSeconds(3))));
            store.healthCheck();

            assertEquals(List.of("createNote", "getNote", "listNotes", "updateNote", "upsertNote", "pageNotes",
                    "pageAccounts", "countNotes", "totalNotes", "removeMovedNote", "deleteNote", "updateNote",
                    "healthCheck"), calls);
            assertEquals("legacy", store.name());
            assertEquals(real.toString(), store.toString());
        }
    }

    @Test
    void theHookCanStopACall() {
        try (SqliteNoteStore real = SqliteNoteStore.open("legacy", dir.resolve("legacy.db"))) {
            NoteStore refusing = new ForwardingNoteStore(real) {
                @Override
                protected <T> T around(String operation, Supplier<T> call) {
                    throw new StoreException("the " + operation + " store is down");
                }
            };
            UUID account = UUID.randomUUID();
            Note note = new Note(UUID.randomUUID(), account, T0, T0, "never written");
            StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                    () -> refusing.createNote(account, note));
            assertEquals("the createNote store is down", e.getMessage());
            assertEquals(0, real.totalNotes());
        }
    }
}
