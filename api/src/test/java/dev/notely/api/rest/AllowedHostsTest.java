package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which {@code Host} headers address this API (SPEC §17). */
class AllowedHostsTest {

    private final AllowedHosts loopback = AllowedHosts.of("127.0.0.1", List.of("Notely.Test"));

    @Test
    void theLoopbackNamesAndAddressesWithOrWithoutAPort() {
        for (String host : List.of("localhost", "localhost:8080", "LOCALHOST.", "127.0.0.1:8080", "127.0.0.2",
                "[::1]:8080", "[::1]", "notely.test:8080")) {
            assertTrue(loopback.allowsHeader(host), host);
        }
    }

    @Test
    void anyOtherNameIsRefusedWhateverItResolvesTo() {
        for (String host : List.of("evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io",
                "", "::1", "[::1", "[::1]x", "notely.test.evil")) {
            assertFalse(loopback.allowsHeader(host), host);
        }
    }

    @Test
    void noHostHeaderAtAllIsNotABrowser() {
        assertTrue(loopback.allowsHeader(null));
    }

    @Test
    void listeningOnEveryInterfaceAcceptsThisMachinesAddressesButNoName() {
        AllowedHosts everywhere = AllowedHosts.of("0.0.0.0", List.of());
        assertTrue(everywhere.allowsHeader("0.0.0.0:8080"));
        assertTrue(everywhere.allowsHeader("127.0.0.1"));
        assertFalse(everywhere.allowsHeader("192.0.2.1:8080"), "TEST-NET-1 is no address of this machine");
        assertFalse(everywhere.allowsHeader("evil.example"));
        assertFalse(loopback.allowsHeader("192.0.2.1"));
    }

    @Test
    void theHostPartOfAHeader() {
        assertEquals(Optional.of("a.b"), AllowedHosts.hostOf("a.b:80"));
        assertEquals(Optional.of("::1"), AllowedHosts.hostOf("[::1]:80"));
        assertEquals(Optional.empty(), AllowedHosts.hostOf("::1:80"));
    }

    @Test
    void anAllowedHostMustBeAHostName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllowedHosts.of("127.0.0.1", List.of("http://notely.test:8080")));
        assertTrue(e.getMessage().contains("without scheme or port"), e.getMessage());
    }
}
