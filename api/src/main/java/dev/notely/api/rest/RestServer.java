package dev.notely.api.rest;

import dev.notely.wire.BodyReader;
import dev.notely.wire.ProxyWire;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The Notely REST API on Undertow. Routes are small handlers; metrics, the refusal of web pages (SPEC §17),
 * error mapping and the body limit wrap them all, so no route repeats that work:
 * {@code AccessLog → Metrics → LocalCallers → BodyReader → Blocking → Errors → Routing → route}.
 */
public final class RestServer implements AutoCloseable {

    /** Requests served at once, each possibly waiting on a data proxy: as many as a proxy takes in flight. */
    static final int WORKER_THREADS = ProxyWire.MAX_CALLS_IN_FLIGHT;

    /** How long a request's headers may take to arrive. */
    static final Duration PARSE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a connection may send nothing, mid-request or between requests. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final Undertow server;
    private final int port;

    private RestServer(Undertow server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Binds and starts the API.
     *
     * @param port 0 picks a free port (see {@link #port()})
     * @throws IllegalStateException with a message a person can act on when the port is taken
     * @throws IllegalArgumentException when one of the allowed hosts is not a host name
     */
    public static RestServer start(String host, int port, ApiServices kit) {
        HttpHandler handler = new AccessLogHandler(new MetricsHandler(kit.stats(), new LocalCallersHandler(
                AllowedHosts.of(host, kit.allowedHosts()), new BodyReader(Exchanges.MAX_BODY_BYTES,
                Exchanges::error, new BlockingHandler(new ErrorHandler(routes(kit)))))));
        Undertow server = Undertow.builder()
                .addHttpListener(port, host)
                // One I/O thread: the requests' work is on the workers, and on 2 cores a second I/O thread
                // only adds hand-offs (GET-note ceiling 4 450-4 620 req/s with one, 3 500-3 680 with two).
                .setIoThreads(1)
                .setSocketOption(org.xnio.Options.TCP_NODELAY, true)
                .setWorkerThreads(WORKER_THREADS)
                // A client that stalls is cut off, so idle or half-sent requests cannot pile up.
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) PARSE_TIMEOUT.toMillis())
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int) IDLE_TIMEOUT.toMillis())
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) IDLE_TIMEOUT.toMillis())
                .setHandler(handler)
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop();
            if (hasCause(e, BindException.class)) {
                throw new IllegalStateException(portInUse(host, port), e);
            }
            throw new IllegalStateException("cannot start the API on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        int bound = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        return new RestServer(server, bound);
    }

    /**
     * Fails at once, before anything slow starts, when {@code host:port} cannot be bound.
     *
     * @throws IllegalStateException saying the port is taken and what to do
     */
    public static void checkPortFree(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("--host " + host + " is not a name this machine can look up: use 127.0.0.1", e);
        }
        try {
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                throw new IllegalStateException("--host " + host + " is not an address of this machine: use 127.0.0.1, "
                        + "or 0.0.0.0 to be reachable from other machines");
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot check the address " + host + ": " + e.getMessage(), e);
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            throw new IllegalStateException(portInUse(host, port), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static RoutingHandler routes(ApiServices kit) {
        AccountsHandler accountRoutes = new AccountsHandler(kit.accounts(), kit.router(), kit.stages());
        NotesHandler noteRoutes = new NotesHandler(accountRoutes, kit.router());
        SystemHandler system = new SystemHandler(kit.accounts(), kit.router(), kit.deployments(), kit.stats(),
                kit.storeHealth());
        VerifyHandler verify = new VerifyHandler(kit.verification());
        BackfillHandler backfillRoutes = new BackfillHandler(kit.backfill());
        FaultsHandler faultRoutes = new FaultsHandler(kit.faults());
        ChecksHandler checks = new ChecksHandler(kit.checks());
        return new GetAndHeadRouting()
                .get("/healthz", route(system::health))
                .post("/deploy", route(system::deploy))
                .post("/deploy/rollback", route(system::rollback))
                .get("/stats", route(system::stats))
                .get("/metrics", route(system::metrics))
                .get("/deployments", route(system::deployments))
                .get("/verify", route(verify::verify))
                .get("/misses", route(new MissesHandler(kit.misses())::list))
                .get("/backfill", route(backfillRoutes::status))
                .post("/backfill", route(backfillRoutes::control))
                .get("/faults", route(faultRoutes::list))
                .post("/faults", route(faultRoutes::change))
                .get("/checks", route(checks::status))
                .put("/checks", route(checks::change))
                .get("/accounts", route(accountRoutes::list))
                .post("/accounts", route(accountRoutes::create))
                .get("/accounts/{accountId}", route(accountRoutes::get))
                .put("/accounts/{accountId}", route(accountRoutes::update))
                .get("/accounts/{accountId}/notes", route(noteRoutes::list))
                .post("/accounts/{accountId}/notes", route(noteRoutes::create))
                .get("/accounts/{accountId}/notes/{noteId}", route(noteRoutes::get))
                .put("/accounts/{accountId}/notes/{noteId}", route(noteRoutes::update))
                .delete("/accounts/{accountId}/notes/{noteId}", route(noteRoutes::delete))
                .setFallbackHandler(exchange -> Exchanges.error(exchange, 404,
                        "no route " + exchange.getRequestMethod() + " " + exchange.getRequestPath()))
                .setInvalidMethodHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD, POST, PUT, DELETE");
                    Exchanges.error(exchange, 405, "method " + exchange.getRequestMethod()
                            + " is not allowed on " + exchange.getRequestPath());
                });
    }

    private static HttpHandler route(Consumer<HttpServerExchange> handler) {
        return handler::accept;
    }

    private static String portInUse(String host, int port) {
        return "port " + port + " on " + host + " is already in use (is the kit already running?): stop the other "
                + "program or start with --port " + (port + 1);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
