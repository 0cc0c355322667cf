package dev.notely.app;

import dev.notely.api.rest.RestServer;
import dev.notely.api.rpc.NetworkDelay;
import dev.notely.api.rpc.RpcServer;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import dev.notely.store.RouterErrors;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of one data-proxy process: builds {@code new DataProxy(stores)} from the compiled proxy
 * classes first on the class path and serves it over JSON-RPC on {@code 127.0.0.1:<port>}.
 *
 * <p>{@code ProxyMain --proxy-id N --proxy-port P --data-dir DIR [--network-delay 1-5ms] [--parent-pid PID]}
 *
 * <p>On SIGTERM it stops accepting, lets in-flight calls finish, closes the stores and exits 0. Given
 * {@code --parent-pid}, it also exits as soon as that process (the app) is gone, however the app ended,
 * so no proxy outlives the kit.
 */
public final class ProxyMain {

    /** Printed on stdout once the proxy accepts calls; the app waits for it. */
    static final String READY_LINE = "notely-proxy ready";
    static final String ROUTER_CLASS = "dev.notely.proxy.DataProxy";

    private static final Logger log = LoggerFactory.getLogger(ProxyMain.class);
    /** Shorter than the app's grace period before it kills a stopping proxy, so a drain is never cut off. */
    static final long DRAIN_MILLIS = ProxyProcess.STOP_GRACE.minusSeconds(2).toMillis();

    private ProxyMain() {
    }

    public static void main(String[] args) {
        int version;
        int port;
        Path dataDir;
        NetworkDelay delay;
        long parentPid;
        try {
            Flags flags = Flags.parse(List.of(args), Set.of(),
                    Set.of("proxy-id", "proxy-port", "data-dir", "network-delay", "parent-pid"));
            version = flags.get("proxy-id", Flags.intIn(1, Integer.MAX_VALUE), 0);
            parentPid = flags.get("parent-pid", Flags.intIn(1, Integer.MAX_VALUE), 0);
            port = flags.get("proxy-port", Flags.intIn(1, 65_535), 0);
            dataDir = flags.get("data-dir", Path::of, null);
            delay = flags.get("network-delay", NetworkDelay::parse, NetworkDelay.DEFAULT);
            if (version == 0 || port == 0 || dataDir == null) {
                throw new Flags.UsageException("--proxy-id, --proxy-port and --data-dir are required");
            }
        } catch (Flags.UsageException e) {
            System.err.println("ProxyMain: " + e.getMessage());
            System.err.println("usage: ProxyMain --proxy-id N --proxy-port P --data-dir DIR [--network-delay 1-5ms|0]"
                    + " [--parent-pid PID]");
            System.exit(2);
            return;
        }
        if (parentPid != 0) {
            exitWithParent(version, parentPid); // first of all: the app may be gone before this proxy is up
        }
        try {
            serve(version, port, dataDir, delay);
        } catch (RuntimeException e) {
            log.error("v{} could not start: {}", version, e.getMessage());
            log.debug("start-up failure of v{}", version, e);
            System.exit(1);
        }
    }

    private static void serve(int version, int port, Path dataDir, NetworkDelay delay) {
        StatsCollector stats = new StatsCollector();
        SqliteNoteStores stores = new SqliteNoteStores(dataDir, stats);
        NoteRouter router = newRouter(stores);
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(new RpcServer(router, version, stats, delay));
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setIoThreads(1)
                .setSocketOption(org.xnio.Options.TCP_NODELAY, true)
                // More workers than the app can have calls in flight (one per REST worker), so calls queued
                // for the router lock never leave Ready waiting and make a busy proxy look dead.
                .setWorkerThreads(RestServer.WORKER_THREADS + 32)
                .setHandler(graceful)
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            stores.close();
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            graceful.shutdown();
            try {
                graceful.awaitShutdown(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop();
            stores.close();
            log.info("v{} stopped", version);
            System.out.flush();
            System.err.flush();
            // SIGTERM would otherwise end the JVM with 143; a clean drain is a clean exit.
            Runtime.getRuntime().halt(0);
        }, "proxy-shutdown"));
        log.info("v{} serving on 127.0.0.1:{} (pid {}, network delay {})", version, port,
                ProcessHandle.current().pid(), delay);
        System.out.println(READY_LINE);
        System.out.flush();
    }

    private static void exitWithParent(int version, long parentPid) {
        ProcessHandle parent = ProcessHandle.of(parentPid).filter(ProcessHandle::isAlive).orElse(null);
        if (parent == null) {
            log.warn("v{}: the app that started this proxy (pid {}) is gone; not starting", version, parentPid);
            System.exit(0);
        }
        parent.onExit().thenRun(() -> {
            log.warn("v{}: the app that started this proxy (pid {}) is gone; stopping", version, parentPid);
            System.exit(0);
        });
    }

    /** {@code new DataProxy(stores)}, with the attendee's own exception (if any) as the message. */
    private static NoteRouter newRouter(NoteStores stores) {
        try {
            Class<?> type = Class.forName(ROUTER_CLASS);
            if (!NoteRouter.class.isAssignableFrom(type)) {
                throw new IllegalStateException(ROUTER_CLASS + " does not implement NoteRouter");
            }
            return (NoteRouter) type.getConstructor(NoteStores.class).newInstance(stores);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(ROUTER_CLASS + " is not on the class path", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(ROUTER_CLASS + " needs a public constructor taking NoteStores", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("new DataProxy(stores) threw " + cause.getClass().getSimpleName()
                    + ": " + cause.getMessage() + RouterErrors.whereInProxy(cause), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + ROUTER_CLASS + ": " + e, e);
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("a static initialiser of DataProxy threw " + RouterErrors.describe(cause), cause);
        } catch (LinkageError e) {
            throw new IllegalStateException("cannot load " + ROUTER_CLASS + ": " + e, e);
        }
    }
}
