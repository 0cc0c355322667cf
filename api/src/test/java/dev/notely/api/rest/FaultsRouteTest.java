package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.Faults;
import dev.notely.store.StoreRouter;
import dev.notely.store.faults.FaultTable;
import dev.notely.store.faults.StoreFault;
import dev.notely.store.faults.StoreFaults;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET} and {@code POST /faults} (SPEC §19): what is set, merged and cleared, and every refusal. */
class FaultsRouteTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The kit's faults, as the app keeps them, without proxies to push them to. */
    private static final class HeldFaults implements Faults {
        final StoreFaults held = new StoreFaults();

        @Override
        public FaultTable current() {
            return held.current();
        }

        @Override
        public FaultTable change(String store, UnaryOperator<StoreFault> change) {
            return held.update(t -> t.with(store, change.apply(t.of(store))));
        }
    }

    private record Reply(int status, String body) {
    }

    private Reply send(RestServer server, String method, String body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/faults"))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void refused(RestServer server, String body, String error) {
        Reply r = send(server, "POST", body);
        assertEquals(400, r.status(), body + " -> " + r.body());
        assertTrue(r.body().contains(error), body + " -> " + r.body());
    }

    @Test
    void faultsAreSetAnySubsetAtATimeListedAndClearedAndBadValuesChangeNothing() {
        HeldFaults faults = new HeldFaults();
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir);
             SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector());
             RestServer server = RestServer.start("127.0.0.1", 0, ApiServices.of(accounts, new StoreRouter(stores.open("legacy"), "new"),
                     new RestFixture.FakeDeployments(), new StatsCollector()).withFaults(faults))) {
            assertEquals(new Reply(200, "{\"faults\":{},\"summary\":\"no faults\"}"), send(server, "GET", null));

            Reply set = send(server, "POST", "{\"store\":\"new\",\"latencyMs\":50,\"jitterMs\":10}");
            assertEquals(200, set.status(), set.body());
            assertEquals("{\"faults\":{\"new\":{\"latencyMs\":50,\"jitterMs\":10,\"errorRate\":0.0,\"down\":false,"
                    + "\"summary\":\"+50-60 ms\"}},\"summary\":\"new +50-60 ms\"}", set.body());
            send(server, "POST", "{\"store\":\"new\",\"errorRate\":0.2}");
            send(server, "POST", "{\"store\":\"legacy\",\"down\":true}");
            assertEquals(new StoreFault(50, 10, 0.2, false), faults.current().of("new"), "a subset keeps the other values");
            assertTrue(faults.current().of("legacy").down());

            FaultTable before = faults.current();
            refused(server, "{\"store\":\"newer\",\"latencyMs\":5}", "unknown store 'newer': expected one of legacy, new, second");
            refused(server, "{\"latencyMs\":5}", "store is missing");
            refused(server, "{\"store\":\"new\",\"latencyMs\":10001}", "latencyMs must be a whole number from 0 to 10000");
            refused(server, "{\"store\":\"new\",\"latencyMs\":2.5}", "latencyMs must be a whole number");
            refused(server, "{\"store\":\"new\",\"jitterMs\":-1}", "jitterMs must be a whole number from 0 to 10000");
            refused(server, "{\"store\":\"new\",\"errorRate\":1.5}", "errorRate must be a number from 0.0 to 1.0");
            refused(server, "{\"store\":\"new\",\"errorRate\":\"often\"}", "errorRate must be a number");
            refused(server, "{\"store\":\"new\",\"down\":\"yes\"}", "down must be true or false");
            refused(server, "{\"store\":\"new\",\"latencyMs\":5,\"errorRate\":2}", "errorRate");
            refused(server, "{\"store\":\"new\"}", "give latencyMs, jitterMs, errorRate, down, or clear");
            refused(server, "{\"store\":\"new\",\"clear\":true,\"down\":true}", "send it alone");
            refused(server, "not json", "not valid JSON");
            assertEquals(before, faults.current(), "a refused request changes nothing");

            assertEquals(200, send(server, "POST", "{\"store\":\"new\",\"clear\":true}").status());
            assertEquals("{\"faults\":{\"legacy\":{\"latencyMs\":0,\"jitterMs\":0,\"errorRate\":0.0,\"down\":true,"
                    + "\"summary\":\"down\"}},\"summary\":\"legacy down\"}", send(server, "GET", null).body());
            assertEquals(405, send(server, "PUT", "{}").status());
        }
    }

    @Test
    void aKitWithoutFaultsListsNoneAndSaysItCannotSetThem() {
        try (SqliteAccountStore accounts = SqliteAccountStore.open(dir);
             SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector());
             RestServer server = RestServer.start("127.0.0.1", 0, ApiServices.of(accounts, new StoreRouter(stores.open("legacy"), "new"),
                     new RestFixture.FakeDeployments(), new StatsCollector()))) {
            assertEquals(200, send(server, "GET", null).status());
            Reply r = send(server, "POST", "{\"store\":\"new\",\"down\":true}");
            assertEquals(503, r.status(), r.body());
            assertTrue(r.body().contains("store faults are not available"), r.body());
        }
    }
}
