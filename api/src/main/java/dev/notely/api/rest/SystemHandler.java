package dev.notely.api.rest;

import com.google.gson.JsonObject;
import dev.notely.api.Deployments;
import dev.notely.api.ProxyUnavailableException;
import dev.notely.api.StoreHealth;
import dev.notely.api.json.DeploymentJson;
import dev.notely.wire.Json;
import dev.notely.store.AccountStore;
import dev.notely.store.NoteRouter;
import dev.notely.telemetry.OpenMetricsText;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.StatsJson;
import io.undertow.server.HttpServerExchange;
import java.time.Instant;
import java.util.Map;

/** {@code /healthz}, {@code /deploy}, {@code /stats}, {@code /metrics} and {@code /deployments}. */
final class SystemHandler {

    private final AccountStore accounts;
    private final NoteRouter router;
    private final Deployments deployments;
    private final StatsCollector stats;
    private final StoreHealth storeHealth;

    SystemHandler(AccountStore accounts, NoteRouter router, Deployments deployments, StatsCollector stats,
                  StoreHealth storeHealth) {
        this.accounts = accounts;
        this.router = router;
        this.deployments = deployments;
        this.stats = stats;
        this.storeHealth = storeHealth;
    }

    /**
     * 200 while the API can serve, with each note store's state and {@code degraded} when one is not ok; 503
     * only while the account store is down or no version of the data proxy serves (SPEC §17).
     */
    void health(HttpServerExchange exchange) {
        JsonObject body = new JsonObject();
        body.addProperty("timestamp", Json.formatInstant(Instant.now()));
        try {
            accounts.healthCheck();
        } catch (RuntimeException e) {
            unavailable(exchange, body, "the account store is down: " + e.getMessage());
            return;
        }
        String routerProblem = null;
        try {
            router.healthCheck();
        } catch (ProxyUnavailableException e) {
            unavailable(exchange, body, e.getMessage());
            return;
        } catch (RuntimeException e) {
            routerProblem = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        Map<String, String> states = storeHealth.states();
        JsonObject stores = new JsonObject();
        states.forEach(stores::addProperty);
        boolean degraded = routerProblem != null || states.values().stream().anyMatch(s -> !StoreHealth.OK.equals(s));
        body.addProperty("status", degraded ? "degraded" : "ok");
        body.add("stores", stores);
        if (routerProblem != null) {
            body.addProperty("error", routerProblem);
        }
        Exchanges.json(exchange, 200, body);
    }

    private static void unavailable(HttpServerExchange exchange, JsonObject body, String why) {
        body.addProperty("status", "unavailable");
        body.addProperty("error", why);
        Exchanges.json(exchange, 503, body);
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
