package dev.notely.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.notely.store.Note;
import dev.notely.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store whose server goes out of reach (a {@link TcpForwarder} between them is cut): its calls say the
 * store is unavailable; once the pool has no connection left they fail at once rather than each waiting
 * for one (a proxy runs its calls one at a time); and they work again, by themselves, once the server is back.
 */
class PostgresOutageTest {

    @RegisterExtension
    final TestPostgres server = new TestPostgres();

    @Test
    void whileTheServerIsOutOfReachCallsSaySoAndFailFastThenWorkAgainWhenItIsBack() throws Exception {
        UUID account = UUID.randomUUID();
        Note note = new Note(UUID.randomUUID(), account, Instant.EPOCH, Instant.EPOCH, "kept");
        try (TcpForwarder forwarder = TcpForwarder.toServerOf(server.url());
             PostgresNoteStore store = PostgresNoteStore.open("new", forwarder.reroute(server.url()))) {
            store.createNote(account, note);
            String named = "note store 'new' at jdbc:postgresql://127.0.0.1:" + forwarder.port() + "/";

            forwarder.cut();
            // The pool first finds its connections dead, then waits for a new one in vain: the failed attempt is the cause.
            String refused = awaitFailure(store, account, note, "The connection attempt failed");
            assertTrue(refused.startsWith(named), refused);
            assertTrue(refused.contains(" is unavailable: "), refused);
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                StoreException e = assertThrows(StoreException.class, () -> store.getNote(account, note.id()));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < PostgresDatabase.CONNECTION_TIMEOUT_MILLIS / 3, "fails at once, not after a wait: " + millis + " ms");
                assertTrue(e.getMessage().startsWith(named) && e.getMessage().contains(" is unavailable: "), e.getMessage());
            }

            forwarder.restore();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try {
                    assertEquals(Optional.of(note), store.getNote(account, note.id()), "the write before the outage");
                    break;
                } catch (StoreException e) {
                    if (System.nanoTime() > deadline) {
                        fail("still failing 20 s after the server came back: " + e.getMessage());
                    }
                }
            }
            store.healthCheck();
        }
    }

    @Test
    @Timeout(60) // without a socket timeout the call would hang for as long as TCP keeps trying
    void aServerThatFallsSilentFailsACallWithinTheSocketTimeoutNotAfterMinutes() throws Exception {
        UUID account = UUID.randomUUID();
        Note note = new Note(UUID.randomUUID(), account, Instant.EPOCH, Instant.EPOCH, "kept");
        try (TcpForwarder forwarder = TcpForwarder.toServerOf(server.url());
             PostgresNoteStore store = PostgresNoteStore.open("new", forwarder.reroute(server.url()))) {
            store.createNote(account, note);
            forwarder.silence();
            long start = System.nanoTime();
            StoreException e = assertThrows(StoreException.class, () -> store.getNote(account, note.id()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            // Under the app's 10 s call timeout, which would otherwise take the proxy for a hung one.
            assertTrue(millis < 9_000, "failed after " + millis + " ms");
            assertTrue(millis >= PostgresDatabase.SOCKET_TIMEOUT_SECONDS * 1_000L - 500, "it waited for an answer first: " + millis + " ms");
            assertTrue(e.getMessage().contains(" is unavailable: "), e.getMessage());

            forwarder.cut();
            forwarder.restore();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try {
                    assertEquals(Optional.of(note), store.getNote(account, note.id()));
                    break;
                } catch (StoreException again) {
                    if (System.nanoTime() > deadline) {
                        fail("still failing 20 s after the server came back: " + again.getMessage());
                    }
                }
            }
        }
    }

    /** Calls until one fails with {@code cause} in its message (within 20 s); returns that message. */
    private static String awaitFailure(PostgresNoteStore store, UUID account, Note note, String cause) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "no call failed";
        while (System.nanoTime() < deadline) {
            StoreException e = assertThrows(StoreException.class, () -> store.getNote(account, note.id()));
            last = e.getMessage();
            if (last.contains(cause)) {
                return last;
            }
        }
        return fail("no call failed with \"" + cause + "\" within 20 s; the last: " + last);
    }
}
