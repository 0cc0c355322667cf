package dev.notely.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.notely.store.Account;
import dev.notely.store.ConflictException;
import dev.notely.store.MigrationStage;
import dev.notely.store.NotFoundException;
import dev.notely.store.sqlite.SqliteAccountStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageMovesTest {

    @TempDir
    Path dir;

    private SqliteAccountStore accounts;
    private final List<String> asked = new ArrayList<>();
    private Optional<String> gateSays = Optional.empty();
    private StageMoves moves;
    private final UUID ada = UUID.randomUUID();

    @BeforeEach
    void open() {
        accounts = SqliteAccountStore.open(dir);
        accounts.createAccount(new Account(ada, "Ada", false, null));
        moves = new StageMoves(accounts, (account, to) -> {
            asked.add(account.name() + " " + account.stage() + "->" + to);
            return gateSays;
        });
    }

    @AfterEach
    void close() {
        accounts.close();
    }

    private MigrationStage stored() {
        return accounts.getAccount(ada).orElseThrow().stage();
    }

    @Test
    void forwardOneStageAtATimeThroughTheGate() {
        assertEquals(MigrationStage.DUAL_WRITE, moves.step(ada, true).stage());
        assertEquals(MigrationStage.SHADOW, moves.move(ada, MigrationStage.SHADOW).stage());
        assertEquals(MigrationStage.SHADOW, stored());
        assertEquals(List.of("Ada off->dual-write", "Ada dual-write->shadow"), asked);
    }

    @Test
    void aClosedGateRefusesWithItsReasonAndChangesNothing() {
        moves.step(ada, true);
        gateSays = Optional.of("backfill 40 %");
        ConflictException e = assertThrows(ConflictException.class, () -> moves.step(ada, true));
        assertEquals("Ada cannot move to shadow yet: backfill 40 %", e.getMessage());
        assertEquals(MigrationStage.DUAL_WRITE, stored());
    }

    @Test
    void backIsAlwaysAllowedButNotFromComplete() {
        accounts.updateAccount(accounts.getAccount(ada).orElseThrow().withStage(MigrationStage.LIVE));
        gateSays = Optional.of("closed");
        assertEquals(MigrationStage.SHADOW, moves.step(ada, false).stage());
        assertEquals(List.of(), asked, "going back asks no gate");

        accounts.updateAccount(accounts.getAccount(ada).orElseThrow().withStage(MigrationStage.COMPLETE));
        assertEquals("Ada is at complete: there is no way back from complete",
                assertThrows(ConflictException.class, () -> moves.step(ada, false)).getMessage());
        assertEquals("Ada is complete: there is no way back from complete",
                assertThrows(ConflictException.class, () -> moves.move(ada, MigrationStage.RAMP_DOWN)).getMessage());
        assertEquals("Ada is at complete: the last stage",
                assertThrows(ConflictException.class, () -> moves.step(ada, true)).getMessage());
    }

    @Test
    void jumpsAndTheEndsAreRefusedByName() {
        assertEquals("Ada is at off: move one stage at a time, to dual-write",
                assertThrows(ConflictException.class, () -> moves.move(ada, MigrationStage.LIVE)).getMessage());
        assertEquals("Ada is at off: the first stage",
                assertThrows(ConflictException.class, () -> moves.step(ada, false)).getMessage());
        moves.step(ada, true);
        assertEquals("Ada is at dual-write: move one stage at a time, to shadow or back to off",
                assertThrows(ConflictException.class, () -> moves.move(ada, MigrationStage.COMPLETE)).getMessage());
        assertEquals(MigrationStage.DUAL_WRITE, moves.move(ada, MigrationStage.DUAL_WRITE).stage(), "staying is no move");
        assertThrows(NotFoundException.class, () -> moves.step(UUID.randomUUID(), true));
    }
}
