package dev.notely.store.sqlite;

import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A deterministic write workload for the concurrency tests: each writer creates its own notes and
 * races every other writer on a shared set of notes with ever newer last-write-wins updates.
 */
final class WriterWorkload {

    static final UUID ACCOUNT = UUID.fromString("00000000-0000-0000-0000-00000000acc1");
    static final Instant BASE = Instant.parse("2025-08-13T10:00:00Z");
    static final int SHARED_NOTES = 10;

    private WriterWorkload() {
    }

    static UUID ownNoteId(String writer, int i) {
        return UUID.nameUUIDFromBytes((writer + "/" + i).getBytes(StandardCharsets.UTF_8));
    }

    static UUID sharedNoteId(int i) {
        return UUID.nameUUIDFromBytes(("shared/" + i).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs {@code rounds} rounds; every call that returns is an acknowledged write. */
    static void run(NoteStore store, String writer, int rounds) {
        for (int i = 0; i < rounds; i++) {
            store.createNote(ACCOUNT, new Note(ownNoteId(writer, i), ACCOUNT, BASE, BASE, writer + " " + i));
            Instant at = BASE.plusMillis(i + 1);
            store.upsertNote(ACCOUNT, new Note(sharedNoteId(i % SHARED_NOTES), ACCOUNT, BASE, at, writer + " " + i));
        }
    }
}
