package dev.notely.api.rpc;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.notely.api.ProxyUnavailableException;
import dev.notely.api.http.LoopbackHttp;
import dev.notely.wire.Json;
import dev.notely.wire.NetworkDelay;
import dev.notely.wire.ProxyWire;
import dev.notely.wire.RoutedCall;
import dev.notely.wire.RoutedCalls;
import dev.notely.wire.RoutedCalls.NewAccount;
import dev.notely.wire.RoutedCalls.Nothing;
import dev.notely.wire.RoutedCalls.OnAccount;
import dev.notely.wire.RoutedCalls.OnNote;
import dev.notely.wire.RoutedCalls.Page;
import dev.notely.wire.RoutedCalls.WithNote;
import dev.notely.wire.ProxyWire.Codes;
import dev.notely.wire.ProxyWire.Method;
import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.ConflictException;
import dev.notely.store.InvalidInputException;
import dev.notely.store.NotFoundException;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.StoreException;
import dev.notely.store.faults.FaultTable;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.StatsJson;
import dev.notely.telemetry.StatsSnapshot;
import dev.notely.telemetry.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls one data-proxy process over JSON-RPC. Implements {@link NoteRouter}, so the app can route to
 * a remote proxy exactly as to an in-process router. Every routed call pays the simulated network
 * delay and is recorded as proxy access (operation, outcome, version, duration).
 */
public final class RpcClient implements NoteRouter, AutoCloseable {

    /** Long enough to cover a store waiting out another process's lock. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final LoopbackHttp http;
    private final int version;
    private final StatsCollector stats;
    private final NetworkDelay delay;
    private final AtomicLong ids = new AtomicLong();

    /** @param secret the per-launch secret the proxy was handed; it answers no call without it */
    public RpcClient(int port, String secret, int version, StatsCollector stats, NetworkDelay delay) {
        this.http = new LoopbackHttp(InetAddress.getLoopbackAddress().getHostAddress(), port,
                Map.of(ProxyWire.SECRET_HEADER, secret));
        this.version = version;
        this.stats = stats;
        this.delay = delay;
    }

    public int version() {
        return version;
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        return routed(RoutedCalls.LIST_NOTES, new OnAccount(account));
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        return routed(RoutedCalls.GET_NOTE, new OnNote(account, noteId));
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        routed(RoutedCalls.CREATE_NOTE, new WithNote(account, note));
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        return routed(RoutedCalls.UPDATE_NOTE, new WithNote(account, note));
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        routed(RoutedCalls.DELETE_NOTE, new OnNote(account, noteId));
    }

    @Override
    public long countNotes(AccountDetails account) {
        return routed(RoutedCalls.COUNT_NOTES, new OnAccount(account));
    }

    @Override
    public long totalNotes() {
        return routed(RoutedCalls.TOTAL_NOTES, Nothing.NOTHING);
    }

    @Override
    public void healthCheck() {
        routed(RoutedCalls.HEALTH_CHECK, Nothing.NOTHING);
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return routed(RoutedCalls.ASSIGN_SHARD, new NewAccount(accountId));
    }

    /**
     * @throws UnsupportedOperationException when the proxy's router has no backfill, as an in-process
     *                                       router would throw it
     */
    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        return routed(RoutedCalls.BACKFILL, new Page(account, after, limit));
    }

    /** Asks whether the proxy serves; no simulated delay, not recorded. */
    public ProxyWire.Ready ready(Duration timeout) {
        return Json.WIRE.fromJson(call(Method.READY, new JsonObject(), timeout), ProxyWire.Ready.class);
    }

    /** Asks the proxy to finish its calls in flight and exit; it answers before it goes. */
    public void requestStop(Duration timeout) {
        call(Method.STOP, new JsonObject(), timeout);
    }

    /** The proxy's own telemetry; no simulated delay, not recorded. */
    public StatsSnapshot exportStats(Duration timeout) {
        return StatsJson.fromJsonTree(call(Method.EXPORT_STATS, new JsonObject(), timeout));
    }

    /**
     * Hands the proxy the store faults to suffer from now on; no simulated delay, not recorded.
     *
     * @return the generation of the faults the proxy holds afterwards (a later one, if it was told one already)
     */
    public long setFaults(FaultTable faults, Duration timeout) {
        JsonObject params = new JsonObject();
        params.add("faults", Json.WIRE.toJsonTree(faults));
        return call(Method.SET_FAULTS, params, timeout).getAsLong();
    }

    /** The proxy's store operations on {@code note} and on listings of {@code account}, oldest first; not recorded. */
    public List<ProxyWire.TraceEntry> trace(UUID account, UUID note, Duration timeout) {
        JsonObject params = new JsonObject();
        params.addProperty("note", note.toString());
        if (account != null) {
            params.addProperty("account", account.toString());
        }
        ProxyWire.TraceEntry[] entries = Json.WIRE.fromJson(call(Method.TRACE, params, timeout), ProxyWire.TraceEntry[].class);
        return List.of(entries);
    }

    /** A routed call: the simulated delay, the call, and proxy access recorded (operation, outcome, version, duration). */
    private <P, R> R routed(RoutedCall<P, R> routed, P params) {
        Method method = routed.method();
        delay.pause();
        long start = System.nanoTime();
        Status status = Status.ERROR;
        try {
            JsonElement result = call(method, routed.params(params), CALL_TIMEOUT);
            R answer;
            try {
                answer = routed.result(result);
            } catch (RuntimeException e) {
                throw new RpcException(Codes.INTERNAL_ERROR, "data proxy v" + version + " sent an unreadable answer to "
                        + method.wireName() + ": " + result);
            }
            status = Status.SUCCESS;
            return answer;
        } finally {
            stats.recordProxyAccess(method.wireName(), status, version, System.nanoTime() - start);
        }
    }

    private JsonElement call(Method method, JsonObject params, Duration timeout) {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", ids.incrementAndGet());
        request.addProperty("method", method.wireName());
        request.add("params", params);
        LoopbackHttp.Response response;
        try {
            response = http.send("POST", "/", request.toString(), timeout);
        } catch (SocketTimeoutException e) {
            throw new ProxyUnavailableException("data proxy v" + version + " did not answer " + method.wireName()
                    + " within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new ProxyUnavailableException("data proxy v" + version + " is not reachable (connection refused)", e, true);
        } catch (IOException e) {
            throw new ProxyUnavailableException("data proxy v" + version + " connection failed: " + e, e);
        }
        if (response.status() == 503) {
            // A proxy that is draining turns new calls away before they reach the router.
            throw new ProxyUnavailableException("data proxy v" + version + " is shutting down and turned "
                    + method.wireName() + " away", null, true);
        }
        if (response.status() != 200) {
            throw new RpcException(Codes.INTERNAL_ERROR, "data proxy v" + version + " refused "
                    + method.wireName() + " with HTTP " + response.status() + ": " + response.body());
        }
        return resultOf(method, response.body());
    }

    private JsonElement resultOf(Method method, String body) {
        JsonObject response;
        try {
            response = Json.parseStrict(body).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new RpcException(Codes.INTERNAL_ERROR,
                    "data proxy v" + version + " sent an unreadable answer to " + method.wireName());
        }
        if (response.has("error")) {
            JsonObject error = response.getAsJsonObject("error");
            int code = error.get("code").getAsInt();
            String message = error.get("message").getAsString();
            // The same kind of failure on this side of the wire as on the proxy's.
            if (code == Codes.NOT_FOUND) {
                throw new NotFoundException(message);
            } else if (code == Codes.CONFLICT) {
                throw new ConflictException(message);
            } else if (code == Codes.STORE_FAILED) {
                throw new StoreException(message);
            } else if (code == Codes.INVALID_PARAMS) {
                throw new InvalidInputException(message);
            } else if (code == Codes.NOT_IMPLEMENTED) {
                throw new UnsupportedOperationException(message);
            }
            throw new RpcException(code, "data proxy v" + version + ": " + message);
        }
        JsonElement result = response.get("result");
        if (result == null) {
            throw new RpcException(Codes.INTERNAL_ERROR,
                    "data proxy v" + version + " answered " + method.wireName() + " without a result");
        }
        return result;
    }

    /** Closes the kept-alive connections. */
    @Override
    public void close() {
        http.close();
    }
}
