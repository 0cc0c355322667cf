package dev.notely.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.InvalidInputException;
import dev.notely.store.MigrationStage;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.wire.ProxyWire.Method;
import dev.notely.wire.RoutedCalls.NewAccount;
import dev.notely.wire.RoutedCalls.OnAccount;
import dev.notely.wire.RoutedCalls.OnNote;
import dev.notely.wire.RoutedCalls.Page;
import dev.notely.wire.RoutedCalls.WithNote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Each routed method's codec, both halves: what the app writes is what the proxy reads, and what the
 * router answers is what the app gets back, through the JSON text that crosses the wire.
 */
class RoutedCallsTest {

    private final UUID accountId = UUID.randomUUID();
    private final AccountDetails account = new AccountDetails(accountId, true, "shard-a", MigrationStage.SHADOW);
    private final Note note = new Note(UUID.randomUUID(), accountId, Instant.ofEpochMilli(1_000),
            Instant.ofEpochMilli(2_345), "hello");

    /** A router that records the call it gets and answers what the test set. */
    private class Recorder implements NoteRouter {
        final List<Object> calls = new ArrayList<>();

        @Override
        public List<UUID> listNotes(AccountDetails a) {
            calls.add(a);
            return List.of(note.id());
        }

        @Override
        public Optional<Note> getNote(AccountDetails a, UUID id) {
            calls.add(List.of(a, id));
            return Optional.of(note);
        }

        @Override
        public void createNote(AccountDetails a, Note n) {
            calls.add(List.of(a, n));
        }

        @Override
        public boolean updateNote(AccountDetails a, Note n) {
            calls.add(List.of(a, n));
            return true;
        }

        @Override
        public void deleteNote(AccountDetails a, UUID id) {
            calls.add(List.of(a, id));
        }

        @Override
        public long countNotes(AccountDetails a) {
            calls.add(a);
            return 7;
        }

        @Override
        public long totalNotes() {
            return 42;
        }

        @Override
        public void healthCheck() {
            calls.add("health");
        }

        @Override
        public Optional<String> assignShard(UUID id) {
            calls.add(id);
            return Optional.of("shard-b");
        }

        @Override
        public BackfillResult backfill(AccountDetails a, Optional<UUID> after, int limit) {
            calls.add(List.of(a, after, limit));
            return new BackfillResult(3, note.id());
        }
    }

    /** Params out through text and back in, the router asked, the answer out through text and back: as the wire does it. */
    private static <P, R> R roundTrip(RoutedCall<P, R> call, P params, NoteRouter router) {
        JsonObject sent = Json.parseStrict(call.params(params).toString()).getAsJsonObject();
        P read = call.read(sent);
        assertEquals(params, read, call + ": what the proxy reads is what the app wrote");
        JsonElement answer = Json.parseStrict(call.answer(router, read).toString());
        return call.result(answer);
    }

    @Test
    void everyRoutedMethodHasACodecAndEveryControlMethodNone() {
        for (Method method : Method.values()) {
            if (method.routed()) {
                assertSame(method, RoutedCalls.of(method).method());
            } else {
                assertThrows(IllegalArgumentException.class, () -> RoutedCalls.of(method));
            }
        }
    }

    @Test
    void noteCallsCarryTheAccountDetailsWholeAndTheNoteToTheMillisecond() {
        Recorder router = new Recorder();
        assertEquals(List.of(note.id()), roundTrip(RoutedCalls.LIST_NOTES, new OnAccount(account), router));
        assertEquals(Optional.of(note), roundTrip(RoutedCalls.GET_NOTE, new OnNote(account, note.id()), router));
        roundTrip(RoutedCalls.CREATE_NOTE, new WithNote(account, note), router);
        assertEquals(true, roundTrip(RoutedCalls.UPDATE_NOTE, new WithNote(account, note), router));
        roundTrip(RoutedCalls.DELETE_NOTE, new OnNote(account, note.id()), router);
        assertEquals(7L, roundTrip(RoutedCalls.COUNT_NOTES, new OnAccount(account), router));
        assertEquals(List.of(account, List.of(account, note.id()), List.of(account, note), List.of(account, note),
                List.of(account, note.id()), account), router.calls);
    }

    @Test
    void callsWithoutAnAccountAndTheBackfillPage() {
        Recorder router = new Recorder();
        assertEquals(42L, roundTrip(RoutedCalls.TOTAL_NOTES, RoutedCalls.Nothing.NOTHING, router));
        roundTrip(RoutedCalls.HEALTH_CHECK, RoutedCalls.Nothing.NOTHING, router);
        assertEquals(Optional.of("shard-b"), roundTrip(RoutedCalls.ASSIGN_SHARD, new NewAccount(accountId), router));
        assertEquals(new BackfillResult(3, note.id()),
                roundTrip(RoutedCalls.BACKFILL, new Page(account, Optional.of(note.id()), 50), router));
        assertEquals(BackfillResult.done(0), RoutedCalls.BACKFILL.result(Json.parseStrict("{\"moved\":0,\"next\":null}")));
        assertEquals(List.of("health", accountId, List.of(account, Optional.of(note.id()), 50)), router.calls);
    }

    @Test
    void absentAnswersTravelAsNull() {
        NoteRouter empty = new Recorder() {
            @Override
            public Optional<Note> getNote(AccountDetails a, UUID id) {
                return Optional.empty();
            }

            @Override
            public Optional<String> assignShard(UUID id) {
                return Optional.empty();
            }
        };
        assertEquals(Optional.empty(), roundTrip(RoutedCalls.GET_NOTE, new OnNote(account, note.id()), empty));
        assertEquals(Optional.empty(), roundTrip(RoutedCalls.ASSIGN_SHARD, new NewAccount(accountId), empty));
    }

    @Test
    void theProxyRefusesANoteOfAnotherAccountAndABadPageNamingTheField() {
        WithNote foreign = new WithNote(account, new Note(note.id(), UUID.randomUUID(), note.createdAt(), note.updatedAt(), "x"));
        InvalidInputException wrongCreator = assertThrows(InvalidInputException.class,
                () -> RoutedCalls.UPDATE_NOTE.read(RoutedCalls.UPDATE_NOTE.params(foreign)));
        assertTrue(wrongCreator.getMessage().contains("params.note.creator must be the account " + accountId),
                wrongCreator.getMessage());
        JsonObject tooBig = RoutedCalls.BACKFILL.params(new Page(account, Optional.empty(), ProxyWire.MAX_BACKFILL_PAGE + 1));
        InvalidInputException limit = assertThrows(InvalidInputException.class, () -> RoutedCalls.BACKFILL.read(tooBig));
        assertTrue(limit.getMessage().contains("params.limit must be a whole number from 1 to " + ProxyWire.MAX_BACKFILL_PAGE),
                limit.getMessage());
    }

    @Test
    void aBackfillThatAnswersNothingIsTheRoutersFaultAndSaysWhatToReturn() {
        NoteRouter nothing = new Recorder() {
            @Override
            public BackfillResult backfill(AccountDetails a, Optional<UUID> after, int limit) {
                return null;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RoutedCalls.BACKFILL.answer(nothing, new Page(account, Optional.empty(), 5)));
        assertTrue(e.getMessage().contains("BackfillResult.done(0)"), e.getMessage());
    }
}
