package dev.notely.api.rest;

import dev.notely.api.client.NotelyClient;
import dev.notely.telemetry.StatsCollector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger("api");
    private final StatsCollector stats;
    private final HttpHandler next;

    MetricsHandler(StatsCollector stats, HttpHandler next) {
        this.stats = stats;
        this.next = next;
    }

    /** A 4xx other than 404 answered to someone other than the simulated users. */
    static boolean refusedPerson(HttpServerExchange done, int status) {
        return status >= 400 && status < 500 && status != 404
                && done.getRequestHeaders().getFirst(NotelyClient.SIMULATED_USER_HEADER) == null;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            PathTemplateMatch match = done.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
            String route = match == null ? UNMATCHED : match.getMatchedTemplate();
            int status = done.getStatusCode();
            if (done.getAttachment(LocalCallersHandler.REFUSED) != null) {
                nextListener.proceed(); // a web page or another host, refused and logged where it was refused
                return;
            }
            if (refusedPerson(done, status)) {
                // A person's typo or a gate's 409 is an answer to them, not a failing kit: it goes to the
                // log page, and stays out of the figures the Failed line counts.
                log.info("your {} {} was refused with {} (not counted as a failed request)", done.getRequestMethod(),
                        done.getRequestPath(), status);
                nextListener.proceed();
                return;
            }
            stats.recordApiRequest(done.getRequestMethod().toString(), route, done.getStatusCode(),
                    System.nanoTime() - start);
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }
}
