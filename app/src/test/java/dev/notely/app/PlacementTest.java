package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.notely.store.Account;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private final Account plain = new Account(UUID.randomUUID(), "a", false, null);

    @Test
    void aShardIsHomeWhateverElseIsSet() {
        assertEquals("second", new Placement(true).home(plain.withShard("second")));
        assertEquals("second", new Placement(false).home(plain.withShard("second").withMigrating(true)));
    }

    @Test
    void aMigratingAccountWithoutAShardBelongsInNew() {
        assertEquals("new", new Placement(true).home(plain.withMigrating(true)));
    }

    @Test
    void anyOtherAccountStaysWhereNotesStart() {
        assertEquals("legacy", new Placement(true).home(plain));
        assertEquals("new", new Placement(false).home(plain));
    }
}
