package dev.notely.api.rpc;

import dev.notely.api.http.LoopbackHttp;
import dev.notely.proxyhost.RpcServer;
import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.StoreRouter;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import dev.notely.wire.Json;
import dev.notely.wire.NetworkDelay;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Which HTTP client carries the proxy wire: one GetNote round trip to a real proxy server (JSON-RPC over
 * Undertow, SQLite behind it) through the kit's client (Apache HttpClient 5 as the kit sets it up), the
 * JDK's HttpClient and a default Apache HttpClient 5, in turns, one thread and then 8 at once. The floor is the same client against an
 * Undertow hello-world on the same machine in the same run.
 *
 * <p>Run with: {@code mvn -q -pl api exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.notely.api.rpc.WireClientBenchmark}
 */
public final class WireClientBenchmark {

    private static final int WARMUP = 3_000;
    private static final int CALLS = 10_000;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("notely-wire-bench");
        SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector());
        StoreRouter router = new StoreRouter(stores.open("legacy"));
        Undertow proxy = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(96)
                .setHandler(new RpcServer(router, 1, new StatsCollector(), NetworkDelay.NONE, null)).build();
        Undertow hello = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1)
                .setHandler(ex -> ex.getRequestReceiver().receiveFullBytes((e, bytes) ->
                        e.getResponseSender().send("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"))).build();
        proxy.start();
        hello.start();
        int proxyPort = port(proxy);
        int helloPort = port(hello);
        AccountDetails account = new AccountDetails(UUID.randomUUID(), false, null);
        Note note = new Note(UUID.randomUUID(), account.accountId(), Instant.now(), Instant.now(), "a note of some length");
        router.createNote(account, note);
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetNote\",\"params\":{\"accountDetails\":"
                + Json.WIRE.toJson(account) + ",\"noteId\":\"" + note.id() + "\"}}";

        LoopbackHttp own = new LoopbackHttp("127.0.0.1", proxyPort);
        LoopbackHttp ownHello = new LoopbackHttp("127.0.0.1", helloPort);
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CloseableHttpClient apache = HttpClients.custom().setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(64).setMaxConnTotal(64).build()).build();
        // The kit's LoopbackHttp is Apache HttpClient as the kit configures it; the plain default one shows what that adds.
        List<Candidate> candidates = List.of(
                new Candidate("kit LoopbackHttp", () -> own.send("POST", "/", body, Duration.ofSeconds(5)).body(),
                        () -> ownHello.send("POST", "/", body, Duration.ofSeconds(5)).body()),
                new Candidate("JDK HttpClient", () -> jdk(jdk, proxyPort, body), () -> jdk(jdk, helloPort, body)),
                new Candidate("Apache HttpClient 5", () -> apache(apache, proxyPort, body), () -> apache(apache, helloPort, body)));
        if (!candidates.get(0).call.call().contains("a note of some length")) {
            throw new IllegalStateException("the proxy did not answer GetNote");
        }
        System.out.printf("%d cores, Java %s; one GetNote JSON-RPC round trip, %d calls a round, best of %d rounds%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), CALLS, ROUNDS);
        System.out.printf("%-22s %14s %14s %16s %16s%n", "client", "p50 proxy", "p50 floor", "8 threads/s", "8 thr floor/s");
        for (Candidate c : candidates) {
            double[] one = bestLatency(c.call);
            double[] oneFloor = bestLatency(c.floor);
            double many = bestThroughput(c.call);
            double manyFloor = bestThroughput(c.floor);
            System.out.printf("%-22s %11.3f ms %11.3f ms %16.0f %16.0f   (p99 %.3f ms)%n",
                    c.name, one[0], oneFloor[0], many, manyFloor, one[1]);
        }
        own.close();
        ownHello.close();
        apache.close();
        proxy.stop();
        hello.stop();
        stores.close();
    }

    private record Candidate(String name, Callable<String> call, Callable<String> floor) {
    }

    private static String jdk(HttpClient client, int port, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String apache(CloseableHttpClient client, int port, String body) throws Exception {
        HttpPost post = new HttpPost("http://127.0.0.1:" + port + "/");
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        return client.execute(post, response -> EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8));
    }

    /** p50 and p99 in ms, the best round's. */
    private static double[] bestLatency(Callable<String> call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            call.call();
        }
        double bestP50 = Double.MAX_VALUE;
        double p99 = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long[] t = new long[CALLS];
            for (int i = 0; i < CALLS; i++) {
                long start = System.nanoTime();
                call.call();
                t[i] = System.nanoTime() - start;
            }
            Arrays.sort(t);
            if (t[CALLS / 2] / 1e6 < bestP50) {
                bestP50 = t[CALLS / 2] / 1e6;
                p99 = t[(int) (CALLS * 0.99)] / 1e6;
            }
        }
        return new double[] {bestP50, p99};
    }

    /** Calls a second with 8 threads calling at once, the best round's. */
    private static double bestThroughput(Callable<String> call) throws Exception {
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<Thread> threads = new ArrayList<>();
            int perThread = CALLS / 8;
            long start = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                Thread t = new Thread(() -> {
                    try {
                        for (int j = 0; j < perThread; j++) {
                            call.call();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            best = Math.max(best, perThread * 8 / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    private static int port(Undertow server) {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }
}
