package dev.notely.app.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.api.client.NotelyClient;
import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;
import dev.notely.app.Kit;
import dev.notely.app.Options;
import dev.notely.app.grading.GradeRecord;
import dev.notely.app.grading.GradeReport;
import dev.notely.app.grading.Grading;
import dev.notely.app.grading.StageInstaller;
import dev.notely.checks.Grader;
import dev.notely.room.JoinCode;
import dev.notely.room.RoomServer;
import dev.notely.room.RoomSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A room and three real kits on loopback: the instructor sees them join and move through exercise 1. */
class RoomWithKitsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private Kit kit(RoomServer room, String name) {
        return Kit.start(Options.parse(List.of("--headless", "--port", "0", "--network-delay", "0",
                "--data-dir", tmp.resolve(name).toString(),
                "--join", "127.0.0.1:" + room.port(), "--code", room.code().letters().toLowerCase(), "--name", name)));
    }

    private JsonObject view(RoomServer room) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + room.port() + "/room?code=" + room.code())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<JsonObject> row(JsonObject view, String name) {
        for (var row : view.getAsJsonArray("rows")) {
            if (row.getAsJsonObject().get("name").getAsString().equals(name)) {
                return Optional.of(row.getAsJsonObject());
            }
        }
        return Optional.empty();
    }

    private void awaitRow(RoomServer room, String name, String what, Predicate<JsonObject> condition) {
        Await.until(WAIT, name + ": " + what, () -> row(view(room), name).filter(condition).isPresent());
    }

    private static int passed(JsonObject row, int exercise) {
        JsonObject checks = row.getAsJsonObject("exercises").getAsJsonObject(String.valueOf(exercise));
        return checks == null ? -1 : checks.get("passed").getAsInt();
    }

    @Test
    void threeKitsJoinReportTheirProgressAndOneThatStopsGoesAway() throws Exception {
        RoomSettings settings = new RoomSettings(10, Duration.ofSeconds(12), Duration.ofMillis(200));
        List<Kit> kits = new ArrayList<>();
        try (RoomServer room = RoomServer.start("127.0.0.1", 0, JoinCode.random(), settings, Clock.systemUTC())) {
            try {
                for (String name : List.of("ana", "bea", "cy")) {
                    kits.add(kit(room, name));
                }
                for (String name : List.of("ana", "bea", "cy")) {
                    awaitRow(room, name, "joined, v1 serving, nothing graded",
                            r -> r.has("version") && r.get("version").getAsInt() == 1
                                    && r.getAsJsonObject("exercises").size() == 0 && !r.get("away").getAsBoolean());
                }
                assertEquals("0 of 3 finished exercise 1", view(room).get("summary").getAsString());

                // ana grades the solution for real (on a loaded machine a check may run out of time: the room
                // shows whatever the grading recorded); bea's latest grading passed everything, cy's three checks.
                int total = Grader.checkNames(1).size();
                Path anaData = tmp.resolve("ana");
                Grading.run(1, StageInstaller.stageSources(ControllerFixture.KIT_ROOT, "exercise1-complete"),
                        ControllerFixture.KIT_ROOT, GradeRecord.recording(1, anaData,
                                GradeReport.text(new PrintStream(OutputStream.nullOutputStream()))));
                GradeRecord ana = GradeRecord.read(anaData).get(0);
                assertEquals(total, ana.total());
                new GradeRecord(1, total, total, "pass", Instant.now()).write(tmp.resolve("bea"));
                new GradeRecord(1, 3, total, "fail", Instant.now()).write(tmp.resolve("cy"));
                awaitRow(room, "ana", ana.passed() + " checks of exercise 1", r -> passed(r, 1) == ana.passed());
                awaitRow(room, "bea", "exercise 1 done", r -> passed(r, 1) == total);
                awaitRow(room, "cy", "3 checks of exercise 1", r -> passed(r, 1) == 3);
                JsonObject view = view(room);
                int finished = ana.passed() == total ? 2 : 1;
                assertEquals(finished + " of 3 finished exercise 1", view.get("summary").getAsString());
                List<String> byProgress = ana.passed() == total ? List.of("ana", "bea", "cy")
                        : ana.passed() >= 3 ? List.of("bea", "ana", "cy") : List.of("bea", "cy", "ana");
                assertEquals(byProgress, names(view), "most progress first, then by name");

                // cy's accounts show by stage; no notes, no code, no paths travel.
                try (NotelyClient cy = new NotelyClient("127.0.0.1", kits.get(2).apiPort())) {
                    cy.createAccount("someone");
                }
                awaitRow(room, "cy", "one account at stage off", r -> r.getAsJsonObject("stages").has("off")
                        && r.getAsJsonObject("stages").get("off").getAsInt() == 1);
                String everything = view(room).toString();
                assertFalse(everything.contains(tmp.toString()), "no paths: " + everything);
                assertFalse(everything.contains("someone"), "no account or note contents: " + everything);

                kits.remove(2).close();
                awaitRow(room, "cy", "away once its kit stopped", r -> r.get("away").getAsBoolean());
                assertFalse(row(view(room), "ana").orElseThrow().get("away").getAsBoolean());
            } finally {
                kits.forEach(Kit::close);
            }
        }
    }

    private static List<String> names(JsonObject view) {
        List<String> names = new ArrayList<>();
        view.getAsJsonArray("rows").forEach(r -> names.add(r.getAsJsonObject().get("name").getAsString()));
        return names;
    }
}
