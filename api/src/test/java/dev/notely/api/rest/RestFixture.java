package dev.notely.api.rest;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.notely.api.Backfill;
import dev.notely.api.BackfillStatus;
import dev.notely.api.DeploymentException;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.Deployments;
import dev.notely.api.ProxyInfo;
import dev.notely.api.RolloutProgress;
import dev.notely.api.Verification;
import dev.notely.api.VerificationReport;
import dev.notely.store.StoreRouter;
import dev.notely.store.ConflictException;
import dev.notely.store.NoteRouter;
import dev.notely.store.sqlite.SqliteAccountStore;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A REST server over real SQLite stores and an in-process router, driven with real HTTP. */
final class RestFixture implements AutoCloseable {

    /** A scripted deployments fake: answers with a version, a conflict or a failure. */
    static final class FakeDeployments implements Deployments {
        volatile String outcome = "ok";
        volatile int deployed;

        @Override
        public int deploy() {
            switch (outcome) {
                case "busy" -> throw new ConflictException("deployment already in progress");
                case "broken" -> throw new DeploymentException("compile error: proxy/src/main/java/dev/notely/proxy/DataProxy.java:12: ';' expected");
                default -> {
                    return ++deployed;
                }
            }
        }

        @Override
        public int rollback() {
            if (outcome.equals("busy")) {
                throw new ConflictException("nothing to roll back to: v1 replaced no earlier version");
            }
            return Math.max(1, --deployed);
        }

        @Override
        public DeploymentState state() {
            return new DeploymentState(DeploymentStatus.ROLLOUT_WAIT, Optional.of(new RolloutProgress(12, 30)),
                    Optional.of(new ProxyInfo(2, 4242, Instant.parse("2025-08-13T10:00:00Z"), 1)),
                    Optional.of(new ProxyInfo(1, 4141, Instant.parse("2025-08-13T09:00:00Z"), 0)), Optional.empty());
        }
    }

    /** A scripted verification: answers with {@link #report}, or throws {@link #failure} when it is set. */
    static final class FakeVerification implements Verification {
        volatile VerificationReport report;
        volatile RuntimeException failure;

        @Override
        public VerificationReport verify() {
            if (failure != null) {
                throw failure;
            }
            return report;
        }
    }

    /** A backfill that remembers what it was told, with a fixed account list. */
    static final class FakeBackfill implements Backfill {
        volatile BackfillStatus.State state = BackfillStatus.State.IDLE;
        volatile int rate = Backfill.DEFAULT_RATE;
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public BackfillStatus status() {
            return new BackfillStatus(state, Optional.empty(), rate, rate / 2.0, 12.5, 30, 10, OptionalLong.of(1), 7.25, 25,
                    List.of(new BackfillStatus.AccountProgress(UUID.fromString("00000000-0000-0000-0000-000000000001"),
                            "Ada", 30, 10, false)));
        }

        @Override
        public void start() {
            calls.add("start");
            state = BackfillStatus.State.RUNNING;
        }

        @Override
        public void pause() {
            calls.add("pause");
            state = BackfillStatus.State.PAUSED;
        }

        @Override
        public void setRate(int notesPerSecond) {
            calls.add("rate " + notesPerSecond);
            rate = notesPerSecond;
        }
    }

    record Reply(int status, String body) {
        JsonElement json() {
            return JsonParser.parseString(body);
        }

        String error() {
            return json().getAsJsonObject().get("error").getAsString();
        }
    }

    /** A name given to the API with {@code --allowed-host}. */
    static final String ALLOWED_NAME = "notely.test";

    final StatsCollector stats = new StatsCollector();
    final SqliteAccountStore accounts;
    final SqliteNoteStores stores;
    final FakeDeployments deployments = new FakeDeployments();
    final FakeVerification verification = new FakeVerification();
    final FakeBackfill backfill = new FakeBackfill();
    /** What {@code /healthz} reports for each note store; tests set it. */
    volatile java.util.Map<String, String> storeStates = java.util.Map.of("legacy", "ok", "new", "ok");
    final RestServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    RestFixture(Path dir) {
        this(dir, stores -> new StoreRouter(stores.open("legacy"), "new"));
    }

    RestFixture(Path dir, Function<SqliteNoteStores, NoteRouter> router) {
        accounts = SqliteAccountStore.open(dir);
        stores = new SqliteNoteStores(dir, new StatsCollector());
        server = RestServer.start("127.0.0.1", 0, ApiServices.of(accounts, router.apply(stores), deployments, stats)
                .withBackfill(backfill).withVerification(verification).withStoreHealth(() -> storeStates)
                .withAllowedHosts(List.of(ALLOWED_NAME)));
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    Reply send(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                    .method(method, publisher).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    /** Waits until a recorded API request matches: the API records a request once its answer is complete. */
    void awaitRecorded(java.util.function.Predicate<dev.notely.telemetry.ApiKey> which) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (stats.snapshot().api().stream().noneMatch(row -> which.test(row.key()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such request recorded: " + stats.snapshot().api());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // polling interval
        }
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    @Override
    public void close() {
        server.close();
        stores.close();
        accounts.close();
    }
}
