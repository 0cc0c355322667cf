package dev.notely.proxyhost;

import dev.notely.wire.ProxyWire;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * The proxy port's handler: 503 while the process is a standby with no version yet, then the version's
 * {@link RpcServer}. The app never routes to a standby; the 503 says so to anyone who tries.
 */
final class SwitchableHandler implements HttpHandler {

    private volatile RpcServer server;
    private volatile int version;

    void version(int version) {
        this.version = version;
    }

    void serve(RpcServer server) {
        this.server = server;
    }

    /** {@code v3}, or {@code standby} before a version is handed over. */
    String label() {
        return version == 0 ? "standby" : "v" + version;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RpcServer current = server;
        if (current != null) {
            current.handleRequest(exchange);
            return;
        }
        RpcServer.send(exchange, 503, RpcServer.error(com.google.gson.JsonNull.INSTANCE, ProxyWire.Codes.INTERNAL_ERROR,
                "this proxy process is a standby and serves no version yet"));
    }
}
