package dev.notely.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ids the balance and stable checks draw are what {@link UUID#randomUUID()} makes, from a seed: version
 * 4, the IETF variant, and every other bit as drawn, so a router keyed on any of them is graded as it will
 * behave.
 */
class RandomUuidTest {

    private static final long VERSION_BITS = 0xF000L;
    private static final long VARIANT_BITS = 0xC000_0000_0000_0000L;

    @Test
    void aDrawnIdIsAVersionFourIetfUuidKeepingEveryOtherBitOfItsDraws() {
        Random random = new Random(5);
        Random same = new Random(5);
        for (int i = 0; i < 100; i++) {
            UUID id = Fixture.randomUuid(random);
            long most = same.nextLong();
            long least = same.nextLong();

            assertEquals(4, id.version(), id::toString);
            assertEquals(2, id.variant(), id::toString);
            assertEquals(most & ~VERSION_BITS, id.getMostSignificantBits() & ~VERSION_BITS, id::toString);
            assertEquals(least & ~VARIANT_BITS, id.getLeastSignificantBits() & ~VARIANT_BITS, id::toString);
        }
    }
}
