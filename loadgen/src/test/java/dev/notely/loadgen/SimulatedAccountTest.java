package dev.notely.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.loadgen.ScriptedApi.Landed;
import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.telemetry.ConsistencyMiss;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consistency checks of one simulated user, against an API that answers what each test scripts: every
 * kind of miss on every path that can see it (the read-back of a note it owns, its note list and the reads
 * that follow it, the re-read of a note it deleted), reported once, for the right note, with the reason; and
 * no miss where a write's fate is unknown.
 */
class SimulatedAccountTest {

    /** A miss as the user reported it. */
    private record Miss(ConsistencyMiss kind, UUID note, String detail) {
    }

    /**
     * Rolls that always come out as {@code value} (or the highest roll allowed), so a test says which of the
     * user's notes a request picks, and whether a read looks at a deleted note (roll 0) or one it owns.
     */
    private record Rolls(int value) implements RandomGenerator {
        @Override
        public int nextInt(int bound) {
            return Math.min(value, bound - 1);
        }

        @Override
        public long nextLong() {
            return value;
        }
    }

    private static final Rolls OWNED = new Rolls(1);
    private static final Rolls DELETED = new Rolls(0);

    private final ScriptedApi api = new ScriptedApi();
    private final Tally tally = new Tally();
    private final List<Miss> misses = new ArrayList<>();
    private final MissListener listener = (kind, account, noteId, detail, seenBy, status, sent) ->
            misses.add(new Miss(kind, noteId, detail));
    private final SimulatedAccount user = new SimulatedAccount("user-test-1", 1);

    @AfterEach
    void stop() {
        api.close();
    }

    /** Creates the user's account and its one note; returns the note as the server holds it. */
    private Note created() {
        assertTrue(user.ensureCreated(api.client(), OWNED, tally));
        List<Note> notes = api.notes(user.id());
        assertEquals(1, notes.size(), "the user fills up to its target of one note");
        return notes.get(0);
    }

    private void perform(Operation op, Rolls rolls) {
        user.perform(op, api.client(), rolls, tally, listener);
    }

    private void tick() {
        user.tick(api.client(), OWNED, tally, listener);
    }

    private static Miss miss(ConsistencyMiss kind, Note note, String detail) {
        return new Miss(kind, note.id(), detail);
    }

    // --- read-back of a note it owns

    @Test
    void aReadOfANoteTheServerLostIsMissing() {
        Note note = created();
        api.lose(note.id());
        perform(Operation.READ, OWNED);
        assertEquals(List.of(miss(ConsistencyMiss.MISSING, note, "reading a note it owns answered 404")), misses);
    }

    @Test
    void aReadOfOlderContentIsStaleAndSaysWhichWrites() {
        Note note = created();
        perform(Operation.UPDATE, OWNED);
        Note written = api.note(note.id()).orElseThrow();
        api.hold(note); // the update is acknowledged, but the server answers with the version before it
        perform(Operation.READ, OWNED);
        assertEquals(List.of(miss(ConsistencyMiss.STALE, note, "reading a note it owns returned content written at "
                + note.updatedAt() + ", not the last acknowledged write of " + written.updatedAt())), misses);
    }

    @Test
    void aReadOfTheLastWriteIsNoMiss() {
        created();
        perform(Operation.UPDATE, OWNED);
        perform(Operation.READ, OWNED);
        perform(Operation.LIST, OWNED);
        tick(); // the read-back of the listed note
        assertEquals(List.of(), misses);
        assertEquals(0, tally.failures());
        assertEquals(List.of("POST /accounts", "POST /accounts/" + user.id() + "/notes"), api.requests().subList(0, 2));
        assertEquals(6, tally.requests(), "account, note, update, read, list, read-back");
    }

    // --- the note list, and the reads that follow it

    @Test
    void aNoteLeftOutOfTheListIsMissingOnceAndNotReadBack() {
        Note note = created();
        api.lose(note.id());
        perform(Operation.LIST, OWNED);
        assertEquals(List.of(miss(ConsistencyMiss.MISSING, note, "a note it owns is not in its note list")), misses);
        int before = api.requests().size();
        tick();
        assertFalse(api.requests().subList(before, api.requests().size()).contains(
                "GET /accounts/" + user.id() + "/notes/" + note.id()), "a note not listed is not read back");
        assertEquals(1, misses.size(), "reported once: " + misses);
    }

    @Test
    void aListedNoteReadBackWithOlderContentIsStale() {
        Note note = created();
        perform(Operation.UPDATE, OWNED);
        Note written = api.note(note.id()).orElseThrow();
        api.hold(note);
        perform(Operation.LIST, OWNED);
        assertEquals(List.of(), misses, "the ids alone agree");
        tick();
        assertEquals(List.of(miss(ConsistencyMiss.STALE, note, "reading a note from its note list returned content "
                + "written at " + note.updatedAt() + ", not the last acknowledged write of " + written.updatedAt())), misses);
    }

    @Test
    void aListedNoteGoneBeforeItsReadBackIsMissing() {
        Note note = created();
        perform(Operation.LIST, OWNED);
        api.lose(note.id());
        tick();
        assertEquals(List.of(miss(ConsistencyMiss.MISSING, note, "reading a note from its note list answered 404")), misses);
    }

    @Test
    void aDeletedNoteBackInTheListIsResurrectedOnceAndNotReadBack() {
        Note note = created();
        perform(Operation.DELETE, OWNED);
        assertEquals(List.of(), api.notes(user.id()));
        api.hold(note); // the delete is acknowledged, and the note comes back
        perform(Operation.LIST, OWNED);
        assertEquals(List.of(miss(ConsistencyMiss.RESURRECTED, note, "a deleted note is back in its note list")), misses);
        int before = api.requests().size();
        perform(Operation.CREATE, OWNED);
        tick();
        assertFalse(api.requests().subList(before, api.requests().size()).contains(
                "GET /accounts/" + user.id() + "/notes/" + note.id()), "a deleted note is not read back");
        assertEquals(1, misses.size(), "reported once: " + misses);
    }

    @Test
    void aListThatFailsChecksNothing() {
        Note note = created();
        api.lose(note.id());
        api.failNext("GET", Landed.NO);
        perform(Operation.LIST, OWNED);
        assertEquals(List.of(), misses, "no answer, nothing to check");
        assertEquals(Map.of("create", 0L, "read", 0L, "update", 0L, "delete", 0L, "list", 1L), tally.failuresByOperation());
    }

    // --- the re-read of a note it deleted

    @Test
    void aDeletedNoteThatCanBeReadAgainIsResurrected() {
        Note note = created();
        perform(Operation.DELETE, OWNED);
        api.hold(note);
        perform(Operation.READ, DELETED);
        assertEquals(List.of(miss(ConsistencyMiss.RESURRECTED, note, "a deleted note can be read again")), misses);
        assertEquals("GET /accounts/" + user.id() + "/notes/" + note.id(), api.requests().get(api.requests().size() - 1));
        assertEquals(4, tally.requests(), "account, note, delete, read: each counted");
        assertEquals(0, tally.failures());
    }

    @Test
    void readsThatGetNoAnswerAreFailuresNotMisses() {
        Note note = created();
        api.failNext("GET", Landed.NO);
        perform(Operation.READ, OWNED);
        perform(Operation.DELETE, OWNED);
        api.hold(note);
        api.failNext("GET", Landed.NO);
        perform(Operation.READ, DELETED);
        assertEquals(List.of(), misses, "no answer, nothing to check");
        assertEquals(2L, tally.failuresByOperation().get("read"));
        assertEquals(5, tally.requests());
    }

    @Test
    void aUserRemembersItsLastFiftyDeletes() {
        SimulatedAccount many = new SimulatedAccount("user-test-51", 51);
        assertTrue(many.ensureCreated(api.client(), OWNED, tally));
        List<Note> notes = api.notes(many.id());
        for (int i = 0; i < notes.size(); i++) {
            many.perform(Operation.DELETE, api.client(), new Rolls(0), tally, listener); // the oldest note each time
        }
        notes.forEach(api::hold); // every delete undone
        many.perform(Operation.CREATE, api.client(), OWNED, tally, listener);
        many.perform(Operation.LIST, api.client(), OWNED, tally, listener);
        assertEquals(notes.subList(1, 51).stream().map(Note::id).toList(), misses.stream().map(Miss::note).toList(),
                "the first of 51 deletes is forgotten");
    }

    @Test
    void aUserWritesItsNameAndARevisionIntoEveryNote() {
        Note note = created();
        assertEquals("user-test-1", user.name());
        assertEquals("user-test-1 rev 1: shard shard shard shard", note.content(), "3 words and one more, as rolled");
        perform(Operation.UPDATE, new Rolls(0));
        assertEquals("user-test-1 rev 2: migrate migrate migrate", api.note(note.id()).orElseThrow().content());
    }

    @Test
    void aDeletedNoteThatStaysGoneIsNoMiss() {
        Note note = created();
        perform(Operation.DELETE, OWNED);
        perform(Operation.READ, DELETED);
        assertEquals(List.of(), misses);
        assertEquals("GET /accounts/" + user.id() + "/notes/" + note.id(), api.requests().get(api.requests().size() - 1),
                "the deleted note was looked for");
    }

    @Test
    void onlyOneReadInTenLooksForADeletedNote() {
        Note note = created();
        perform(Operation.DELETE, OWNED);
        perform(Operation.CREATE, OWNED);
        api.hold(note);
        perform(Operation.READ, OWNED); // a roll other than 0 reads a note it owns
        assertEquals(List.of(), misses);
        assertFalse(api.requests().contains("GET /accounts/" + user.id() + "/notes/" + note.id()));
    }

    // --- updates

    @Test
    void anUpdateAnswered404IsMissingOnceAndTheNoteIsGivenUp() {
        Note note = created();
        api.lose(note.id());
        perform(Operation.UPDATE, OWNED);
        assertEquals(List.of(miss(ConsistencyMiss.MISSING, note, "updating a note it owns answered 404")), misses);
        assertEquals(0, user.noteCount(), "the user stops counting on a note the server says it lacks");
        perform(Operation.LIST, OWNED);
        assertEquals(1, misses.size(), "reported once: " + misses);
    }

    // --- writes whose fate is unknown stay uncertain: no false miss

    @Test
    void anUpdateWithoutAnAnswerMakesEitherContentRight() {
        created();
        api.failNext("PUT", Landed.NO);
        perform(Operation.UPDATE, OWNED);
        perform(Operation.READ, OWNED); // the old content: the write did not land
        api.hold(api.lastUpdate()); // it lands late after all, through the other version
        perform(Operation.READ, OWNED);
        assertEquals(List.of(), misses);
        assertEquals(1L, tally.failuresByOperation().get("update"));
    }

    @Test
    void aLandedUpdateWithoutAnAnswerIsNoMissEitherWay() {
        Note note = created();
        api.failNext("PUT", Landed.YES);
        perform(Operation.UPDATE, OWNED);
        perform(Operation.READ, OWNED);
        api.hold(note);
        perform(Operation.READ, OWNED);
        perform(Operation.LIST, OWNED);
        tick();
        assertEquals(List.of(), misses);
    }

    @Test
    void anAnsweredUpdateEndsTheUncertainty() {
        Note note = created();
        api.failNext("PUT", Landed.NO);
        perform(Operation.UPDATE, OWNED);
        perform(Operation.UPDATE, OWNED); // answered: from now on only this content is right
        Note written = api.note(note.id()).orElseThrow();
        api.hold(note);
        perform(Operation.READ, OWNED);
        assertEquals(1, misses.size(), misses.toString());
        assertEquals(ConsistencyMiss.STALE, misses.get(0).kind());
        assertTrue(misses.get(0).detail().endsWith("not the last acknowledged write of " + written.updatedAt()),
                misses.get(0).detail());
    }

    @Test
    void aDeleteWithoutAnAnswerThatDidNotLandIsNoResurrection() {
        Note note = created();
        api.failNext("DELETE", Landed.NO);
        perform(Operation.DELETE, OWNED);
        assertEquals(List.of(note), api.notes(user.id()), "the delete did not land");
        perform(Operation.LIST, OWNED);
        perform(Operation.READ, DELETED);
        assertEquals(List.of(), misses);
        assertEquals(0, user.noteCount(), "the user no longer counts on it either way");
        assertEquals(1L, tally.failuresByOperation().get("delete"));
    }

    @Test
    void twoVersionsRacingTheSameNoteRaiseNoFalseMiss() {
        // One version acknowledges nothing for an update it applies late; the other serves reads meanwhile.
        Note note = created();
        for (int round = 0; round < 5; round++) {
            api.failNext("PUT", round % 2 == 0 ? Landed.NO : Landed.YES);
            perform(Operation.UPDATE, OWNED);
            perform(Operation.READ, OWNED);
            perform(Operation.LIST, OWNED);
            tick();
        }
        api.hold(note); // even the very first content is one of the writes whose fate is unknown
        perform(Operation.READ, OWNED);
        assertEquals(List.of(), misses);
        assertEquals(5L, tally.failuresByOperation().get("update"));
    }

    // --- what the user does, and how it starts

    @Test
    void aUserKeepsNearItsTargetAndMostlyReads() {
        SimulatedAccount three = new SimulatedAccount("user-test-3", 3);
        assertTrue(three.ensureCreated(api.client(), OWNED, tally));
        assertEquals(Map.of(Operation.CREATE, 5, Operation.DELETE, 5, Operation.READ, 45, Operation.UPDATE, 25,
                Operation.LIST, 15), picks(three, 95), "at its target");

        SimulatedAccount below = new SimulatedAccount("user-test-4", 4);
        below.ensureCreated(api.client(), OWNED, tally);
        api.notes(below.id()).forEach(n -> below.perform(Operation.DELETE, api.client(), OWNED, tally, listener));
        assertEquals(Map.of(Operation.CREATE, 4, Operation.LIST, 1), picks(below, 5), "with no notes: create, or list");
        below.perform(Operation.CREATE, api.client(), OWNED, tally, listener);
        assertEquals(Map.of(Operation.CREATE, 20, Operation.READ, 45, Operation.UPDATE, 25, Operation.LIST, 15),
                picks(below, 105), "below its target it never deletes");

        SimulatedAccount above = new SimulatedAccount("user-test-5", 2);
        above.ensureCreated(api.client(), OWNED, tally);
        above.perform(Operation.CREATE, api.client(), OWNED, tally, listener);
        assertEquals(Map.of(Operation.DELETE, 20, Operation.READ, 45, Operation.UPDATE, 25, Operation.LIST, 15),
                picks(above, 105), "above its target it never creates");
        assertEquals(List.of(), misses);
    }

    /** How often each operation comes out over every roll from 0 to {@code rolls - 1}. */
    private static Map<Operation, Integer> picks(SimulatedAccount user, int rolls) {
        Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
        for (int roll = 0; roll < rolls; roll++) {
            counts.merge(user.pick(new Rolls(roll)), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aUserWhoseAccountCannotBeCreatedTriesAgainNextTick() {
        api.failNext("POST", Landed.NO);
        tick();
        assertEquals(null, user.id());
        assertEquals(1L, tally.failuresByOperation().get("create"));
        tick();
        assertEquals(2, api.notes(user.id()).size(), "created on the second tick with its note, then the tick's create");
    }

    @Test
    void aCreateWithoutAnAnswerIsNotCountedOn() {
        SimulatedAccount three = new SimulatedAccount("user-test-3", 3);
        assertTrue(three.ensureCreated(api.client(), OWNED, tally));
        api.failNext("POST", Landed.YES);
        three.perform(Operation.CREATE, api.client(), OWNED, tally, listener);
        assertEquals(3, three.noteCount(), "a create without an answer is not counted on");
        assertEquals(1L, tally.failuresByOperation().get("create"));
        assertEquals(4, api.notes(three.id()).size());
        three.perform(Operation.LIST, api.client(), OWNED, tally, listener);
        assertEquals(List.of(), misses, "an unknown note in the list is no miss");
    }

    @Test
    void fillingUpStopsAtTheFirstCreateWithoutAnAnswer() {
        SimulatedAccount three = new SimulatedAccount("user-test-3", 3);
        api.failNext("POST", "/notes", Landed.NO);
        assertTrue(three.ensureCreated(api.client(), OWNED, tally), "the account exists");
        assertEquals(0, three.noteCount());
        assertEquals(2, api.requests().size(), "the account, then one note that got no answer, then nothing more");
        three.tick(api.client(), OWNED, tally, listener);
        assertEquals(1, three.noteCount(), "the next tick carries on creating");
    }

    @Test
    void anAdoptedUserReadsItsNotesOnceThenChecksThem() {
        UUID accountId = UUID.randomUUID();
        Note kept = new Note(UUID.randomUUID(), accountId, Instant.now(), Instant.now(), "from an earlier run");
        api.hold(kept);
        SimulatedAccount adopted = SimulatedAccount.adopt(new Account(accountId, "user-0abc-1", false, null), 3);
        adopted.tick(api.client(), new Rolls(94), tally, listener); // reads its note, then lists (the highest roll)
        assertEquals(1, adopted.noteCount());
        assertEquals(List.of("GET /accounts/" + accountId + "/notes", "GET /accounts/" + accountId + "/notes/" + kept.id(),
                "GET /accounts/" + accountId + "/notes"), api.requests());
        api.lose(kept.id());
        adopted.tick(api.client(), OWNED, tally, listener);
        assertEquals(List.of(new Miss(ConsistencyMiss.MISSING, kept.id(), "reading a note from its note list answered 404")),
                misses);
    }

    @Test
    void anAdoptedUserThatCannotListTriesAgain() {
        UUID accountId = UUID.randomUUID();
        SimulatedAccount adopted = SimulatedAccount.adopt(new Account(accountId, "user-0abc-1", false, null), 3);
        api.failNext("GET", Landed.NO);
        assertFalse(adopted.ensureCreated(api.client(), OWNED, tally));
        assertTrue(adopted.ensureCreated(api.client(), OWNED, tally));
        assertEquals(0, adopted.noteCount());
        assertEquals(2, tally.requests());
        assertEquals(1, tally.failures());
    }
}
