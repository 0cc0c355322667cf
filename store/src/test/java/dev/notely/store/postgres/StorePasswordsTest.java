package dev.notely.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a store's password comes from when it is not on the command line (SPEC §17). */
class StorePasswordsTest {

    private static final String BARE = "jdbc:postgresql://127.0.0.1:5432/notely?user=kit";

    @Test
    void theVariableIsNamedAfterTheStore() {
        assertEquals("NOTELY_STORE_NEW_PASSWORD", StorePasswords.variable("new"));
        assertEquals("NOTELY_STORE_SECOND_PASSWORD", StorePasswords.variable("second"));
    }

    @Test
    void aUrlWithoutAPasswordTakesTheVariablesEncoded() {
        assertEquals(BARE + "&password=p%26ss+w%3Drd",
                StorePasswords.withPassword("new", BARE, Map.of("NOTELY_STORE_NEW_PASSWORD", "p&ss w=rd")));
        assertEquals("jdbc:postgresql://h/db?password=x",
                StorePasswords.withPassword("new", "jdbc:postgresql://h/db", Map.of("NOTELY_STORE_NEW_PASSWORD", "x")));
    }

    @Test
    void aPasswordInTheUrlWinsAndWithoutEitherTheDriverReadsPgpass() {
        String given = BARE + "&password=given";
        assertEquals(given, StorePasswords.withPassword("new", given, Map.of("NOTELY_STORE_NEW_PASSWORD", "other")));
        assertEquals(BARE, StorePasswords.withPassword("new", BARE, Map.of("NOTELY_STORE_LEGACY_PASSWORD", "other")));
        assertTrue(StorePasswords.hasPassword(given));
        assertFalse(StorePasswords.hasPassword(BARE));
    }
}
