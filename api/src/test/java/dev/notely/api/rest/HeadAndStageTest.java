package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.rest.RawHttp.Answer;
import dev.notely.api.rest.RestFixture.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §17: HEAD answers like GET without a body; a stage of null is a 400, not a 200 that moves nothing. */
class HeadAndStageTest {

    @TempDir
    Path dir;
    private RestFixture api;
    private String account;

    @BeforeEach
    void start() {
        api = new RestFixture(dir);
        account = api.send("POST", "/accounts", "{\"name\":\"Ada\"}").json().getAsJsonObject().get("id").getAsString();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void headOnAGetRouteAnswersItsStatusAndLengthWithoutABody() throws IOException {
        Map<String, String> curl = Map.of("Host", "127.0.0.1:" + api.server.port());
        Answer get = RawHttp.send(api.server.port(), "GET", "/accounts/" + account, curl, null);
        Answer head = RawHttp.send(api.server.port(), "HEAD", "/accounts/" + account, curl, null);
        assertEquals(200, head.status());
        assertEquals("", head.body());
        assertEquals(get.headers().get("content-length"), head.headers().get("content-length"));
        assertEquals("application/json", head.headers().get("content-type"));
        assertEquals(404, RawHttp.send(api.server.port(), "HEAD", "/accounts/" + java.util.UUID.randomUUID(), curl, null)
                .status());
        // recorded under its route, not as unmatched
        api.awaitRecorded(key -> key.method().equals("HEAD") && key.route().equals("/accounts/{accountId}")
                && key.status() == 200);
    }

    @Test
    void headOnAWriteOnlyRouteIs405NamingHead() throws IOException {
        Answer r = RawHttp.send(api.server.port(), "DELETE", "/accounts", Map.of("Host", "localhost"), null);
        assertEquals(405, r.status());
        assertTrue(r.headers().get("allow").contains("HEAD"), r.headers().toString());
    }

    @Test
    void aNullStageIsA400AndChangesNothing() {
        Reply r = api.send("PUT", "/accounts/" + account, "{\"stage\":null,\"name\":\"Eve\"}");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.error().contains("stage"), r.error());
        assertEquals("Ada", api.get("/accounts/" + account).json().getAsJsonObject().get("name").getAsString());
    }
}
