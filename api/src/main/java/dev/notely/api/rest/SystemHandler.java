package dev.notely.api.rest;

import com.google.gson.JsonObject;
import dev.notely.api.Deployments;
import dev.notely.api.json.DeploymentJson;
import dev.notely.wire.Json;
import dev.notely.store.AccountStore;
import dev.notely.store.NoteRouter;
import dev.notely.telemetry.OpenMetricsText;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.StatsJson;
import io.undertow.server.HttpServerExchange;
import java.time.Instant;

/** {@code /healthz}, {@code /deploy}, {@code /stats}, {@code /metrics} and {@code /deployments}. */
final class SystemHandler {

    private final AccountStore accounts;
    private final NoteRouter router;
    private final Deployments deployments;
    private final StatsCollector stats;

    SystemHandler(AccountStore accounts, NoteRouter router, Deployments deployments, StatsCollector stats) {
        this.accounts = accounts;
        this.router = router;
        this.deployments = deployments;
        this.stats = stats;
    }

    void health(HttpServerExchange exchange) {
        JsonObject body = new JsonObject();
        body.addProperty("timestamp", Json.formatInstant(Instant.now()));
        try {
            accounts.healthCheck();
            router.healthCheck();
        } catch (RuntimeException e) {
            body.addProperty("status", "unavailable");
            body.addProperty("error", e.getMessage());
            Exchanges.json(exchange, 503, body);
            return;
        }
        body.addProperty("status", "ok");
        Exchanges.json(exchange, 200, body);
    }

    void deploy(HttpServerExchange exchange) {
        answerVersion(exchange, "deployment started", deployments.deploy());
    }

    void rollback(HttpServerExchange exchange) {
        answerVersion(exchange, "rolled back", deployments.rollback());
    }

    private static void answerVersion(HttpServerExchange exchange, String status, int version) {
        JsonObject body = new JsonObject();
        body.addProperty("status", status);
        body.addProperty("version", version);
        Exchanges.json(exchange, 200, body);
    }

    void stats(HttpServerExchange exchange) {
        Exchanges.json(exchange, 200, StatsJson.toJsonTree(stats.snapshot()));
    }

    /** The figures of {@code /stats} for Prometheus and other OpenMetrics scrapers. */
    void metrics(HttpServerExchange exchange) {
        Exchanges.text(exchange, 200, OpenMetricsText.CONTENT_TYPE, OpenMetricsText.format(stats.snapshot()));
    }

    void deployments(HttpServerExchange exchange) {
        Exchanges.json(exchange, 200, DeploymentJson.toJson(deployments.state()));
    }
}
