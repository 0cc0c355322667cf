package dev.notely.api.rest;

import dev.notely.api.DeploymentException;
import dev.notely.api.ProxyUnavailableException;
import dev.notely.api.rpc.RpcException;
import dev.notely.store.ConflictException;
import dev.notely.store.NotFoundException;
import dev.notely.store.StoreException;
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
        if (e instanceof HttpError h) {
            return h.status();
        }
        if (e instanceof BadRequestException) {
            return 400;
        }
        if (e instanceof NotFoundException) {
            return 404;
        }
        if (e instanceof ConflictException) {
            return 409;
        }
        if (e instanceof ProxyUnavailableException || e instanceof StoreException) {
            return 503;
        }
        if (e instanceof DeploymentException || e instanceof RpcException) {
            return 500;
        }
        return 500;
    }

    private static String message(Exception e) {
        if (e instanceof HttpError || e instanceof BadRequestException || e instanceof NotFoundException
                || e instanceof ConflictException || e instanceof ProxyUnavailableException
                || e instanceof StoreException || e instanceof DeploymentException || e instanceof RpcException) {
            return e.getMessage();
        }
        if (e instanceof IllegalArgumentException) {
            // thrown by a router for an argument it cannot take; the message is meant for people
            return e.getMessage();
        }
        log.error("unexpected failure", e);
        return "internal error (" + e.getClass().getSimpleName() + "); see the kit's log";
    }
}
