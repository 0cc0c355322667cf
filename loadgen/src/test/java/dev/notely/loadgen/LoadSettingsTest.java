package dev.notely.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The --gen settings: what each accepts, what it refuses, and the load they make. */
class LoadSettingsTest {

    private static String refusal(int concurrency, int notes, int rpm) {
        return assertThrows(IllegalArgumentException.class, () -> new LoadSettings(concurrency, notes, rpm)).getMessage();
    }

    @Test
    void eachSettingHasItsRange() {
        new LoadSettings(1, 1, 1);
        new LoadSettings(5_000, 1_000, 6_000);
        assertEquals("concurrency must be between 1 and 5000, was 5001", refusal(5_001, 3, 60));
        assertEquals("notes per account must be between 1 and 1000, was 0", refusal(5, 0, 60));
        assertEquals("notes per account must be between 1 and 1000, was 1001", refusal(5, 1_001, 60));
        assertEquals("requests per minute must be between 1 and 6000, was 0", refusal(5, 3, 0));
        assertEquals("requests per minute must be between 1 and 6000, was 6001", refusal(5, 3, 6_001));
    }

    @Test
    void theOfferedLoadIsEveryAccountsRateTogether() {
        assertEquals(5.0, LoadSettings.DEFAULT.requestsPerSecond(), 1e-9, "5 accounts at 60 a minute");
        assertEquals(0.5, new LoadSettings(3, 1, 10).requestsPerSecond(), 1e-9);
    }
}
