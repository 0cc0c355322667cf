package dev.notely.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigrationStageTest {

    @Test
    void theStageTableReadsAsInTheHandbook() {
        List<String> rows = Arrays.stream(MigrationStage.values())
                .map(s -> s.label() + " " + s.authoritative() + " " + (s.writesBoth() ? s.secondary() : "-")
                        + " " + (s.shadowReads() ? "shadow" : "-"))
                .toList();
        assertEquals(List.of(
                "off legacy - -",
                "dual-write legacy new -",
                "shadow legacy new shadow",
                "live new legacy shadow",
                "ramp-down new legacy -",
                "complete new - -"), rows);
    }

    @Test
    void everyStageButTheEndsGoesBothWays() {
        assertEquals(Optional.of(MigrationStage.DUAL_WRITE), MigrationStage.OFF.next());
        assertEquals(Optional.empty(), MigrationStage.OFF.previous());
        assertEquals(Optional.of(MigrationStage.SHADOW), MigrationStage.LIVE.previous());
        assertEquals(Optional.of(MigrationStage.COMPLETE), MigrationStage.RAMP_DOWN.next());
        assertEquals(Optional.empty(), MigrationStage.COMPLETE.next());
        assertEquals(Optional.empty(), MigrationStage.COMPLETE.previous(), "complete cannot be undone");
    }

    @Test
    void labelsParseBackAndUnknownOnesAreNamed() {
        for (MigrationStage stage : MigrationStage.values()) {
            assertEquals(stage, MigrationStage.parse(stage.label()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MigrationStage.parse("DUAL"));
        assertEquals("unknown stage 'DUAL': expected one of off, dual-write, shadow, live, ramp-down, complete",
                e.getMessage());
        assertTrue(MigrationStage.SHADOW.writesBoth());
        assertFalse(MigrationStage.COMPLETE.writesBoth());
    }
}
