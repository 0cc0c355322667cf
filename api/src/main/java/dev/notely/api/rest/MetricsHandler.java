package dev.notely.api.rest;

import dev.notely.telemetry.StatsCollector;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;

/**
 * Records every request as API access by method, route pattern (not the concrete path, so the table
 * stays small), status and duration, once the answer is complete.
 */
final class MetricsHandler implements HttpHandler {

    /** The route recorded for requests that matched no route. */
    static final String UNMATCHED = "(unmatched)";

    private final StatsCollector stats;
    private final HttpHandler next;

    MetricsHandler(StatsCollector stats, HttpHandler next) {
        this.stats = stats;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            PathTemplateMatch match = done.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
            String route = match == null ? UNMATCHED : match.getMatchedTemplate();
            stats.recordApiRequest(done.getRequestMethod().toString(), route, done.getStatusCode(),
                    System.nanoTime() - start);
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
