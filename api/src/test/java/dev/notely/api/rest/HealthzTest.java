package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.notely.api.rest.RestFixture.Reply;
import dev.notely.store.StoreException;
import dev.notely.store.StoreRouter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §17: {@code /healthz} is 200 while the API can serve, naming each store's state, 503 only when it cannot. */
class HealthzTest {

    @TempDir
    Path dir;
    private RestFixture api;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void everyStoreOkIsOkWithEachStoreNamed() {
        api = new RestFixture(dir);
        Reply r = api.get("/healthz");
        assertEquals(200, r.status());
        JsonObject body = r.json().getAsJsonObject();
        assertEquals("ok", body.get("status").getAsString());
        assertEquals("ok", body.getAsJsonObject("stores").get("legacy").getAsString());
        assertEquals("ok", body.getAsJsonObject("stores").get("new").getAsString());
    }

    @Test
    void aStoreThatFailsWritesIsDegradedNotOk() {
        api = new RestFixture(dir);
        api.storeStates = Map.of("legacy", "ok", "new", "failing writes: [SQLITE_FULL] database or disk is full");
        Reply r = api.get("/healthz");
        assertEquals(200, r.status());
        JsonObject body = r.json().getAsJsonObject();
        assertEquals("degraded", body.get("status").getAsString());
        assertEquals("failing writes: [SQLITE_FULL] database or disk is full",
                body.getAsJsonObject("stores").get("new").getAsString());
    }

    @Test
    void aNoteStoreDownWhileAVersionServesIsDegradedNot503() {
        api = new RestFixture(dir, stores -> new StoreRouter(stores.open("legacy")) {
            @Override
            public void healthCheck() {
                throw new StoreException("note store 'new': connection refused");
            }
        });
        api.storeStates = Map.of("legacy", "ok", "new", "unavailable: connection refused");
        Reply r = api.get("/healthz");
        assertEquals(200, r.status(), r.body());
        JsonObject body = r.json().getAsJsonObject();
        assertEquals("degraded", body.get("status").getAsString());
        assertEquals("unavailable: connection refused", body.getAsJsonObject("stores").get("new").getAsString());
    }

    @Test
    void theAccountStoreDownIs503() {
        api = new RestFixture(dir);
        api.accounts.close();
        Reply r = api.get("/healthz");
        assertEquals(503, r.status(), r.body());
        assertEquals("unavailable", r.json().getAsJsonObject().get("status").getAsString());
    }
}
