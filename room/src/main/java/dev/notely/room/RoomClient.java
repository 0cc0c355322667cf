package dev.notely.room;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What a kit reports to a room with: one POST per report, short timeouts, nothing kept open between them. */
public final class RoomClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final URI report;
    private final JoinCode code;
    private final HttpClient http;

    /** @param hostPort the room's address, {@code HOST:PORT}, as the instructor reads it out */
    public RoomClient(String hostPort, JoinCode code) {
        this.report = URI.create("http://" + hostPort + "/report");
        this.code = code;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The room refused a report: wrong code, a name it will not take, a full room. */
    public static final class RefusedException extends IOException {
        private final int status;

        RefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Sends one report.
     *
     * @throws RefusedException when the room answered and said no, with its reason
     * @throws IOException      when the room cannot be reached
     */
    public void send(Progress progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(report)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(RoomServer.CODE_HEADER, code.letters())
                .POST(HttpRequest.BodyPublishers.ofString(progress.toJson().toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new RefusedException(response.statusCode(), reason(response));
        }
    }

    private static String reason(HttpResponse<String> response) {
        try {
            JsonElement body = JsonParser.parseString(response.body());
            if (body.isJsonObject() && body.getAsJsonObject().has("error")) {
                return body.getAsJsonObject().get("error").getAsString();
            }
        } catch (RuntimeException e) {
            // not the room's JSON: say what came back
        }
        return "HTTP " + response.statusCode();
    }
}
