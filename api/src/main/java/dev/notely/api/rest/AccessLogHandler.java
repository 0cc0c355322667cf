package dev.notely.api.rest;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code access} logger at DEBUG, once the answer is complete:
 * {@code 127.0.0.1 "PUT /accounts/…/notes/…" 200 183 B 4.2 ms}. With DEBUG off a request costs one
 * level check, nothing more.
 */
final class AccessLogHandler implements HttpHandler {

    static final String LOGGER = "access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final HttpHandler next;

    AccessLogHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (log.isDebugEnabled()) {
            long start = System.nanoTime();
            exchange.addExchangeCompleteListener((done, nextListener) -> {
                log.debug(line(done, System.nanoTime() - start));
                nextListener.proceed();
            });
        }
        next.handleRequest(exchange);
    }

    static String line(HttpServerExchange done, long nanos) {
        String query = done.getQueryString();
        String target = query == null || query.isEmpty() ? done.getRequestPath() : done.getRequestPath() + "?" + query;
        InetSocketAddress source = done.getSourceAddress();
        String client = source == null || source.getAddress() == null ? "-" : source.getAddress().getHostAddress();
        return String.format(Locale.ROOT, "%s \"%s %s\" %d %d B %.1f ms", client,
                done.getRequestMethod(), target, done.getStatusCode(), done.getResponseBytesSent(), nanos / 1e6);
    }
}
