package dev.notely.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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

    /** The content of every row the backend holds, tombstones too: what is on disk, not what a read shows. */
    protected abstract List<String> storedContents() throws Exception;

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
        assertEquals("note " + n.id() + " already exists in the " + store.name() + " store, or did and was deleted",
                e.getMessage());
        assertEquals("first", store.getNote(account, n.id()).orElseThrow().content());

        UUID other = UUID.randomUUID();
        assertThrows(ConflictException.class,
                () -> store.createNote(other, new Note(n.id(), other, T0, T0, "same id, other account")));
        assertEquals(Optional.of(n.id()), store.getNote(account, n.id()).map(Note::id));
    }

    @Test
    void aDeletedNoteCannotBeCopiedOrCreatedBack() {
        Note n = note("read by a move before the delete", T0);
        store.createNote(account, n);
        store.deleteNote(account, n.id());

        store.upsertNote(account, n);
        store.upsertNote(account, n.withContent("newer than the delete", Instant.now().plusSeconds(60)));
        assertThrows(ConflictException.class, () -> store.createNote(account, n));

        assertEquals(Optional.empty(), store.getNote(account, n.id()));
        assertEquals(List.of(), store.listNotes(account));
        assertEquals(0, store.countNotes(account));
        assertEquals(0, store.totalNotes());
        assertEquals(List.of(), store.pageNotes(account, Optional.empty(), 10));
        assertEquals(List.of(), store.pageAccounts(Optional.empty(), 10));
    }

    @Test
    void aDeletedNoteCannotBeUpdatedOrMovedAway() {
        Note n = note("deleted", T0);
        store.createNote(account, n);
        store.deleteNote(account, n.id());
        Note later = n.withContent("written after the delete", Instant.now().plusSeconds(60));
        assertFalse(store.updateNote(account, later), "an update of a deleted note answers false");
        assertFalse(store.removeMovedNote(account, later), "a tombstone is not a copy to remove, however new the copy");
        store.upsertNote(account, later);
        assertEquals(Optional.empty(), store.getNote(account, n.id()), "the tombstone stayed");
        store.deleteNote(account, n.id());
        assertFalse(store.updateNote(account, later.withContent("and again", Instant.now().plusSeconds(120))));
        assertEquals(0, store.totalNotes());
    }

    @Test
    void aDeletedNoteKeepsNoContentEvenWhenALateCopyArrives() throws Exception {
        Note n = note("words the user took back", T0);
        store.createNote(account, n);
        store.deleteNote(account, n.id());
        store.upsertNote(account, n.withContent("a copy newer than the delete", Instant.now().plusSeconds(60)));
        assertEquals(List.of(""), storedContents(), "the tombstone holds nothing of the note");
    }

    @Test
    void anOlderOrEqualUpdateOfAnExistingNoteStillAnswersTrue() {
        Note n = note("current", T0.plusSeconds(5));
        store.createNote(account, n);
        assertTrue(store.updateNote(account, n.withContent("older", T0)), "the note exists: the API answers 200");
        assertTrue(store.updateNote(account, n.withContent("same moment", T0.plusSeconds(5))));
        assertEquals(Optional.of(n), store.getNote(account, n.id()));
    }

    @Test
    void everyWriteRefusesANoteOfAnotherAccount() {
        Note n = note("mine", T0);
        store.createNote(account, n);
        UUID other = UUID.randomUUID();
        Note newer = n.withContent("written under another account", T0.plusSeconds(60));
        for (Runnable write : List.<Runnable>of(() -> store.updateNote(other, newer), () -> store.upsertNote(other, newer),
                () -> store.removeMovedNote(other, newer))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, write::run);
            assertTrue(e.getMessage().contains("belongs to account " + account + ", not " + other), e.getMessage());
        }
        assertEquals(Optional.of(n), store.getNote(account, n.id()), "nothing was written");
    }

    @Test
    void aDeleteIsRememberedEvenBeforeTheNoteArrives() {
        // A move copies into this store after the delete reached it: the late copy is refused.
        Note n = note("not here yet", T0);
        store.deleteNote(account, n.id());
        store.upsertNote(account, n);
        assertEquals(Optional.empty(), store.getNote(account, n.id()));
        assertFalse(store.removeMovedNote(account, n), "a tombstone is not a copy to remove");
        store.upsertNote(account, n);
        assertEquals(Optional.empty(), store.getNote(account, n.id()), "the tombstone stayed");
    }

    @Test
    void aDeleteOfAnotherAccountsNoteChangesNothing() {
        Note n = note("mine", T0);
        store.createNote(account, n);
        store.deleteNote(UUID.randomUUID(), n.id());
        assertEquals(Optional.of(n), store.getNote(account, n.id()));
    }

    @Test
    void aMovedNoteLeavesNoTombstoneAndCanMoveBack() {
        Note n = note("travels", T0);
        store.createNote(account, n);
        assertTrue(store.removeMovedNote(account, n));
        assertEquals(Optional.empty(), store.getNote(account, n.id()));
        assertFalse(store.removeMovedNote(account, n), "nothing left to remove");

        Note back = n.withContent("back again", T0.plusSeconds(1));
        store.upsertNote(account, back);
        assertEquals(Optional.of(back), store.getNote(account, n.id()));
    }

    @Test
    void aCopyWrittenAfterTheMoveReadItStays() {
        Note read = note("as the move read it", T0);
        store.createNote(account, read);
        Note later = read.withContent("written after the read", T0.plusSeconds(1));
        assertTrue(store.updateNote(account, later));

        assertFalse(store.removeMovedNote(account, read), "the newer write is not the copy that moved");
        assertEquals(Optional.of(later), store.getNote(account, read.id()));
        assertFalse(store.removeMovedNote(account, read.withContent("older still", T0.minusSeconds(1))));
        assertTrue(store.removeMovedNote(account, later));
    }

    @Test
    void pagesWalkAnAccountsNotesInIdOrder() {
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Note n = note("n" + i, T0.plusMillis(i));
            notes.add(n);
            store.createNote(account, n);
        }
        Note someoneElses = otherAccountNote();
        store.createNote(someoneElses.creator(), someoneElses);
        Note deleted = notes.remove(3);
        store.deleteNote(account, deleted.id());
        notes.sort(Comparator.comparing(n -> n.id().toString()));

        List<Note> walked = new ArrayList<>();
        Optional<UUID> after = Optional.empty();
        while (true) {
            List<Note> page = store.pageNotes(account, after, 4);
            walked.addAll(page);
            if (page.size() < 4) {
                break;
            }
            after = Optional.of(page.get(page.size() - 1).id());
        }
        assertEquals(notes, walked);
        assertThrows(IllegalArgumentException.class, () -> store.pageNotes(account, Optional.empty(), 0));
    }

    @Test
    void pagesWalkTheAccountsWithNotes() {
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            accounts.add(id);
            store.createNote(id, new Note(UUID.randomUUID(), id, T0, T0, "a"));
            store.createNote(id, new Note(UUID.randomUUID(), id, T0, T0, "b"));
        }
        UUID emptied = UUID.randomUUID();
        Note gone = new Note(UUID.randomUUID(), emptied, T0, T0, "gone");
        store.createNote(emptied, gone);
        store.deleteNote(emptied, gone.id());
        accounts.sort(Comparator.comparing(UUID::toString));

        List<UUID> first = store.pageAccounts(Optional.empty(), 3);
        List<UUID> rest = store.pageAccounts(Optional.of(first.get(2)), 3);
        List<UUID> walked = new ArrayList<>(first);
        walked.addAll(rest);
        assertEquals(accounts, walked);
    }

    private Note otherAccountNote() {
        UUID other = UUID.randomUUID();
        return new Note(UUID.randomUUID(), other, T0, T0, "someone else's");
    }

    @Test
    void racingDeleteAndCopyNeverLeaveTheNote() throws Exception {
        // A delete and a move's copy of the same note, at the same moment, over and over: in whichever
        // order the store runs them, the note ends deleted.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 100; round++) {
                Note n = note("round " + round, T0.plusMillis(round));
                CountDownLatch start = new CountDownLatch(1);
                Future<?> copy = pool.submit(() -> {
                    start.await();
                    store.upsertNote(account, n);
                    return null;
                });
                Future<?> delete = pool.submit(() -> {
                    start.await();
                    store.deleteNote(account, n.id());
                    return null;
                });
                start.countDown();
                copy.get(30, TimeUnit.SECONDS);
                delete.get(30, TimeUnit.SECONDS);
                assertEquals(Optional.empty(), store.getNote(account, n.id()), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, store.totalNotes());
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
