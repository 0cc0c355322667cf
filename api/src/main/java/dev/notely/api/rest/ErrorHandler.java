package dev.notely.api.rest;

import dev.notely.store.KitException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception a route throws into a JSON error with the right status, in one place. No
 * stack trace ever reaches a client; unexpected failures are logged with theirs.
 */
final class ErrorHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    private final HttpHandler next;

    ErrorHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            if (exchange.isResponseStarted()) {
                log.warn("{} {} failed after its answer started: {}", exchange.getRequestMethod(),
                        exchange.getRequestPath(), e.toString());
                exchange.endExchange();
                return;
            }
            int status = status(e);
            if (status == 413) {
                // The unread rest of the body must not be taken for the next request on this connection.
                exchange.setPersistent(false);
            }
            Exchanges.error(exchange, status, message(e));
        }
    }

    static int status(Exception e) {
        return e instanceof KitException k ? k.httpStatus() : 500;
    }

    private static String message(Exception e) {
        if (e instanceof KitException || e instanceof IllegalArgumentException) {
            // a kit error, or a router refusing an argument: either way the message is meant for people
            return e.getMessage();
        }
        log.error("unexpected failure", e);
        return "internal error (" + e.getClass().getSimpleName() + "); see the kit's log";
    }
}
