package dev.notely.api.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.notely.api.ProxyUnavailableException;
import dev.notely.proxyhost.RpcServer;
import dev.notely.wire.NetworkDelay;
import dev.notely.wire.ProxyWire;
import dev.notely.wire.ProxyWire.Codes;
import dev.notely.store.StoreRouter;
import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.MigrationStage;
import dev.notely.store.ConflictException;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.MetricRow;
import dev.notely.telemetry.ProxyKey;
import dev.notely.telemetry.StatsCollector;
import dev.notely.telemetry.Status;
import dev.notely.telemetry.StoreKey;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-proxy wire over real HTTP on loopback: every method round-trips, bad input gets error objects. */
class RpcWireTest {

    private static final int VERSION = 7;
    private static final String SECRET = "a-secret-for-this-test";

    @TempDir
    Path dir;
    private SqliteNoteStores stores;
    private StatsCollector proxyStats;
    private StatsCollector appStats;
    private Undertow server;
    private HttpClient http;
    private RpcClient client;
    private int port;
    private final AccountDetails account = new AccountDetails(UUID.randomUUID(), false, null);

    @BeforeEach
    void start() {
        proxyStats = new StatsCollector();
        appStats = new StatsCollector();
        stores = new SqliteNoteStores(dir, proxyStats);
        startServer(new StoreRouter(stores.open("legacy"), "second"));
    }

    private void startServer(NoteRouter router) {
        if (client != null) {
            client.close();
        }
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new RpcServer(router, VERSION, proxyStats, NetworkDelay.NONE, SECRET)).build();
        server.start();
        port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        http = HttpClient.newHttpClient();
        client = new RpcClient(port, SECRET, VERSION, appStats, NetworkDelay.NONE);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop();
        stores.close();
    }

    private Note note(String content) {
        Instant now = Instant.parse("2025-08-13T10:00:00.123Z");
        return new Note(UUID.randomUUID(), account.accountId(), now, now, content);
    }

    @Test
    void everyMethodRoundTrips() {
        Note n = note("hello");
        client.createNote(account, n);
        assertEquals(Optional.of(n), client.getNote(account, n.id()));
        assertEquals(List.of(n.id()), client.listNotes(account));
        assertEquals(1, client.countNotes(account));
        assertEquals(1, client.totalNotes());
        assertTrue(client.updateNote(account, n.withContent("newer", n.updatedAt().plusSeconds(1))));
        assertEquals("newer", client.getNote(account, n.id()).orElseThrow().content());
        assertFalse(client.updateNote(account, note("ghost")));
        client.deleteNote(account, n.id());
        assertEquals(Optional.empty(), client.getNote(account, n.id()));
        assertEquals(Optional.of("second"), client.assignShard(UUID.randomUUID()));
        client.healthCheck();
        assertEquals(VERSION, client.ready(Duration.ofSeconds(1)).version());
        assertEquals(ProcessHandle.current().pid(), client.ready(Duration.ofSeconds(1)).pid());

        ConflictException dup = assertThrows(ConflictException.class, () -> {
            client.createNote(account, n);
            client.createNote(account, n);
        });
        assertTrue(dup.getMessage().contains("already exists"), dup.getMessage());
    }

    /** A router whose backfill moves the account's legacy notes to new, a page at a time. */
    private NoteRouter movingRouter() {
        var legacy = stores.open("legacy");
        var fresh = stores.open("new");
        return new StoreRouter(legacy) {
            @Override
            public BackfillResult backfill(AccountDetails details, Optional<UUID> after, int limit) {
                List<Note> page = legacy.pageNotes(details.accountId(), after, limit);
                int moved = 0;
                for (Note n : page) {
                    fresh.upsertNote(details.accountId(), n);
                    moved += legacy.removeMovedNote(details.accountId(), n) ? 1 : 0;
                }
                return BackfillResult.after(moved, page, limit);
            }
        };
    }

    @Test
    void backfillPagesRoundTripWithTheirCursor() {
        server.stop();
        startServer(movingRouter());
        List<Note> notes = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Note n = note("n" + i);
            client.createNote(account, n);
            notes.add(n);
        }
        notes.sort(java.util.Comparator.comparing(n -> n.id().toString()));
        BackfillResult first = client.backfill(account, Optional.empty(), 3);
        assertEquals(new BackfillResult(3, notes.get(2).id()), first);
        BackfillResult second = client.backfill(account, first.nextPage(), 3);
        assertEquals(BackfillResult.done(2), second);
        assertEquals(0, stores.open("legacy").countNotes(account.accountId()));
        assertEquals(5, stores.open("new").countNotes(account.accountId()));
        assertEquals(2, total(appStats.snapshot().proxy(), new ProxyKey("Backfill", Status.SUCCESS, VERSION)),
                "recorded as proxy access like any call");
    }

    @Test
    void aRouterWithoutABackfillSaysSoAsItsOwnKindOfError() throws Exception {
        // The start stage's router keeps the interface's default.
        UnsupportedOperationException none = assertThrows(UnsupportedOperationException.class,
                () -> client.backfill(account, Optional.empty(), 10));
        assertEquals("this DataProxy has no backfill", none.getMessage());
        JsonObject raw = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Backfill\",\"params\":{\"accountDetails\":"
                + "{\"accountId\":\"" + account.accountId() + "\"},\"limit\":10}}");
        assertError(raw, Codes.NOT_IMPLEMENTED, "this DataProxy has no backfill");

    }

    @Test
    void aRouterThatHasABackfillIsAskedEvenWhenItRefusesAndItsRefusalIsAFailureNamingIt() {
        // Whether a router has a backfill is read from its class, not guessed from what it throws.
        server.stop();
        startServer(new StoreRouter(stores.open("legacy")) {
            @Override
            public BackfillResult backfill(AccountDetails details, Optional<UUID> after, int limit) {
                throw new UnsupportedOperationException("no backfill yet: exercise 1 adds one");
            }
        });
        RpcException e = assertThrows(RpcException.class, () -> client.backfill(account, Optional.empty(), 10));
        assertEquals(Codes.ROUTER_FAILED, e.code());
        assertTrue(e.getMessage().contains("DataProxy failed in Backfill: UnsupportedOperationException: no backfill yet: "
                + "exercise 1 adds one"), e.getMessage());
    }

    @Test
    void aBackfillThatFailsInsideIsARouterFailureNotAMissingBackfill() {
        server.stop();
        startServer(new StoreRouter(stores.open("legacy")) {
            @Override
            public BackfillResult backfill(AccountDetails details, Optional<UUID> after, int limit) {
                List.of().add(null); // a library refusing a change: a bug in a backfill that exists
                return BackfillResult.done(0);
            }
        });
        RpcException e = assertThrows(RpcException.class, () -> client.backfill(account, Optional.empty(), 10));
        assertEquals(Codes.ROUTER_FAILED, e.code());
        assertTrue(e.getMessage().contains("DataProxy failed in Backfill: UnsupportedOperationException"), e.getMessage());

        server.stop();
        startServer(new StoreRouter(stores.open("legacy")) {
            @Override
            public BackfillResult backfill(AccountDetails details, Optional<UUID> after, int limit) {
                return null;
            }
        });
        e = assertThrows(RpcException.class, () -> client.backfill(account, Optional.empty(), 10));
        assertEquals(Codes.ROUTER_FAILED, e.code());
        assertTrue(e.getMessage().contains("DataProxy.backfill returned null"), e.getMessage());
    }

    @Test
    void backfillParamsAreChecked() throws Exception {
        String details = "\"accountDetails\":{\"accountId\":\"" + account.accountId() + "\"}";
        for (String limit : new String[] {"0", "1001", "2.5", "\"ten\""}) {
            assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Backfill\",\"params\":{" + details
                    + ",\"limit\":" + limit + "}}"), -32602, "params.limit must be a whole number from 1 to 1000");
        }
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Backfill\",\"params\":{" + details
                + "}}"), -32602, "params.limit");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Backfill\",\"params\":{" + details
                + ",\"after\":\"page-2\",\"limit\":5}}"), -32602, "params.after 'page-2' is not a UUID");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Backfill\",\"params\":{\"limit\":5}}"),
                -32602, "params.accountDetails must be an object");
    }

    @Test
    void clientRecordsProxyAccessAndServerExportsStoreAccess() {
        Note n = note("x");
        client.createNote(account, n);
        client.getNote(account, n.id());
        assertThrows(ConflictException.class, () -> client.createNote(account, n));

        List<MetricRow<ProxyKey>> rows = appStats.snapshot().proxy();
        assertEquals(1, total(rows, new ProxyKey("CreateNote", Status.SUCCESS, VERSION)));
        assertEquals(1, total(rows, new ProxyKey("CreateNote", Status.ERROR, VERSION)));
        assertEquals(1, total(rows, new ProxyKey("GetNote", Status.SUCCESS, VERSION)));

        var exported = client.exportStats(Duration.ofSeconds(1));
        assertTrue(exported.store().stream().anyMatch(r -> r.key().equals(new StoreKey("createNote", Status.SUCCESS, "legacy"))
                && r.metrics().totalCount() == 1), exported.toString());
        assertTrue(exported.store().stream().anyMatch(r -> r.key().equals(new StoreKey("createNote", Status.ERROR, "legacy"))
                && r.metrics().totalCount() == 1), exported.toString());
    }

    @Test
    void aCallThatWaitsForTheLockIsRecordedAsContention() throws Exception {
        server.stop();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RpcServer rpc = new RpcServer(new StoreRouter(stores.open("legacy")) {
            @Override
            public long totalNotes() {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            }
        }, VERSION, proxyStats, NetworkDelay.NONE, SECRET);
        server = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(rpc).build();
        server.start();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var holder = pool.submit(() -> client.totalNotes());
            assertTrue(entered.await(10, TimeUnit.SECONDS), "first call holds the lock");
            var waiter = pool.submit(() -> client.countNotes(account));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rpc.waitingCalls() == 0) {
                assertTrue(System.nanoTime() < deadline, "second call never queued for the lock");
                Thread.onSpinWait();
            }
            assertFalse(waiter.isDone(), "the second call cannot finish while the lock is held");
            release.countDown();
            assertEquals(0L, holder.get(10, TimeUnit.SECONDS));
            assertEquals(0L, waiter.get(10, TimeUnit.SECONDS));
            assertEquals(1, total(proxyStats.export().proxy(), new ProxyKey("CountNotes", Status.CONTENTION, VERSION)));
            assertEquals(0, total(proxyStats.export().proxy(), new ProxyKey("TotalNotes", Status.CONTENTION, VERSION)));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void malformedRequestsGetStandardErrorsAndTheServerKeepsServing() throws Exception {
        assertError(post("{not json"), -32700, "not valid JSON");
        assertError(post("[1,2]"), -32600, "batch");
        assertError(post("\"text\""), -32600, "JSON object");
        assertError(post("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"TotalNotes\"}"), -32600, "2.0");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1}"), -32600, "method");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"DropTables\"}"), -32601, "DropTables");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetNote\",\"params\":[1]}"), -32602, "object");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetNote\",\"params\":{}}"), -32602,
                "params.accountDetails must be an object");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetNote\",\"params\":{\"accountDetails\":{\"accountId\":\"nope\"},\"noteId\":\"x\"}}"),
                -32602, "params.accountDetails.accountId 'nope' is not a UUID");
        String acc = account.accountId().toString();
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"CreateNote\",\"params\":{\"accountDetails\":{\"accountId\":\""
                + acc + "\"},\"note\":{\"id\":\"" + UUID.randomUUID() + "\",\"creator\":\"" + acc
                + "\",\"createdAt\":\"yesterday\",\"updatedAt\":\"2025-01-01T00:00:00Z\",\"content\":\"x\"}}}"),
                -32602, "params.note.createdAt");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"UpdateNote\",\"params\":{\"accountDetails\":{\"accountId\":\""
                + acc + "\",\"isMigrating\":\"yes\"}}}"), -32602, "isMigrating must be true or false");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetNote\",\"params\":{\"accountDetails\":{\"accountId\":\""
                + acc + "\",\"stage\":\"halfway\"},\"noteId\":\"" + UUID.randomUUID() + "\"}}"), -32602,
                "params.accountDetails.stage: unknown stage 'halfway': expected one of off, dual-write");
        // The proxy takes nothing the API would refuse.
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetNote\",\"params\":{\"accountDetails\":{\"accountId\":\""
                + acc + "\"},\"noteId\":\"1-1-1-1-1\"}}"), -32602, "params.noteId '1-1-1-1-1' is not a UUID");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"CreateNote\",\"params\":{\"accountDetails\":{\"accountId\":\""
                + acc + "\"},\"note\":{\"id\":\"" + UUID.randomUUID() + "\",\"creator\":\"" + acc
                + "\",\"createdAt\":0,\"updatedAt\":0,\"content\":\"" + "z".repeat(10_001) + "\"}}}"),
                -32602, "params.note.content must be at most 10000 characters");
        assertError(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"UpdateNote\",\"params\":{\"accountDetails\":{\"accountId\":\""
                + acc + "\"},\"note\":{\"id\":\"" + UUID.randomUUID() + "\",\"creator\":\"" + acc
                + "\",\"createdAt\":0,\"updatedAt\":0,\"content\":\"\"}}}"),
                -32602, "params.note.content must not be empty");

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .header(ProxyWire.SECRET_HEADER, SECRET).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());

        Note n = note("still fine");
        client.createNote(account, n);
        assertEquals(Optional.of(n), client.getNote(account, n.id()));
    }

    @Test
    void theRouterIsToldTheAccountsStage() {
        server.stop();
        List<AccountDetails> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        startServer(new StoreRouter(stores.open("legacy")) {
            @Override
            public long countNotes(AccountDetails details) {
                seen.add(details);
                return super.countNotes(details);
            }
        });
        AccountDetails staged = new AccountDetails(UUID.randomUUID(), true, "second", MigrationStage.LIVE);
        client.countNotes(staged);
        client.countNotes(account);
        assertEquals(List.of(staged, account), seen);
        assertEquals(MigrationStage.OFF, seen.get(1).stage());
    }

    @Test
    void aRouterBugBecomesAnErrorNamingTheException() {
        server.stop();
        startServer(new StoreRouter(stores.open("legacy")) {
            @Override
            public long totalNotes() {
                throw new NullPointerException("store was null");
            }
        });
        RpcException e = assertThrows(RpcException.class, () -> client.totalNotes());
        assertEquals(Codes.ROUTER_FAILED, e.code());
        assertTrue(e.getMessage().contains("DataProxy failed in TotalNotes: NullPointerException: store was null"), e.getMessage());
        client.healthCheck();
    }

    @Test
    void aRouterThatOverflowsItsStackGetsAnErrorObjectAndTheProxyServesOn() {
        server.stop();
        startServer(new StoreRouter(stores.open("legacy")) {
            @Override
            public long countNotes(AccountDetails details) {
                return countNotes(details) + 1; // calls itself for ever
            }
        });
        RpcException e = assertThrows(RpcException.class, () -> client.countNotes(account));
        assertEquals(Codes.ROUTER_FAILED, e.code());
        assertTrue(e.getMessage().contains("DataProxy failed in CountNotes: StackOverflowError"), e.getMessage());
        assertEquals(0, client.totalNotes());
    }

    @Test
    void aDrainingProxyTurnsCallsAwayAsNotDelivered() {
        server.stop();
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(
                new RpcServer(new StoreRouter(stores.open("legacy")), VERSION, proxyStats, NetworkDelay.NONE, SECRET));
        server = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(graceful).build();
        server.start();
        assertEquals(0, client.totalNotes());
        graceful.shutdown();
        ProxyUnavailableException e = assertThrows(ProxyUnavailableException.class, () -> client.totalNotes());
        assertTrue(e.notDelivered(), e.getMessage());
        assertTrue(e.getMessage().contains("v7 is shutting down"), e.getMessage());
    }

    @Test
    void anUnreachableProxyIsUnavailableNotAStoreError() {
        server.stop();
        ProxyUnavailableException e = assertThrows(ProxyUnavailableException.class, () -> client.totalNotes());
        assertTrue(e.getMessage().contains("v7 is not reachable"), e.getMessage());
        assertTrue(e.notDelivered(), "refused at connect: safe to send elsewhere");
        startServer(new StoreRouter(stores.open("legacy")));
    }

    @Test
    void aCallWithoutTheSecretIsRefusedWhateverItAsks() throws Exception {
        for (String secret : new String[] {null, "a-guess", SECRET + "x"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"TotalNotes\"}"));
            if (secret != null) {
                request.header(ProxyWire.SECRET_HEADER, secret);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode(), response.body());
            assertError(JsonParser.parseString(response.body()).getAsJsonObject(), -32600, "answers only the kit that started it");
        }
        assertEquals(0, client.totalNotes(), "the kit's own client still gets through");
    }

    private JsonObject post(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header(ProxyWire.SECRET_HEADER, SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static void assertError(JsonObject response, int code, String messagePart) {
        assertEquals("2.0", response.get("jsonrpc").getAsString());
        JsonObject error = response.getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsInt(), response.toString());
        assertTrue(error.get("message").getAsString().contains(messagePart), response.toString());
        assertFalse(response.has("result"));
    }

    private static long total(List<MetricRow<ProxyKey>> rows, ProxyKey key) {
        return rows.stream().filter(r -> r.key().equals(key)).mapToLong(r -> r.metrics().totalCount()).sum();
    }
}
