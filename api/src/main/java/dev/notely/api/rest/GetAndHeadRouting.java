package dev.notely.api.rest;

import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Methods;

/**
 * Routes where every GET route answers HEAD too: the same status and headers, no body (Undertow drops the
 * body of an answer to HEAD), and recorded under its route pattern like any other request.
 */
final class GetAndHeadRouting extends RoutingHandler {

    @Override
    public synchronized RoutingHandler get(String template, HttpHandler handler) {
        super.get(template, handler);
        return add(Methods.HEAD, template, handler);
    }
}
