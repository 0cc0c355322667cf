package dev.notely.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreServersTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/notely?user=kit&password=secret";

    @Test
    void eachSettingNamesAStoreAndItsServer() {
        StoreServers servers = StoreServers.parse(List.of("second=" + URL + "2", "new=" + URL));
        assertEquals(Optional.of(URL), servers.url("new"));
        assertEquals(Optional.empty(), servers.url("legacy"));
        assertEquals(List.of("--store", "new=" + URL, "--store", "second=" + URL + "2"), servers.asArguments("--store"));
        assertEquals(servers, StoreServers.parse(servers.asArguments("--store").stream()
                .filter(a -> !a.equals("--store")).toList()), "the arguments read back as the same settings");
    }

    @Test
    void aWrongSettingIsRefusedWithWhatIsWrongAndNoPassword() {
        assertEquals("--store expects NAME=URL, such as new=jdbc:postgresql://127.0.0.1:5432/notely?user=USER&password=PASSWORD;"
                + " got 'jdbc:postgresql://127.0.0.1:5432/notely?...'", message(List.of(URL)));
        assertEquals("unknown note store 'newer': expected one of legacy, new, second", message(List.of("newer=" + URL)));
        assertEquals("--store new: 'mysql://127.0.0.1/notely?...' is not a PostgreSQL URL; expected"
                + " jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD", message(List.of("new=mysql://127.0.0.1/notely?password=secret")));
        assertEquals("--store second: 'jdbc:postgresql://127.0.0.1:notaport/notely?...' is not a PostgreSQL URL; expected"
                + " jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD",
                message(List.of("second=jdbc:postgresql://127.0.0.1:notaport/notely?password=secret")));
        assertEquals("--store new is given twice", message(List.of("new=" + URL, "new=" + URL)));
    }

    @Test
    void aServerWithoutAPortOrWithoutAHostIsTheDriversDefault() {
        for (String url : List.of("jdbc:postgresql://127.0.0.1/notely?user=kit", "jdbc:postgresql:notely?user=kit",
                "jdbc:postgresql://db.example:5432,127.0.0.1/notely")) {
            assertEquals(Optional.of(url), StoreServers.parse(List.of("new=" + url)).url("new"), url);
        }
    }

    @Test
    void portsFromOneTo65535AreAcceptedAndOthersRefused() {
        for (String port : List.of("1", "5432", "65535")) {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/notely";
            assertEquals(Optional.of(url), StoreServers.parse(List.of("new=" + url)).url("new"), port);
        }
        for (String port : List.of("0", "65536", "+5432", "", "054321")) {
            assertEquals("--store new: 'jdbc:postgresql://127.0.0.1:" + port + "/notely?...' is not a PostgreSQL URL;"
                    + " expected jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD",
                    message(List.of("new=jdbc:postgresql://127.0.0.1:" + port + "/notely?password=secret")), port);
        }
        assertEquals("--store new: 'jdbc:postgresql://db.example:5432,127.0.0.1:+5432/notely' is not a PostgreSQL URL;"
                + " expected jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD",
                message(List.of("new=jdbc:postgresql://db.example:5432,127.0.0.1:+5432/notely")), "every server's port");
    }

    @Test
    void aSettingThatIsOnlyTheUrlsParametersIsRefusedWithoutThem() {
        assertEquals("--store expects NAME=URL, such as new=jdbc:postgresql://127.0.0.1:5432/notely?user=USER&password=PASSWORD;"
                + " got '?...'", message(List.of("?user=kit&password=secret")));
    }

    @Test
    void shownWithoutPasswords() {
        assertEquals("new=jdbc:postgresql://127.0.0.1:5432/notely?...", StoreServers.parse(List.of("new=" + URL)).toString());
    }

    private static String message(List<String> settings) {
        return assertThrows(IllegalArgumentException.class, () -> StoreServers.parse(settings)).getMessage();
    }
}
