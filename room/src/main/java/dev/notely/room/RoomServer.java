package dev.notely.room;

import com.google.gson.JsonObject;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room on the instructor's machine: kits {@code POST /report} their progress; the page ({@code GET /})
 * shows one row per attendee and follows the room through server-sent events ({@code GET /events});
 * {@code GET /room} is the same as JSON. Every route needs the join code ({@code ?code=} or the
 * {@code X-Room-Code} header), or answers 403. Everything lives in memory.
 */
public final class RoomServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 7070;
    /** The header a kit sends its join code in. */
    public static final String CODE_HEADER = "X-Room-Code";
    private static final HttpString CODE = new HttpString(CODE_HEADER);
    private static final Logger log = LoggerFactory.getLogger(RoomServer.class);

    private final Room room;
    private final JoinCode code;
    private final Undertow server;
    private final ServerSentEventHandler events;
    private final ScheduledExecutorService pusher;
    private final byte[] page;
    private final int port;

    private RoomServer(String host, int port, JoinCode code, RoomSettings settings, Clock clock) {
        this.code = code;
        this.room = new Room(settings, clock);
        this.page = resource("room.html");
        this.events = Handlers.serverSentEvents((connection, lastEventId) -> {
            connection.setKeepAliveTime(15_000); // a comment line now and then keeps proxies and browsers from hanging up
            connection.send(room.view().toString());
        });
        RoutingHandler routes = Handlers.routing()
                .get("/", this::page)
                .get("/room", exchange -> json(exchange, StatusCodes.OK, room.view()))
                .get("/events", events)
                .post("/report", this::report)
                .setFallbackHandler(exchange -> error(exchange, StatusCodes.NOT_FOUND,
                        "no such page: the room has /, /room and /events"))
                .setInvalidMethodHandler(exchange -> error(exchange, StatusCodes.METHOD_NOT_ALLOWED,
                        exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));
        HttpHandler guarded = exchange -> {
            String given = exchange.getRequestHeaders().getFirst(CODE);
            if (given == null) {
                Deque<String> query = exchange.getQueryParameters().get("code");
                given = query == null ? null : query.peekFirst();
            }
            if (!code.matches(given)) {
                error(exchange, StatusCodes.FORBIDDEN, given == null
                        ? "this room needs its join code: add ?code=XXXXXX (the room printed it when it started)"
                        : "wrong join code: use the one the room printed when it started");
                return;
            }
            routes.handleRequest(exchange);
        };
        this.server = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(1)
                .setWorkerThreads(4) // reports are tiny: a few workers keep up with hundreds of kits
                .setHandler(guarded)
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                throw new IllegalStateException("port " + port + " on " + host + " is already in use: start the room"
                        + " with another, e.g. --room-port " + (port == 0 ? DEFAULT_PORT + 1 : port + 1), e);
            }
            throw e;
        }
        this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        this.pusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "room-push");
            t.setDaemon(true);
            return t;
        });
        long every = settings.pushEvery().toMillis();
        pusher.scheduleWithFixedDelay(this::push, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a room.
     *
     * @param host {@code 0.0.0.0} for every interface (a real room), {@code 127.0.0.1} for tests
     * @param port 0 picks a free one
     * @throws IllegalStateException when the port is taken, saying which to try
     */
    public static RoomServer start(String host, int port, JoinCode code, RoomSettings settings, Clock clock) {
        return new RoomServer(host, port, code, settings, clock);
    }

    public int port() {
        return port;
    }

    public JoinCode code() {
        return code;
    }

    /** Kits that reported at least once. */
    public int attendees() {
        return room.size();
    }

    /** Open pages are given the room; time alone changes it ("last seen", grey rows), so this runs even when nothing came in. */
    private void push() {
        try {
            if (events.getConnections().isEmpty()) {
                return;
            }
            String view = room.view().toString();
            for (ServerSentEventConnection connection : events.getConnections()) {
                connection.send(view);
            }
        } catch (RuntimeException e) {
            log.warn("could not update the room's pages: {}", e.toString());
        }
    }

    private void page(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        // The page builds its rows with textContent and loads nothing from elsewhere.
        exchange.getResponseHeaders().put(new HttpString("Content-Security-Policy"),
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'");
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(page));
    }

    private void report(HttpServerExchange exchange) {
        long length = exchange.getRequestContentLength();
        if (length > RoomSettings.MAX_BODY_BYTES) {
            error(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, tooLarge());
            return;
        }
        exchange.setMaxEntitySize(RoomSettings.MAX_BODY_BYTES);
        exchange.getRequestReceiver().receiveFullBytes((ex, bytes) -> {
            Progress progress;
            try {
                progress = Progress.parse(new String(bytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                error(ex, StatusCodes.BAD_REQUEST, e.getMessage());
                return;
            }
            try {
                room.report(progress);
            } catch (Room.FullException e) {
                error(ex, StatusCodes.CONFLICT, e.getMessage());
                return;
            }
            JsonObject ok = new JsonObject();
            ok.addProperty("status", "ok");
            json(ex, StatusCodes.OK, ok);
        }, (ex, e) -> {
            if (e instanceof io.undertow.server.RequestTooBigException) {
                error(ex, StatusCodes.REQUEST_ENTITY_TOO_LARGE, tooLarge());
            } else {
                ex.endExchange(); // the kit hung up mid-report: nobody is left to answer
            }
        });
    }

    private static String tooLarge() {
        return "the report is larger than " + RoomSettings.MAX_BODY_BYTES / 1024 + " KiB";
    }

    private static void json(HttpServerExchange exchange, int status, JsonObject body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(body.toString(), StandardCharsets.UTF_8);
    }

    private static void error(HttpServerExchange exchange, int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("error", message);
        json(exchange, status, body);
    }

    /** The addresses other machines can reach this one at, best first: what the join line names. */
    public static List<String> lanAddresses() {
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        found.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            log.debug("cannot list the network interfaces: {}", e.toString());
        }
        if (found.isEmpty()) {
            found.add("127.0.0.1");
        }
        return found;
    }

    private static byte[] resource(String name) {
        try (InputStream in = RoomServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the room page " + name + " is missing from the build: run mvn install");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Stops listening and forgets the room. */
    @Override
    public void close() {
        pusher.shutdownNow();
        for (ServerSentEventConnection connection : events.getConnections()) {
            try {
                connection.close();
            } catch (IOException e) {
                // the page is gone either way
            }
        }
        server.stop();
    }
}
