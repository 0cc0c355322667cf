package dev.notely.app.deploy;

import dev.notely.app.Await;
import dev.notely.app.ControllerFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.api.DeploymentException;
import dev.notely.api.DeploymentState;
import dev.notely.api.DeploymentStatus;
import dev.notely.api.ProxyInfo;
import dev.notely.api.ProxyUnavailableException;
import dev.notely.store.AccountDetails;
import dev.notely.store.ConflictException;
import dev.notely.store.Note;
import dev.notely.telemetry.LogCapture;
import dev.notely.telemetry.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rolling deployments with real child JVMs compiled from source. */
class DeploymentControllerTest {

    @TempDir
    Path tmp;

    private static final AccountDetails ACCOUNT = new AccountDetails(UUID.randomUUID(), false, null);

    private static Note note(String content, Instant at) {
        return new Note(UUID.randomUUID(), ACCOUNT.accountId(), at, at, content);
    }

    private static boolean gone(long pid) {
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    @Test
    void rollingDeployUnderLoadLosesNoRequestAndStopsTheOldVersion() throws Exception {
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(3))) {
            rollOutUnderLoad(f);
        }
    }

    /**
     * As on a system that stops a process without a signal (Windows): proxies started with {@code -Xrs}
     * ignore SIGTERM's shutdown hooks, so only the app's request to stop can drain them.
     */
    @Test
    void aRolloutLosesNoRequestWhenTheOldVersionCannotBeSignalled() throws Exception {
        UnaryOperator<ProxyLauncher> noSignals = l -> new ProxyLauncher(l.javaBinary(),
                Stream.concat(Stream.of("-Xrs"), l.jvmFlags().stream()).toList(), l.classpath(), l.dataDir(),
                l.storeServers(), l.networkDelay(), l.logLevel(), l.secret());
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(3), ControllerFixture.START_STAGE,
                Supervisor.RestartPolicy.DEFAULT, noSignals)) {
            LogCapture log = LogCapture.attachToRoot();
            try {
                rollOutUnderLoad(f);
            } finally {
                log.detachFromRoot();
            }
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("[v1] ProxyMain - v1 stopped")),
                    "v1 drained and stopped on request: " + log.lines());
        }
    }

    private static void rollOutUnderLoad(ControllerFixture f) throws Exception {
        {
            DeploymentController c = f.controller;
            assertEquals(DeploymentStatus.INITIAL, c.state().status());
            assertThrows(ProxyUnavailableException.class, () -> f.router.totalNotes(), "nothing deployed yet");

            assertEquals(1, c.deploy());
            assertEquals(DeploymentStatus.READY, c.state().status());
            long v1Pid = c.state().current().orElseThrow().pid();
            assertTrue(Files.isRegularFile(f.dataDir.resolve("deployments/v1/dev/notely/proxy/DataProxy.class")),
                    "compiled from source into the deployments folder");

            long v1DuringRollout;
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> load = pool.submit(() -> {
                Instant t = Instant.parse("2025-08-13T10:00:00Z");
                while (running.get()) {
                    try {
                        t = t.plusMillis(1);
                        Note n = note("n", t);
                        f.router.createNote(ACCOUNT, n);
                        t = t.plusMillis(1);
                        assertTrue(f.router.updateNote(ACCOUNT, n.withContent("updated", t)));
                        assertEquals("updated", f.router.getNote(ACCOUNT, n.id()).orElseThrow().content());
                        f.router.deleteNote(ACCOUNT, n.id());
                        assertEquals(Optional.empty(), f.router.getNote(ACCOUNT, n.id()));
                        ok.incrementAndGet();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            });
            try {
                Await.until(Duration.ofSeconds(10), "traffic on v1", () -> ok.get() > 5);
                assertEquals(2, c.deploy());
                long v1BeforeRollout = served(f, 1);
                DeploymentState during = c.state();
                assertEquals(DeploymentStatus.ROLLOUT_WAIT, during.status());
                assertEquals(2, during.current().orElseThrow().version());
                assertEquals(1, during.previous().orElseThrow().version());
                assertEquals(3, during.progress().orElseThrow().totalSeconds());

                Await.until(Duration.ofSeconds(20), "rollout to finish",
                        () -> c.state().status() == DeploymentStatus.READY || failure.get() != null);
                v1DuringRollout = served(f, 1) - v1BeforeRollout;
                int afterRollout = ok.get();
                Await.until(Duration.ofSeconds(10), "traffic on v2 alone",
                        () -> ok.get() > afterRollout + 5 || failure.get() != null);
            } finally {
                running.set(false);
                load.get(30, TimeUnit.SECONDS);
                pool.shutdownNow();
            }
            assertEquals(null, failure.get(), "a request failed during the rollout");
            assertTrue(v1DuringRollout > 0 && served(f, 2) > 0, "both versions served during the rollout wait");
            assertEquals(0, errors(f), "no proxy call failed");
            assertTrue(c.state().previous().isEmpty());
            Await.until(Duration.ofSeconds(10), "v1 process to exit", () -> gone(v1Pid));
        }
    }

    /** Simulated users' calls through the traffic split until stopped; the first failure is kept. */
    private static final class Load implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger ok = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final ExecutorService pool = Executors.newSingleThreadExecutor();
        private final Future<?> done;

        Load(TrafficSplit router) {
            done = pool.submit(() -> {
                Instant t = Instant.parse("2025-08-13T10:00:00Z");
                while (running.get()) {
                    try {
                        t = t.plusMillis(1);
                        Note n = note("n", t);
                        router.createNote(ACCOUNT, n);
                        assertEquals(Optional.of(n), router.getNote(ACCOUNT, n.id()));
                        router.deleteNote(ACCOUNT, n.id());
                        ok.incrementAndGet();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            });
            Await.until(Duration.ofSeconds(10), "traffic", () -> ok.get() > 3 || failure.get() != null);
        }

        void more() {
            int now = ok.get();
            Await.until(Duration.ofSeconds(10), "more traffic", () -> ok.get() > now + 3 || failure.get() != null);
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            done.get(30, TimeUnit.SECONDS);
            pool.shutdownNow();
            assertEquals(null, failure.get(), "a request failed");
        }
    }

    @Test
    void aDeployDuringARolloutReplacesTheNewVersionAndLosesNoRequest() throws Exception {
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(30))) {
            DeploymentController c = f.controller;
            c.deploy();
            long v1 = c.state().current().orElseThrow().pid();
            try (Load load = new Load(f.router)) {
                assertEquals(2, c.deploy());
                long v2 = c.state().current().orElseThrow().pid();
                load.more();
                assertEquals(3, c.deploy(), "a deploy during the rollout is not refused");
                DeploymentState state = c.state();
                assertEquals(DeploymentStatus.ROLLOUT_WAIT, state.status());
                assertEquals(3, state.current().orElseThrow().version());
                assertEquals(v1, state.previous().orElseThrow().pid(), "v1, which served before, still shares traffic");
                Await.until(Duration.ofSeconds(15), "the replaced v2 to be stopped", () -> gone(v2));
                load.more();
            }
        }
    }

    @Test
    void aRollbackDuringARolloutKeepsThePreviousVersionAndLosesNoRequest() throws Exception {
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(30))) {
            DeploymentController c = f.controller;
            c.deploy();
            long v1 = c.state().current().orElseThrow().pid();
            try (Load load = new Load(f.router)) {
                c.deploy();
                long v2 = c.state().current().orElseThrow().pid();
                load.more();
                assertEquals(1, c.rollback());
                DeploymentState state = c.state();
                assertEquals(DeploymentStatus.READY, state.status());
                assertEquals(v1, state.current().orElseThrow().pid());
                assertTrue(state.previous().isEmpty());
                Await.until(Duration.ofSeconds(15), "v2 to be stopped", () -> gone(v2));
                load.more();
            }
            assertEquals(List.of(v1), f.proxyProcesses().stream().map(ProcessHandle::pid)
                    .filter(pid -> pid == v1 || pid == c.state().current().orElseThrow().pid()).toList());
        }
    }

    @Test
    void aRollbackAfterARolloutRollsThePreviousVersionOutAgain() throws Exception {
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(1))) {
            DeploymentController c = f.controller;
            ConflictException nothing = assertThrows(ConflictException.class, c::rollback);
            assertTrue(nothing.getMessage().contains("nothing is deployed"), nothing.getMessage());
            c.deploy();
            assertThrows(ConflictException.class, c::rollback, "v1 replaced nothing");
            c.deploy();
            Await.until(Duration.ofSeconds(20), "the rollout to v2 to end", () -> c.state().status() == DeploymentStatus.READY);
            long v2 = c.state().current().orElseThrow().pid();
            try (Load load = new Load(f.router)) {
                assertEquals(1, c.rollback());
                assertEquals(1, c.state().current().orElseThrow().version(), "v1's classes roll out again");
                Await.until(Duration.ofSeconds(20), "the rollback's rollout to end",
                        () -> c.state().status() == DeploymentStatus.READY);
                load.more();
            }
            assertEquals(1, c.state().current().orElseThrow().version());
            Await.until(Duration.ofSeconds(15), "v2 to be stopped", () -> gone(v2));
        }
    }

    @Test
    void aCompileErrorFailsTheDeploymentAndTheRunningVersionKeepsServing() throws Exception {
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(1))) {
            DeploymentController c = f.controller;
            c.deploy();
            long v1Pid = c.state().current().orElseThrow().pid();
            Note before = note("before", Instant.now());
            f.router.createNote(ACCOUNT, before);

            String source = Files.readString(f.routerSource());
            List<String> lines = source.lines().toList();
            int line = lines.indexOf(lines.stream().filter(l -> l.contains("return legacy.listNotes")).findFirst().orElseThrow()) + 1;
            Files.writeString(f.routerSource(), source.replace("return legacy.listNotes(account.accountId());",
                    "return legacy.listNotez(account.accountId())"));

            DeploymentException e = assertThrows(DeploymentException.class, c::deploy);
            assertTrue(e.getMessage().startsWith("compile error: "), e.getMessage());
            assertTrue(e.getMessage().contains("src/dev/notely/proxy/DataProxy.java:" + line + ": "), e.getMessage());

            DeploymentState state = c.state();
            assertEquals(DeploymentStatus.READY, state.status());
            assertEquals(new ProxyInfo(1, v1Pid, state.current().orElseThrow().startedAt(), 0), state.current().orElseThrow());
            assertEquals(Optional.of(e.getMessage()), state.lastError());
            assertEquals(Optional.of(before), f.router.getNote(ACCOUNT, before.id()), "v1 still serves");

            Files.writeString(f.routerSource(), source);
            assertEquals(3, c.deploy(), "the failed attempt keeps its number: v2 in the log is the one that failed");
            assertEquals(Optional.empty(), c.state().lastError(), "a good deployment clears the error");
        }
    }

    @Test
    void aProxyThatThrowsOnStartFailsTheDeploymentWithItsMessage() throws Exception {
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(1))) {
            DeploymentController c = f.controller;
            c.deploy();
            String source = Files.readString(f.routerSource());
            Files.writeString(f.routerSource(), source.replace("this.legacy = stores.open(NoteStores.LEGACY);",
                    "this.legacy = stores.open(\"legasy\");"));
            DeploymentException e = assertThrows(DeploymentException.class, c::deploy);
            assertTrue(e.getMessage().contains("v2 exited with code 1 while starting"), e.getMessage());
            assertTrue(e.getMessage().contains("unknown note store 'legasy'"), e.getMessage());
            assertEquals(1, c.state().current().orElseThrow().version());
            f.router.healthCheck();
        }
    }

    @Test
    void aSecondDeployWhileANewVersionIsStartingIsRefused() throws Exception {
        Path go = tmp.resolve("go");
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(30))) {
            DeploymentController c = f.controller;
            c.deploy();
            String source = Files.readString(f.routerSource());
            // The next version's constructor waits for the test's go-ahead: it is "being started" until then.
            Files.writeString(f.routerSource(), source.replace("this.legacy = stores.open(NoteStores.LEGACY);",
                    "this.legacy = stores.open(NoteStores.LEGACY);\n"
                            + "while (!java.nio.file.Files.exists(java.nio.file.Path.of(\"" + go + "\"))) {"
                            + " try { Thread.sleep(20); } catch (InterruptedException e) { throw new IllegalStateException(e); } }"));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> starting = pool.submit(c::deploy);
                Await.until(Duration.ofSeconds(30), "v2 to be starting",
                        () -> c.state().status() == DeploymentStatus.ROLLOUT_LAUNCH_NEW);
                ConflictException e = assertThrows(ConflictException.class, c::deploy);
                assertTrue(e.getMessage().startsWith("deployment already in progress"), e.getMessage());
                assertThrows(ConflictException.class, c::rollback, "no rollback while a version is starting");
                Files.writeString(go, "");
                assertEquals(2, starting.get(60, TimeUnit.SECONDS));
            } finally {
                Files.writeString(go, "");
                pool.shutdownNow();
            }
            assertEquals(2, c.state().current().orElseThrow().version());
            assertEquals(DeploymentStatus.ROLLOUT_WAIT, c.state().status());
        }
    }

    @Test
    void aKilledProxyIsRestartedAndServesAgain() throws Exception {
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(1))) {
            DeploymentController c = f.controller;
            c.deploy();
            long pid = c.state().current().orElseThrow().pid();
            Note n = note("survives", Instant.now());
            f.router.createNote(ACCOUNT, n);

            long killedAt = System.nanoTime();
            assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
            Await.until(Duration.ofSeconds(5), "a restarted v1", () -> {
                ProxyInfo info = c.state().current().orElseThrow();
                return info.pid() != pid && info.pid() != 0;
            });
            long restartMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            ProxyInfo restarted = c.state().current().orElseThrow();
            assertEquals(1, restarted.version());
            assertEquals(1, restarted.restarts());
            assertEquals(Optional.of(n), f.router.getNote(ACCOUNT, n.id()), "serving again after " + restartMillis + " ms");
        }
    }

    @Test
    void closingStopsEveryProxyProcess() throws Exception {
        ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(30));
        DeploymentController c = f.controller;
        c.deploy();
        c.deploy();
        long current = c.state().current().orElseThrow().pid();
        long previous = c.state().previous().orElseThrow().pid();
        LogCapture log = LogCapture.attachToRoot();
        try {
            f.close();
        } finally {
            log.detachFromRoot();
        }
        assertTrue(gone(current), "current proxy stopped");
        assertTrue(gone(previous), "previous proxy stopped");
        assertThrows(ProxyUnavailableException.class, f.router::totalNotes);
        String lines = String.join("\n", log.lines());
        assertTrue(lines.contains("[v1] ProxyMain - v1 stopped") && lines.contains("[v2] ProxyMain - v2 stopped"),
                "what each proxy says as it stops reaches the log: " + lines);
    }

    @Test
    void processesADataProxyStartsAreStoppedWithIt() throws Exception {
        ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(1));
        String source = Files.readString(f.routerSource());
        Files.writeString(f.routerSource(), source.replace("this.legacy = stores.open(NoteStores.LEGACY);",
                "this.legacy = stores.open(NoteStores.LEGACY);\n"
                        + "try { new ProcessBuilder(\"sleep\", \"300\").start(); } catch (java.io.IOException e) { throw new"
                        + " IllegalStateException(e); }"));
        f.controller.deploy();
        long proxyPid = f.controller.state().current().orElseThrow().pid();
        List<ProcessHandle> started = ProcessHandle.of(proxyPid).orElseThrow().descendants().toList();
        assertEquals(1, started.size(), "the proxy started its sleep");
        f.close();
        Await.until(Duration.ofSeconds(10), "the sleep the proxy started to be gone", () -> !started.get(0).isAlive());
    }

    @Test
    void aProxyStuckInARouterCallIsRestartedSayingWhereItWasStuck() throws Exception {
        Supervisor.RestartPolicy hangsAfter2s = new Supervisor.RestartPolicy(5, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofMinutes(5), Duration.ofSeconds(2));
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(1), ControllerFixture.START_STAGE, hangsAfter2s)) {
            String source = Files.readString(f.routerSource());
            Files.writeString(f.routerSource(), source.replace("return legacy.listNotes(account.accountId());",
                    "while (account != null) { Thread.onSpinWait(); }\n        return legacy.listNotes(account.accountId());"));
            f.controller.deploy();
            long stuckPid = f.controller.state().current().orElseThrow().pid();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                pool.submit(() -> f.router.listNotes(ACCOUNT)); // never answers: the proxy is stuck in it
                Await.until(Duration.ofSeconds(60), "the stuck proxy to be restarted",
                        () -> f.controller.state().current().orElseThrow().restarts() >= 1);
            } finally {
                pool.shutdownNow();
            }
            String error = f.controller.state().lastError().orElseThrow();
            assertTrue(error.contains("v1 (pid " + stuckPid + ") is stuck: ListNotes has run for"), error);
            assertTrue(error.matches(".*at DataProxy\\.java:\\d+.*"), "names the line: " + error);
            Await.until(Duration.ofSeconds(10), "the stuck process to be gone", () -> gone(stuckPid));
            assertEquals(0, f.router.totalNotes(), "the restarted proxy serves");
        }
    }

    @Test
    void closingStopsAProxyThatIsStillStarting() throws Exception {
        ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(1));
        DeploymentController c = f.controller;
        String source = Files.readString(f.routerSource());
        Files.writeString(f.routerSource(), source.replace("this.legacy = stores.open(NoteStores.LEGACY);",
                "this.legacy = stores.open(NoteStores.LEGACY);\n"
                        + "try { Thread.sleep(120_000); } catch (InterruptedException e) { throw new IllegalStateException(e); }"));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> deploying = pool.submit(c::deploy);
            Await.until(Duration.ofSeconds(30), "the proxy JVM to be started", () -> !f.proxyProcesses().isEmpty());
            f.close();
            assertEquals(List.of(), f.proxyProcesses(), "a proxy still starting is stopped too");
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> deploying.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof DeploymentException, e.getCause().toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aVersionThatKeepsCrashingIsGivenUpOnAndSaysWhatToDo() throws Exception {
        Path marker = tmp.resolve("crash-soon");
        Supervisor.RestartPolicy quick = new Supervisor.RestartPolicy(2, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofMinutes(5), Duration.ofSeconds(10));
        try (ControllerFixture f = new ControllerFixture(tmp, Duration.ofSeconds(1), ControllerFixture.START_STAGE, quick)) {
            DeploymentController c = f.controller;
            String source = Files.readString(f.routerSource());
            // With the marker, each process starts and answers, then dies a moment later: restarts
            // that succeed must not reset the count, or it would be restarted for ever.
            Files.writeString(f.routerSource(), source.replace("this.legacy = stores.open(NoteStores.LEGACY);",
                    "this.legacy = stores.open(NoteStores.LEGACY);\n"
                            + "if (java.nio.file.Files.exists(java.nio.file.Path.of(\"" + marker + "\"))) {\n"
                            + "  Thread t = new Thread(() -> { try { Thread.sleep(1_500); } catch (InterruptedException e) { }"
                            + " Runtime.getRuntime().halt(3); });\n"
                            + "  t.setDaemon(true); t.start();\n"
                            + "}"));
            c.deploy();
            long pid = c.state().current().orElseThrow().pid();
            Files.writeString(marker, "");
            assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());

            Await.until(Duration.ofSeconds(60), "v1 to be given up on",
                    () -> c.state().lastError().map(m -> m.contains("not restarted again")).orElse(false));
            String error = c.state().lastError().orElseThrow();
            assertTrue(error.contains("after 2 attempts in a row: fix the proxy and deploy again"), error);
            assertTrue(c.state().current().orElseThrow().restarts() >= 1, "restarts that came up were counted");
            ProxyUnavailableException e = assertThrows(ProxyUnavailableException.class, f.router::totalNotes);
            assertTrue(e.getMessage().contains("v1 kept crashing and is no longer restarted"), e.getMessage());
            Await.until(Duration.ofSeconds(10), "no v1 process left, only the standby for the next deployment",
                    () -> f.proxyProcesses().size() == 1);

            Files.delete(marker);
            assertEquals(2, c.deploy());
            assertEquals(0, f.router.totalNotes(), "a new deployment serves again");
        }
    }

    private static long served(ControllerFixture f, int version) {
        return f.stats.snapshot().proxy().stream()
                .filter(r -> r.key().version() == version && r.key().status() == Status.SUCCESS)
                .mapToLong(r -> r.metrics().totalCount()).sum();
    }

    private static long errors(ControllerFixture f) {
        return f.stats.snapshot().proxy().stream().filter(r -> r.key().status() == Status.ERROR)
                .mapToLong(r -> r.metrics().totalCount()).sum();
    }

}
