package dev.notely.proxyhost;

import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import dev.notely.store.Failures;
import dev.notely.store.StoreServers;
import dev.notely.store.faults.FaultTable;
import dev.notely.store.faults.StoreFaults;
import dev.notely.wire.Json;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import dev.notely.wire.NetworkDelay;
import dev.notely.wire.ProxyWire;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of one data-proxy process. It starts as a <i>standby</i>: listening on a free loopback
 * port, its libraries warming up in the background, answering 503 to every call. The app hands it a version on
 * stdin ({@code serve <version> <secret> <classes folder>}, after a {@code store NAME=URL} line for each store
 * on a database server); it then opens the stores, builds {@code new DataProxy(stores)} from that folder,
 * serves it over JSON-RPC and prints the ready line with its port. Starting the JVM ahead
 * of time is what makes a deployment take a fraction of a second.
 *
 * <p>On SIGTERM it stops accepting, lets in-flight calls finish, closes the stores and exits 0. It also
 * exits as soon as the app ({@code --parent-pid}) is gone or closes its stdin, so no proxy outlives the kit.
 */
@Command(name = "ProxyMain", mixinStandardHelpOptions = false,
        description = "A data-proxy process of the Notely kit; started by the app, not by hand.")
public final class ProxyMain implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ProxyMain.class);

    @Option(names = ProxyWire.FLAG_DATA_DIR, required = true, description = "where the note stores live")
    Path dataDir;

    @Option(names = ProxyWire.FLAG_STORE, paramLabel = "NAME=URL",
            description = "a note store on a PostgreSQL server instead of the data directory; repeatable")
    List<String> storeServers = new ArrayList<>();

    @Option(names = ProxyWire.FLAG_NETWORK_DELAY, defaultValue = "1-5ms", converter = DelayConverter.class,
            description = "simulated delay on the wire: a range such as 1-5ms, or 0")
    NetworkDelay delay;

    @Option(names = ProxyWire.FLAG_PARENT_PID, description = "exit as soon as this process (the app) is gone")
    long parentPid;

    /** What the process exits with: the shutdown hook ends it with this too, so a failed start still says so. */
    private static volatile int exitStatus;

    public static void main(String[] args) {
        exitStatus = new CommandLine(new ProxyMain()).execute(args);
        System.exit(exitStatus);
    }

    @Override
    public Integer call() {
        if (parentPid != 0 && !exitWithParent(parentPid)) {
            return 0; // the app that started this process is already gone
        }
        try {
            StoreServers.parse(storeServers); // a mistake in a flag ends the process before it is of any use
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            return 1;
        }
        StatsCollector stats = new StatsCollector();
        // Opened once a version is handed over, with the stores the app names then.
        AtomicReference<SqliteNoteStores> opened = new AtomicReference<>();
        SwitchableHandler handler = new SwitchableHandler();
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(handler);
        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setIoThreads(1)
                .setSocketOption(org.xnio.Options.TCP_NODELAY, true)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int) ProxyWire.IDLE_TIMEOUT.toMillis())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) ProxyWire.IDLE_TIMEOUT.toMillis())
                // More workers than the app can have calls in flight, so calls queued for the router
                // lock never leave Ready waiting and make a busy proxy look dead.
                .setWorkerThreads(ProxyWire.MAX_CALLS_IN_FLIGHT + 32)
                .setHandler(graceful)
                .build();
        try {
            server.start();
        } catch (RuntimeException e) {
            log.error("cannot listen on 127.0.0.1: {}", e.getMessage());
            return 1;
        }
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        // Warmed up beside waiting for a version, not before: a version handed over at once need not wait for it.
        Thread warmup = new Thread(() -> {
            Warmup.run(delay);
            System.out.println(ProxyWire.WARM_LINE);
            System.out.flush();
        }, "warmup");
        warmup.setDaemon(true);
        warmup.setPriority(Thread.MIN_PRIORITY);
        warmup.start();
        stopOnSignal(handler, graceful, server, opened);
        System.out.println(ProxyWire.STANDBY_LINE);
        System.out.flush();

        Order order = readOrder();
        if (order == null) {
            return 0; // the app closed our stdin without handing us a version: it no longer needs us
        }
        int version;
        String secret;
        Path classes;
        try {
            String[] parts = order.serve().substring(ProxyWire.SERVE_PREFIX.length()).split(" ", 3);
            version = Integer.parseInt(parts[0]);
            secret = parts[1];
            classes = Path.of(parts[2]);
        } catch (RuntimeException e) {
            log.error("not an order this proxy understands: '{}'", order.serve());
            return 2;
        }
        handler.version(version);
        List<String> settings = new ArrayList<>(storeServers);
        settings.addAll(order.stores());
        StoreServers servers;
        try {
            servers = StoreServers.parse(settings);
        } catch (IllegalArgumentException e) {
            log.error("v{} could not start: {}", version, e.getMessage());
            return 1;
        }
        // The faults in force when the app handed over the version; SetFaults changes them from then on.
        StoreFaults faults = new StoreFaults();
        if (order.faults().isPresent()) {
            try {
                faults.apply(Json.WIRE.fromJson(order.faults().get(), FaultTable.class));
            } catch (RuntimeException e) {
                log.error("v{} could not start: unreadable store faults '{}': {}", version, order.faults().get(),
                        Failures.rootMessage(e));
                return 1;
            }
            if (!faults.current().isEmpty()) {
                log.info("v{} starts with store faults: {}", version, faults.current().describe());
            }
        }
        SqliteNoteStores stores = new SqliteNoteStores(dataDir, stats, servers, faults);
        opened.set(stores);
        StoreTrace trace = StoreTrace.forVersion(version);
        NoteRouter router;
        try {
            router = newRouter(classes, TracedNoteStores.wrap(stores, trace));
        } catch (RuntimeException e) {
            log.error("v{} could not start: {}", version, e.getMessage());
            log.debug("start-up failure of v{}", version, e);
            return 1;
        }
        handler.serve(new RpcServer(router, version, stats, delay, secret, faults, trace));
        log.info("v{} serving on 127.0.0.1:{} (pid {}, network delay {})", version, port,
                ProcessHandle.current().pid(), delay);
        System.out.println(ProxyWire.READY_PREFIX + port);
        System.out.flush();
        waitForever();
        return 0;
    }

    /** SIGTERM: stop accepting, let calls in flight finish, close the stores, exit 0. */
    private static void stopOnSignal(SwitchableHandler handler, GracefulShutdownHandler graceful, Undertow server,
                                     AtomicReference<SqliteNoteStores> opened) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            graceful.shutdown();
            try {
                graceful.awaitShutdown(ProxyWire.DRAIN.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop();
            SqliteNoteStores stores = opened.get();
            if (stores != null) {
                stores.close();
            }
            // Whatever the DataProxy started goes with it.
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            log.info("{} stopped", handler.label());
            System.out.flush();
            System.err.flush();
            // SIGTERM would otherwise end the JVM with 143; a clean drain is a clean exit.
            Runtime.getRuntime().halt(exitStatus);
        }, "proxy-shutdown"));
    }

    /** The app's order: the serve line, and the store settings and faults sent before it. */
    private record Order(List<String> stores, java.util.Optional<String> faults, String serve) {
    }

    /** The app's order on stdin, or null once stdin is closed. */
    private static Order readOrder() {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            List<String> stores = new ArrayList<>();
            String faults = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(ProxyWire.STORE_PREFIX)) {
                    stores.add(line.substring(ProxyWire.STORE_PREFIX.length()));
                } else if (line.startsWith(ProxyWire.FAULTS_PREFIX)) {
                    faults = line.substring(ProxyWire.FAULTS_PREFIX.length());
                } else if (line.startsWith(ProxyWire.SERVE_PREFIX)) {
                    return new Order(stores, java.util.Optional.ofNullable(faults), line);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Serving happens on the server's threads; this one only has to stay out of the way until a signal. */
    private static void waitForever() {
        Object forever = new Object();
        synchronized (forever) {
            while (true) {
                try {
                    forever.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Exits this process once {@code parentPid} is gone; false when it already is. */
    private static boolean exitWithParent(long parentPid) {
        ProcessHandle parent = ProcessHandle.of(parentPid).filter(ProcessHandle::isAlive).orElse(null);
        if (parent == null) {
            log.warn("the app that started this proxy (pid {}) is gone; not starting", parentPid);
            return false;
        }
        parent.onExit().thenRun(() -> {
            log.warn("the app that started this proxy (pid {}) is gone; stopping", parentPid);
            System.exit(0);
        });
        return true;
    }

    /** {@code new DataProxy(stores)} from the compiled classes in {@code classes}, with the attendee's own exception (if any) as the message. */
    static NoteRouter newRouter(Path classes, NoteStores stores) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("no compiled proxy classes at " + classes);
        }
        URL url;
        try {
            url = classes.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot load classes from " + classes + ": " + e.getMessage(), e);
        }
        ClassLoader loader = new ProxyClassLoader(url, ProxyMain.class.getClassLoader());
        String name = ProxyWire.ROUTER_CLASS;
        try {
            Class<?> type = Class.forName(name, true, loader);
            if (!NoteRouter.class.isAssignableFrom(type)) {
                throw new IllegalStateException(name + " does not implement NoteRouter");
            }
            return (NoteRouter) type.getConstructor(NoteStores.class).newInstance(stores);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is not among the compiled proxy classes", e);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(name + " needs a public constructor taking NoteStores", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("new DataProxy(stores) threw " + cause.getClass().getSimpleName()
                    + ": " + cause.getMessage() + Failures.whereInProxy(cause), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + name + ": " + e, e);
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("a static initialiser of DataProxy threw " + Failures.describe(cause), cause);
        } catch (LinkageError e) {
            throw new IllegalStateException("cannot load " + name + ": " + e, e);
        }
    }

    /** Reads {@code --network-delay}. */
    static final class DelayConverter implements CommandLine.ITypeConverter<NetworkDelay> {
        @Override
        public NetworkDelay convert(String value) {
            return NetworkDelay.parse(value);
        }
    }
}
