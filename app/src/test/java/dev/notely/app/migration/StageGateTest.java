package dev.notely.app.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.notely.api.BackfillStatus;
import dev.notely.api.BackfillStatus.AccountProgress;
import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import dev.notely.store.Note;
import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gates open only when the account's backfill is done and its stores agree. */
class StageGateTest {

    private static final Instant T0 = Instant.parse("2025-08-13T10:00:00Z");

    @TempDir
    Path dir;

    private SqliteAccountStore accounts;
    private SqliteNoteStores stores;
    private AccountProgress progress;
    private StageGate gate;
    private Account ada;
    /** What counting the account's notes left afresh finds, one count after another; none when empty. */
    private final Deque<Long> freshCounts = new ArrayDeque<>();
    private int recounts;

    @BeforeEach
    void open() {
        accounts = SqliteAccountStore.open(dir);
        stores = new SqliteNoteStores(dir, new StatsCollector());
        ada = new Account(UUID.randomUUID(), "Ada", false, null, MigrationStage.DUAL_WRITE);
        accounts.createAccount(ada);
        Verifier verifier = new Verifier(accounts, stores, NoteStores.NAMES, 0, Duration.ZERO);
        gate = new StageGate(() -> new BackfillStatus(BackfillStatus.State.DONE, Optional.empty(), 200, 200, 0, 0, 0,
                OptionalLong.empty(), 0, 25, progress == null ? List.of() : List.of(progress)), account -> {
                    recounts++;
                    return freshCounts.isEmpty() ? 0 : freshCounts.poll();
                }, verifier, 3, Duration.ZERO);
    }

    @AfterEach
    void close() {
        stores.close();
        accounts.close();
    }

    private Note note(String content) {
        Note n = new Note(UUID.randomUUID(), ada.id(), T0, T0, content);
        stores.open(NoteStores.LEGACY).createNote(ada.id(), n);
        return n;
    }

    @Test
    void startingToWriteBothStoresNeedsNothing() {
        assertEquals(Optional.empty(), gate.refusal(ada.withStage(MigrationStage.OFF), MigrationStage.DUAL_WRITE));
    }

    @Test
    void aBackfillNotRunOrNotThroughHoldsTheAccount() {
        assertEquals(Optional.of("backfill 0 % (press b, or POST /backfill {\"action\":\"start\"})"),
                gate.refusal(ada, MigrationStage.SHADOW));
        progress = new AccountProgress(ada.id(), "Ada", 4, 6, false);
        assertEquals(Optional.of("backfill 40 % (press b, or POST /backfill {\"action\":\"start\"})"),
                gate.refusal(ada, MigrationStage.SHADOW));
    }

    @Test
    void aCopyLeftThatACountAgainDoesNotFindWasAWriteInFlight() {
        progress = new AccountProgress(ada.id(), "Ada", 3, 1, true); // a user's write between the two stores
        freshCounts.addAll(List.of(1L, 0L));
        assertEquals(Optional.empty(), gate.refusal(ada, MigrationStage.SHADOW));
        assertEquals(2, recounts);

        recounts = 0;
        freshCounts.addAll(List.of(1L, 1L, 1L, 1L));
        assertEquals(Optional.of("backfill 75 % (press b, or POST /backfill {\"action\":\"start\"})"),
                gate.refusal(ada, MigrationStage.SHADOW), "a copy still to make every time is one");
        assertEquals(4, recounts);
    }

    @Test
    void oncePastTheBackfillTheStoresMustAgree() {
        Note copied = note("copied");
        stores.open(NoteStores.NEW).upsertNote(ada.id(), copied);
        note("written only to legacy");
        note("another");
        progress = new AccountProgress(ada.id(), "Ada", 1, 0, true);
        assertEquals(Optional.of("verify: 2 notes differ"), gate.refusal(ada, MigrationStage.SHADOW));

        stores.open(NoteStores.LEGACY).pageNotes(ada.id(), Optional.empty(), 10)
                .forEach(n -> stores.open(NoteStores.NEW).upsertNote(ada.id(), n));
        assertEquals(Optional.empty(), gate.refusal(ada, MigrationStage.SHADOW));
        assertEquals(Optional.empty(), gate.refusal(ada.withStage(MigrationStage.LIVE), MigrationStage.RAMP_DOWN));
    }
}
