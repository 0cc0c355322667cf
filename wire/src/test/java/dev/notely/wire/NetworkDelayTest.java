package dev.notely.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The --network-delay setting: what it reads, what it refuses, and how it prints. */
class NetworkDelayTest {

    @Test
    void readsARangeAFixedDelayOrNone() {
        assertEquals(new NetworkDelay(1, 5), NetworkDelay.parse("1-5ms"));
        assertEquals(new NetworkDelay(1, 5), NetworkDelay.parse(" 1ms-5ms "));
        assertEquals(new NetworkDelay(3, 3), NetworkDelay.parse("3ms"));
        assertEquals(new NetworkDelay(3, 3), NetworkDelay.parse("3"));
        assertEquals(NetworkDelay.NONE, NetworkDelay.parse("0"));
        assertEquals(new NetworkDelay(0, 10_000), NetworkDelay.parse("0-10000"));
    }

    @Test
    void printsWhatItReads() {
        for (String text : new String[] {"1-5ms", "3ms", "0", "0-2ms"}) {
            assertEquals(text, NetworkDelay.parse(text).toString());
        }
        assertEquals("1-5ms", NetworkDelay.DEFAULT.toString());
    }

    @Test
    void refusesWhatIsNotADelayAndSaysWhatToWrite() {
        assertEquals("'fast' is not a delay: use a range such as 1-5ms, or 0 for none",
                assertThrows(IllegalArgumentException.class, () -> NetworkDelay.parse("fast")).getMessage());
        assertEquals("'5-1ms': the upper bound is below the lower bound",
                assertThrows(IllegalArgumentException.class, () -> NetworkDelay.parse("5-1ms")).getMessage());
        assertEquals("'10001': a delay over 10 s would make every call time out",
                assertThrows(IllegalArgumentException.class, () -> NetworkDelay.parse("10001")).getMessage());
        assertEquals("network delay range 5-1ms is not valid",
                assertThrows(IllegalArgumentException.class, () -> new NetworkDelay(5, 1)).getMessage());
        assertEquals("network delay range -1-0ms is not valid",
                assertThrows(IllegalArgumentException.class, () -> new NetworkDelay(-1, 0)).getMessage());
    }

    @Test
    void onlyAZeroUpperBoundIsNone() {
        assertTrue(NetworkDelay.NONE.isNone());
        assertFalse(new NetworkDelay(0, 1).isNone());
        NetworkDelay.NONE.pause(); // returns at once: nothing to wait for
    }

    @Test
    void aPauseLeavesAnInterruptForTheCaller() {
        Thread.currentThread().interrupt();
        new NetworkDelay(50, 50).pause();
        assertTrue(Thread.interrupted(), "the interrupt is kept for whoever stops the thread");
    }
}
