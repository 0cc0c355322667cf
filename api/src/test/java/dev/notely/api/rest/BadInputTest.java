package dev.notely.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.rest.RestFixture.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed input of every kind gets a 4xx JSON error, never a 5xx or a stack trace, and the server stays healthy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    @TempDir
    static Path dir;
    private RestFixture api;
    private String account;
    private String note;

    record Case(String name, String method, String path, String body, int status, String errorPart) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void start() {
        api = new RestFixture(dir);
        account = api.send("POST", "/accounts", "{\"name\":\"Ada\"}").json().getAsJsonObject().get("id").getAsString();
        note = api.send("POST", "/accounts/" + account + "/notes", "{\"content\":\"x\"}").json().getAsJsonObject()
                .get("id").getAsString();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    List<Case> cases() {
        String notes = "/accounts/" + account + "/notes";
        String one = notes + "/" + note;
        String big = "{\"content\":\"" + "z".repeat(70_000) + "\"}";
        return List.of(
                new Case("malformed JSON", "POST", "/accounts", "{\"name\":", 400, "not valid JSON"),
                new Case("empty body", "POST", "/accounts", "", 400, "JSON object"),
                new Case("JSON array body", "POST", "/accounts", "[1]", 400, "JSON object"),
                new Case("JSON string body", "POST", notes, "\"hello\"", 400, "JSON object"),
                new Case("name of the wrong type", "POST", "/accounts", "{\"name\":42}", 400, "name must be a string"),
                new Case("name as object", "POST", "/accounts", "{\"name\":{\"a\":1}}", 400, "name must be a string"),
                new Case("isMigrating as string", "PUT", "/accounts/" + account, "{\"isMigrating\":\"yes\"}", 400, "isMigrating must be true or false"),
                new Case("bad account id in body", "POST", "/accounts", "{\"name\":\"a\",\"id\":\"123\"}", 400, "id '123' is not a UUID"),
                new Case("short-form UUID", "GET", "/accounts/1-2-3-4-5", null, 400, "is not a UUID"),
                new Case("bad account UUID", "GET", "/accounts/zzz/notes", null, 400, "accountId 'zzz' is not a UUID"),
                new Case("bad note UUID", "DELETE", notes + "/zzz", null, 400, "noteId 'zzz' is not a UUID"),
                new Case("content of the wrong type", "POST", notes, "{\"content\":[]}", 400, "content must be a string"),
                new Case("empty content on create", "POST", notes, "{\"content\":\"\"}", 400, "content must not be empty"),
                new Case("empty content on update", "PUT", one, "{\"content\":\"\"}", 400, "content must not be empty"),
                new Case("unparsable createdAt", "POST", notes, "{\"content\":\"a\",\"createdAt\":\"yesterday\"}", 400, "createdAt"),
                new Case("unparsable updatedAt", "PUT", one, "{\"content\":\"a\",\"updatedAt\":\"2025-13-45T99:00:00Z\"}", 400, "updatedAt"),
                new Case("timestamp without zone", "PUT", one, "{\"content\":\"a\",\"updatedAt\":\"2025-08-13T10:00:00\"}", 400, "RFC 3339"),
                new Case("timestamp as number", "PUT", one, "{\"content\":\"a\",\"updatedAt\":1723543200}", 400, "updatedAt must be a string"),
                new Case("note id mismatch", "PUT", one, "{\"content\":\"a\",\"id\":\"" + UUID.randomUUID() + "\"}", 400, "does not match"),
                new Case("unquoted names and single quotes", "POST", "/accounts", "{name:'Ada'}", 400, "not valid JSON"),
                new Case("text after the JSON object", "POST", "/accounts", "{\"name\":\"Ada\"} {}", 400, "not valid JSON"),
                new Case("year beyond four digits", "PUT", one, "{\"content\":\"a\",\"updatedAt\":\"+999999999-12-31T00:00:00Z\"}", 400, "four digits"),
                new Case("oversized body", "POST", notes, big, 413, "64 KiB"),
                new Case("unknown route", "GET", "/nope", null, 404, "no route GET /nope"),
                new Case("unknown nested route", "GET", notes + "/" + note + "/extra", null, 404, "no route"),
                new Case("wrong method on accounts", "DELETE", "/accounts", null, 405, "not allowed"),
                new Case("wrong method on deploy", "GET", "/deploy", null, 405, "not allowed"),
                new Case("wrong method on a note", "POST", one, "{}", 405, "not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsA4xxJsonErrorAndTheServerStaysHealthy(Case c) {
        Reply r = api.send(c.method(), c.path(), c.body());
        assertEquals(c.status(), r.status(), r.body());
        assertTrue(r.error().contains(c.errorPart()), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + r.body());
        assertEquals(200, api.get("/healthz").status());
        assertEquals(200, api.get("/accounts/" + account + "/notes/" + note).status(), "nothing lost");
    }
}
