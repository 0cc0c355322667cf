package dev.notely.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link NoteStore} contract, the same for every backend: each backend's test extends this class and
 * says how to open its store; a store opened again in the same test sees the same data.
 *
 * @param <S> the backend's store type
 */
public abstract class NoteStoreContract<S extends NoteStore & AutoCloseable> {

    protected static final Instant T0 = Instant.parse("2025-08-13T10:00:00.000Z");

    protected S store;
    protected final UUID account = UUID.randomUUID();

    /** Opens the store under test: a fresh, empty one on the test's first call, the same data afterwards. */
    protected abstract S open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store != null) {
            store.close();
        }
    }

    protected Note note(String content, Instant updatedAt) {
        return new Note(UUID.randomUUID(), account, T0, updatedAt, content);
    }

    @Test
    void createThenGetReturnsTheSameNote() {
        Note n = note("hello", T0);
        store.createNote(account, n);
        assertEquals(Optional.of(n), store.getNote(account, n.id()));
        assertEquals(List.of(n.id()), store.listNotes(account));
        assertEquals(1, store.countNotes(account));
        assertEquals(1, store.totalNotes());
    }

    @Test
    void newerUpdateIsAppliedOlderAndEqualAreIgnored() {
        Note n = note("v1", T0.plusSeconds(10));
        store.createNote(account, n);

        assertTrue(store.updateNote(account, n.withContent("older", T0.plusSeconds(5))));
        assertEquals("v1", store.getNote(account, n.id()).orElseThrow().content(), "older write ignored");

        assertTrue(store.updateNote(account, n.withContent("equal", T0.plusSeconds(10))));
        assertEquals("v1", store.getNote(account, n.id()).orElseThrow().content(), "equal write ignored");

        Note newer = n.withContent("v2", T0.plusSeconds(11));
        assertTrue(store.updateNote(account, newer));
        assertEquals(Optional.of(newer), store.getNote(account, n.id()));
    }

    @Test
    void updateOfAMissingNoteReturnsFalseAndWritesNothing() {
        Note ghost = note("ghost", T0);
        assertFalse(store.updateNote(account, ghost));
        assertEquals(Optional.empty(), store.getNote(account, ghost.id()));
        assertEquals(0, store.totalNotes());
    }

    @Test
    void deleteIsIdempotent() {
        Note n = note("bye", T0);
        store.createNote(account, n);
        store.deleteNote(account, n.id());
        store.deleteNote(account, n.id());
        store.deleteNote(account, UUID.randomUUID());
        assertEquals(Optional.empty(), store.getNote(account, n.id()));
        assertEquals(List.of(), store.listNotes(account));
        assertFalse(store.updateNote(account, n.withContent("after the delete", T0.plusSeconds(1))),
                "a deleted note is not there to update");
    }

    @Test
    void duplicateCreateFailsClearlyAndKeepsTheFirst() {
        Note n = note("first", T0);
        store.createNote(account, n);
        ConflictException e = assertThrows(ConflictException.class,
                () -> store.createNote(account, n.withContent("second", T0.plusSeconds(1))));
        assertEquals("note " + n.id() + " already exists in the " + store.name() + " store", e.getMessage());
        assertEquals("first", store.getNote(account, n.id()).orElseThrow().content());

        UUID other = UUID.randomUUID();
        assertThrows(ConflictException.class,
                () -> store.createNote(other, new Note(n.id(), other, T0, T0, "same id, other account")));
        assertEquals(Optional.of(n.id()), store.getNote(account, n.id()).map(Note::id));
    }

    @Test
    void upsertInsertsOrUpdatesOnlyIfNewer() {
        Note n = note("copy", T0.plusSeconds(10));
        store.upsertNote(account, n);
        assertEquals(Optional.of(n), store.getNote(account, n.id()), "inserted");

        store.upsertNote(account, n);
        assertEquals(1, store.totalNotes(), "repeating the copy is harmless");

        store.upsertNote(account, n.withContent("older", T0.plusSeconds(9)));
        store.upsertNote(account, n.withContent("same time", T0.plusSeconds(10)));
        assertEquals("copy", store.getNote(account, n.id()).orElseThrow().content());

        store.upsertNote(account, n.withContent("newer", T0.plusSeconds(11)));
        assertEquals("newer", store.getNote(account, n.id()).orElseThrow().content());
    }

    @Test
    void notesAreOnlySeenThroughTheirAccount() {
        Note n = note("mine", T0);
        store.createNote(account, n);
        UUID other = UUID.randomUUID();
        assertEquals(Optional.empty(), store.getNote(other, n.id()));
        assertEquals(List.of(), store.listNotes(other));
        assertEquals(0, store.countNotes(other));
        assertFalse(store.updateNote(other, new Note(n.id(), other, T0, T0.plusSeconds(60), "hijack")));
        store.deleteNote(other, n.id());
        assertEquals(Optional.of(n), store.getNote(account, n.id()));

        store.upsertNote(other, new Note(n.id(), other, T0, T0.plusSeconds(60), "hijack"));
        assertEquals(Optional.of(n), store.getNote(account, n.id()), "an upsert cannot take over a note");
    }

    @Test
    void aNoteMustBelongToTheAccountItIsWrittenFor() {
        Note n = note("x", T0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.createNote(UUID.randomUUID(), n));
        assertTrue(e.getMessage().contains("belongs to account " + account), e.getMessage());
        assertEquals(0, store.totalNotes());
    }

    @Test
    void listIsOldestFirstAndTimesKeepMilliseconds() {
        Note a = new Note(UUID.randomUUID(), account, T0.plusMillis(2), T0.plusMillis(2), "a");
        Note b = new Note(UUID.randomUUID(), account, T0.plusMillis(1), Instant.parse("2025-08-13T10:00:00.123456Z"), "b");
        store.createNote(account, a);
        store.createNote(account, b);
        assertEquals(List.of(b.id(), a.id()), store.listNotes(account));
        assertEquals(Instant.parse("2025-08-13T10:00:00.123Z"), store.getNote(account, b.id()).orElseThrow().updatedAt());
    }

    @Test
    void racingWritesOfOneNoteEndWithTheNewest() throws Exception {
        // Four writers send every version of one note, updates and migration copies mixed, each in its own
        // shuffled order, all at once: whatever the interleaving, the newest version is what stays.
        Note first = note("v0", T0);
        store.createNote(account, first);
        List<Note> versions = new ArrayList<>();
        for (int v = 1; v <= 40; v++) {
            versions.add(first.withContent("v" + v, T0.plusMillis(v)));
        }
        int writers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                List<Note> order = new ArrayList<>(versions);
                Collections.shuffle(order, new Random(w));
                boolean upserts = w % 2 == 1;
                Callable<Boolean> writer = () -> {
                    start.await();
                    boolean alwaysThere = true;
                    for (Note version : order) {
                        if (upserts) {
                            store.upsertNote(account, version);
                        } else {
                            alwaysThere &= store.updateNote(account, version);
                        }
                    }
                    return alwaysThere;
                };
                done.add(pool.submit(writer));
            }
            start.countDown();
            for (Future<Boolean> writer : done) {
                assertTrue(writer.get(60, TimeUnit.SECONDS), "every update found the note");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Optional.of(versions.get(versions.size() - 1)), store.getNote(account, first.id()));
        assertEquals(1, store.totalNotes());
    }

    @Test
    void writesAreDurableAcrossReopen() throws Exception {
        Note n = note("kept", T0);
        store.createNote(account, n);
        store.close();
        store = open();
        assertEquals(Optional.of(n), store.getNote(account, n.id()));
    }

    @Test
    void healthCheckPassesOnAWorkingStore() {
        store.healthCheck();
        assertEquals(0, store.totalNotes());
    }
}
