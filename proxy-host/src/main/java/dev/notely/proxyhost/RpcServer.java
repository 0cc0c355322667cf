package dev.notely.proxyhost;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import dev.notely.store.NoteRouter;
import dev.notely.store.RouterFeatures;
import dev.notely.store.Failures;
import dev.notely.store.InvalidInputException;
import dev.notely.store.KitException;
import dev.notely.store.StoreException;
import dev.notely.store.faults.FaultTable;
import dev.notely.store.faults.StoreFaults;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.StatsJson;
import dev.notely.telemetry.Status;
import dev.notely.wire.BodyReader;
import dev.notely.wire.Json;
import dev.notely.wire.NetworkDelay;
import dev.notely.wire.ProxyWire;
import dev.notely.wire.RoutedCall;
import dev.notely.wire.RoutedCalls;
import dev.notely.wire.ProxyWire.Codes;
import dev.notely.wire.ProxyWire.Method;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link NoteRouter} over JSON-RPC 2.0 ({@code POST /}). Router calls are serialized by one
 * lock, standing in for the transactions of a real database; a call that has to wait is recorded as
 * proxy access with status {@code CONTENTION}. Malformed requests get standard error objects and
 * never disturb the process.
 */
public final class RpcServer implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);

    private final NoteRouter router;
    /** Read once from the router's class: whether a {@code Backfill} call reaches it. */
    private final boolean hasBackfill;
    private final int version;
    private final long pid;
    private final StatsCollector stats;
    private final NetworkDelay delay;
    private final byte[] secret;
    /** The faults this process's stores suffer, changed by {@code SetFaults}. */
    private final StoreFaults faults;
    private final StoreTrace trace;
    /** The call holding the router lock, for {@code Ready} to report a stuck one; null while none does. */
    private volatile Holder holder;
    private final BodyReader reader = new BodyReader(ProxyWire.MAX_BODY_BYTES, RpcServer::refuse, this::answer);
    /**
     * Not fair: with a fair lock every unlock hands the lock to the next queued thread, which must be
     * woken first, and on two busy cores that wake-up costs more than the call it guards (a convoy).
     * A running thread may take it instead; calls are serialized all the same.
     */
    private final ReentrantLock lock = new ReentrantLock(false);

    /** @param secret what every call must carry in {@link ProxyWire#SECRET_HEADER}; {@code null} for none (tests, warm-up) */
    public RpcServer(NoteRouter router, int version, StatsCollector stats, NetworkDelay delay, String secret) {
        this(router, version, stats, delay, secret, new StoreFaults(), StoreTrace.none());
    }

    /**
     * @param faults what the router's stores suffer; {@code SetFaults} changes it
     * @param trace  the router's store operations, which {@code Trace} answers with
     */
    public RpcServer(NoteRouter router, int version, StatsCollector stats, NetworkDelay delay, String secret,
                     StoreFaults faults, StoreTrace trace) {
        this.faults = faults;
        this.trace = trace;
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.router = router;
        this.hasBackfill = RouterFeatures.hasBackfill(router);
        this.version = version;
        this.pid = ProcessHandle.current().pid();
        this.stats = stats;
        this.delay = delay;
    }

    /**
     * The body is read on the I/O thread without blocking (a client that sends it slowly holds no
     * worker), then answered on a worker thread, where a call may wait for the router lock.
     */
    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        reader.handleRequest(exchange);
    }

    private void answer(HttpServerExchange exchange) {
        if (secret != null && !MessageDigest.isEqual(secret, presented(exchange))) {
            send(exchange, 401, error(JsonNull.INSTANCE, Codes.INVALID_REQUEST,
                    "this data proxy answers only the kit that started it"));
            return;
        }
        if (!"/".equals(exchange.getRelativePath())) {
            send(exchange, 404, error(JsonNull.INSTANCE, Codes.INVALID_REQUEST, "JSON-RPC is served at POST /"));
            return;
        }
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "POST");
            send(exchange, 405, error(JsonNull.INSTANCE, Codes.INVALID_REQUEST, "use POST for JSON-RPC calls"));
            return;
        }
        send(exchange, 200, handle(new String(BodyReader.body(exchange), StandardCharsets.UTF_8)));
    }

    private static byte[] presented(HttpServerExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst(ProxyWire.SECRET_HEADER);
        return given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
    }

    private static void refuse(HttpServerExchange exchange, int status, String message) {
        send(exchange, status, error(JsonNull.INSTANCE, Codes.INVALID_REQUEST, message));
    }

    /** Answers one JSON-RPC request text; never throws. Visible for tests. */
    JsonObject handle(String body) {
        JsonElement parsed;
        try {
            parsed = Json.parseStrict(body);
        } catch (JsonParseException e) {
            return error(JsonNull.INSTANCE, Codes.PARSE_ERROR, "request is not valid JSON: " + Failures.rootMessage(e));
        }
        if (!parsed.isJsonObject()) {
            return error(JsonNull.INSTANCE, Codes.INVALID_REQUEST,
                    parsed.isJsonArray() ? "batch requests are not supported" : "request must be a JSON object");
        }
        JsonObject request = parsed.getAsJsonObject();
        JsonElement id = request.has("id") ? request.get("id") : JsonNull.INSTANCE;
        if (!(id.isJsonNull() || id.isJsonPrimitive() && !id.getAsJsonPrimitive().isBoolean())) {
            return error(JsonNull.INSTANCE, Codes.INVALID_REQUEST, "id must be a string, a number or null");
        }
        if (!new JsonPrimitive("2.0").equals(request.get("jsonrpc"))) {
            return error(id, Codes.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
        }
        JsonElement methodName = request.get("method");
        if (methodName == null || !methodName.isJsonPrimitive() || !methodName.getAsJsonPrimitive().isString()) {
            return error(id, Codes.INVALID_REQUEST, "method must be a string");
        }
        Method method = Method.byWireName(methodName.getAsString()).orElse(null);
        if (method == null) {
            return error(id, Codes.METHOD_NOT_FOUND, "unknown method '" + methodName.getAsString() + "'");
        }
        JsonElement rawParams = request.get("params");
        if (rawParams != null && !rawParams.isJsonNull() && !rawParams.isJsonObject()) {
            return error(id, Codes.INVALID_PARAMS, "params must be an object");
        }
        JsonObject params = rawParams == null || rawParams.isJsonNull() ? new JsonObject() : rawParams.getAsJsonObject();
        try {
            JsonElement result = method.routed() ? routed(RoutedCalls.of(method), params) : control(method, params);
            JsonObject response = envelope(id);
            response.add("result", result);
            return response;
        } catch (KitException e) {
            if (e.kind() == KitException.Kind.STORE_FAILED) {
                log.warn("v{} {} failed in a note store: {}", version, method.wireName(), e.getMessage());
            }
            return error(id, e.rpcCode(), e.getMessage());
        } catch (NoBackfill e) {
            return error(id, Codes.NOT_IMPLEMENTED, e.getMessage());
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            return routerFailed(id, method, e);
        }
    }

    private JsonObject routerFailed(JsonElement id, Method method, Throwable e) {
        // A bug in DataProxy (a method calling itself, a bad static initialiser) must not take the
        // process down or answer with an empty HTTP 500: it is reported like any other exception.
        String message = "DataProxy failed in " + method.wireName() + ": " + Failures.describe(e);
        // One line each time; the whole stack trace only at DEBUG, so a failing call on every
        // request cannot push everything else off the dashboard's log page.
        log.warn("v{} {}", version, message);
        log.debug("v{} stack trace of the failure in {}", version, method.wireName(), e);
        return error(id, Codes.ROUTER_FAILED, message);
    }

    /** A router that keeps the interface's backfill is not asked for a page: it is told to say so. */
    private static final class NoBackfill extends RuntimeException {
        NoBackfill() {
            super(RouterFeatures.noBackfill().getMessage(), null, false, false);
        }
    }

    /**
     * One routed call: its params read (before waiting, so a bad request costs no lock time), then the
     * router asked under the lock.
     */
    private <P, R> JsonElement routed(RoutedCall<P, R> call, JsonObject rawParams) {
        P params = call.read(rawParams);
        String name = call.method().wireName();
        if (call == RoutedCalls.BACKFILL && !hasBackfill) {
            throw new NoBackfill();
        }
        delay.pause();
        long waitStart = System.nanoTime();
        try {
            if (!lock.tryLock()) {
                lock.lockInterruptibly();
                stats.recordProxyAccess(name, Status.CONTENTION, version, System.nanoTime() - waitStart);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("v" + version + " is stopping: " + name + " was not run");
        }
        holder = new Holder(Thread.currentThread(), name, System.nanoTime());
        try {
            return call.answer(router, params);
        } finally {
            holder = null;
            lock.unlock();
        }
    }

    /** Calls queued for the lock right now (for tests). */
    public int waitingCalls() {
        return lock.getQueueLength();
    }

    private JsonElement control(Method method, JsonObject params) {
        return switch (method) {
            case TRACE -> Json.WIRE.toJsonTree(trace.entries(TraceParams.note(params), TraceParams.account(params)));
            case READY -> Json.WIRE.toJsonTree(new ProxyWire.Ready(version, pid, busy()));
            case EXPORT_STATS -> StatsJson.toJsonTree(stats.export());
            case STOP -> {
                // Exits through the shutdown hook, which drains the calls in flight, this answer included.
                Thread exit = new Thread(() -> System.exit(0), "stop-requested");
                exit.setDaemon(true);
                exit.start();
                yield new JsonPrimitive("stopping");
            }
            case SET_FAULTS -> {
                FaultTable table = readFaults(params);
                if (faults.apply(table)) {
                    log.info("v{} store faults now: {}", version, table.isEmpty() ? "none" : table.describe());
                }
                yield new JsonPrimitive(faults.current().generation());
            }
            default -> throw new IllegalStateException("not a control method: " + method);
        };
    }

    private static FaultTable readFaults(JsonObject params) {
        FaultTable table;
        try {
            table = Json.WIRE.fromJson(params.get("faults"), FaultTable.class);
        } catch (RuntimeException e) {
            throw new InvalidInputException("SetFaults needs {\"faults\": a fault table}: " + Failures.rootMessage(e));
        }
        if (table == null) {
            throw new InvalidInputException("SetFaults needs {\"faults\": a fault table}");
        }
        return table;
    }

    /** The call that has held the router lock longer than {@link ProxyWire#BUSY_REPORTED_AFTER}, and where it is. */
    private ProxyWire.Busy busy() {
        Holder h = holder;
        if (h == null) {
            return null;
        }
        long held = System.nanoTime() - h.sinceNanos();
        if (held < ProxyWire.BUSY_REPORTED_AFTER.toNanos()) {
            return null;
        }
        Throwable trace = new Throwable();
        trace.setStackTrace(h.thread().getStackTrace());
        String where = Failures.whereInProxy(trace).replace(" (at ", "").replace(")", "");
        return new ProxyWire.Busy(h.method(), held / 1e9, where);
    }

    private record Holder(Thread thread, String method, long sinceNanos) {
    }

    private static JsonObject envelope(JsonElement id) {
        JsonObject response = new JsonObject();
        response.addProperty("jsonrpc", "2.0");
        response.add("id", id);
        return response;
    }

    static JsonObject error(JsonElement id, int code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        JsonObject response = envelope(id);
        response.add("error", error);
        return response;
    }

    static void send(HttpServerExchange exchange, int status, JsonObject body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(body.toString(), StandardCharsets.UTF_8);
    }
}
