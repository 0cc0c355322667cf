package dev.notely.app.room;

import dev.notely.app.AppBenchmark;
import dev.notely.app.ChildJvm;
import dev.notely.app.HelloServer;
import dev.notely.app.LatencySample;
import dev.notely.app.ProcessMemory;
import dev.notely.room.JoinCode;
import dev.notely.room.Progress;
import dev.notely.room.RoomClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;

/**
 * One room ({@code Main --room}, its own JVM) with simulated kits reporting every 5 s and a few pages
 * following it through server-sent events; prints the p95 of the page ({@code GET /}) and of
 * {@code GET /room} beside the same client against an Undertow hello-world, and the room JVM's memory beside
 * an idle JVM's. Not a test: it asserts nothing. Arguments: kits (default 100), measured seconds (default 60).
 */
public final class RoomBenchmark {

    private static final Duration REPORT_EVERY = RoomReporter.EVERY;
    private static final int PAGES = 3;

    private RoomBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kits = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        System.out.println("Notely room benchmark on " + AppBenchmark.machine());
        System.out.println(kits + " simulated kits reporting every " + REPORT_EVERY.toSeconds() + " s, " + PAGES
                + " pages following the room, " + seconds + " s measured after one reporting round");
        Path floorDir = Files.createTempDirectory("notely-room-bench");
        ScheduledExecutorService reporters = Executors.newScheduledThreadPool(4);
        List<InputStream> pages = new ArrayList<>();
        try (ChildJvm room = ChildJvm.room("--room-port", "0"); HelloServer hello = HelloServer.start();
             ChildJvm idle = ChildJvm.trivial(floorDir, true)) {
            Matcher joined = room.awaitReady(Duration.ofSeconds(60)).match();
            int port = Integer.parseInt(joined.group(1));
            JoinCode code = new JoinCode(joined.group(2));
            idle.awaitReady(Duration.ofSeconds(60));
            RoomClient client = new RoomClient("127.0.0.1:" + port, code);
            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            for (int i = 0; i < kits; i++) {
                String name = String.format(Locale.ROOT, "attendee-%03d", i);
                long offset = ThreadLocalRandom.current().nextLong(REPORT_EVERY.toMillis());
                reporters.scheduleAtFixedRate(() -> {
                    try {
                        client.send(progress(name));
                        sent.incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }, offset, REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < PAGES; i++) {
                InputStream events = http.send(request(port, "/events?code=" + code), HttpResponse.BodyHandlers.ofInputStream()).body();
                pages.add(events);
                Thread drain = new Thread(() -> {
                    try {
                        events.transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (Exception e) {
                        // closed at the end
                    }
                }, "page-" + i);
                drain.setDaemon(true);
                drain.start();
            }
            Thread.sleep(REPORT_EVERY.toMillis() + 1_000); // one round of reports, so every row is there

            LatencySample page = new LatencySample(100_000);
            LatencySample json = new LatencySample(100_000);
            LatencySample floor = new LatencySample(100_000);
            HttpRequest pageRequest = request(port, "/?code=" + code);
            HttpRequest jsonRequest = request(port, "/room?code=" + code);
            HttpRequest helloRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hello.port + "/")).build();
            for (int i = 0; i < 200; i++) { // the client's and the servers' first requests are not what a page sees
                http.send(pageRequest, HttpResponse.BodyHandlers.ofString());
                http.send(jsonRequest, HttpResponse.BodyHandlers.ofString());
                http.send(helloRequest, HttpResponse.BodyHandlers.ofString());
            }
            int rows = countRows(http.send(jsonRequest, HttpResponse.BodyHandlers.ofString()).body());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                time(http, pageRequest, page);
                time(http, jsonRequest, json);
                time(http, helloRequest, floor);
                Thread.sleep(20); // a room of instructors, not a load test: a few requests a second
            }
            System.out.printf(Locale.ROOT, "rows in the room:         %d (reports sent %d, failed %d)%n", rows, sent.get(),
                    failed.get());
            System.out.printf(Locale.ROOT, "GET / (the page)   p50 %6.2f ms  p95 %6.2f ms  (%d requests)%n",
                    page.percentileMillis(0.5), page.percentileMillis(0.95), page.count());
            System.out.printf(Locale.ROOT, "GET /room (JSON)   p50 %6.2f ms  p95 %6.2f ms  (%d requests)%n",
                    json.percentileMillis(0.5), json.percentileMillis(0.95), json.count());
            System.out.printf(Locale.ROOT, "FLOOR hello-world  p50 %6.2f ms  p95 %6.2f ms  (same client, interleaved)%n",
                    floor.percentileMillis(0.5), floor.percentileMillis(0.95));
            long roomJvm = ProcessHandle.of(room.pid()).flatMap(p -> p.descendants().findFirst())
                    .map(ProcessHandle::pid).orElse(room.pid());
            System.out.println("room JVM memory (RSS):    " + ProcessMemory.rss(roomJvm) + "  (the JVM --room starts for it)");
            System.out.println("launcher JVM (RSS):       " + ProcessMemory.rss(room.pid())
                    + "  (java Main --room, waiting; with mvn exec:java this is Maven's JVM)");
            System.out.println("FLOOR idle JVM (RSS):     " + ProcessMemory.rss(idle.pid()));
        } finally {
            reporters.shutdownNow();
            for (InputStream events : pages) {
                events.close();
            }
        }
    }

    private static HttpRequest request(int port, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build();
    }

    private static void time(HttpClient http, HttpRequest request, LatencySample sample) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        sample.record(took);
    }

    private static int countRows(String roomJson) {
        return com.google.gson.JsonParser.parseString(roomJson).getAsJsonObject().getAsJsonArray("rows").size();
    }

    /** A kit somewhere in exercise 1 or 2, its figures moving a little each time. */
    private static Progress progress(String name) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        TreeMap<Integer, Progress.Checks> exercises = new TreeMap<>();
        exercises.put(1, new Progress.Checks(random.nextInt(13), 12));
        if (random.nextBoolean()) {
            exercises.put(2, new Progress.Checks(random.nextInt(11), 10));
        }
        long misses = random.nextInt(50);
        return new Progress(name, exercises, new Progress.Misses(misses, misses / 3), Optional.of(1 + random.nextInt(5)),
                Map.of("off", 3, "dual-write", 2), "running " + random.nextInt(100) + " %", "not run");
    }
}
