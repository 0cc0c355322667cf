package dev.notely.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RouterFeaturesTest {

    /** A router as a start stage has it: every call but a backfill. */
    static class NoBackfill implements NoteRouter {
        @Override
        public List<UUID> listNotes(AccountDetails account) {
            return List.of();
        }

        @Override
        public Optional<Note> getNote(AccountDetails account, UUID noteId) {
            return Optional.empty();
        }

        @Override
        public void createNote(AccountDetails account, Note note) {
        }

        @Override
        public boolean updateNote(AccountDetails account, Note note) {
            return false;
        }

        @Override
        public void deleteNote(AccountDetails account, UUID noteId) {
        }

        @Override
        public long countNotes(AccountDetails account) {
            return 0;
        }

        @Override
        public long totalNotes() {
            return 0;
        }

        @Override
        public void healthCheck() {
        }

        @Override
        public Optional<String> assignShard(UUID accountId) {
            return Optional.empty();
        }
    }

    /** A later stage: the same router, now with a backfill. */
    static class WithBackfill extends NoBackfill {
        @Override
        public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
            return BackfillResult.done(0);
        }
    }

    @Test
    void aRouterThatKeepsTheInterfacesDefaultHasNoBackfill() {
        assertFalse(RouterFeatures.hasBackfill(new NoBackfill()));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> new NoBackfill().backfill(null, Optional.empty(), 1));
        assertEquals(RouterFeatures.noBackfill().getMessage(), e.getMessage(), "the default says what the kit says");
    }

    @Test
    void aRouterWithItsOwnBackfillHasOneAndSoDoesASubclassOfIt() {
        assertTrue(RouterFeatures.hasBackfill(new WithBackfill()));
        assertTrue(RouterFeatures.hasBackfill(new WithBackfill() { }));
        assertTrue(RouterFeatures.hasBackfill(new NoBackfill() {
            @Override
            public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
                throw new UnsupportedOperationException("not yet");
            }
        }), "one that throws is still one: its refusal is reported as its failure");
    }
}
