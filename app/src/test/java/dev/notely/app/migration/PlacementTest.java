package dev.notely.app.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private final Account plain = new Account(UUID.randomUUID(), "a", false, null);

    @Test
    void aShardIsHomeWhateverElseIsSet() {
        assertEquals(List.of("second"), new Placement(true).homes(plain.withShard("second")));
        assertEquals(List.of("second"), new Placement(false).homes(plain.withShard("second").withMigrating(true)));
    }

    @Test
    void aMigratingAccountWithoutAShardBelongsInNew() {
        assertEquals(List.of("new"), new Placement(true).homes(plain.withMigrating(true)));
    }

    @Test
    void anyOtherAccountStaysWhereNotesStart() {
        assertEquals(List.of("legacy"), new Placement(true).homes(plain));
        assertEquals(List.of("new"), new Placement(false).homes(plain));
    }

    @Test
    void exerciseThreesStagesKeepNotesInBothStoresUntilComplete() {
        assertEquals(List.of("legacy"), new Placement(true).homes(plain.withStage(MigrationStage.OFF)));
        for (MigrationStage stage : List.of(MigrationStage.DUAL_WRITE, MigrationStage.SHADOW, MigrationStage.LIVE,
                MigrationStage.RAMP_DOWN)) {
            assertEquals(List.of("legacy", "new"), new Placement(true).homes(plain.withStage(stage)), stage.label());
        }
        assertEquals(List.of("new"), new Placement(true).homes(plain.withStage(MigrationStage.COMPLETE)));
    }
}
