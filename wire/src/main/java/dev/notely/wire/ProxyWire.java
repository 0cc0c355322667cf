package dev.notely.wire;

import dev.notely.store.KitException.Kind;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the app and a data-proxy process agree on, and nothing else: the JSON-RPC methods, the error
 * codes, the line a proxy prints once it serves, how long it drains when stopped and the flags it is
 * started with. Both sides read these; neither reaches into the other's code.
 */
public final class ProxyWire {

    /** The entry point of a proxy process. */
    public static final String MAIN_CLASS = "dev.notely.proxyhost.ProxyMain";
    /** The router class a proxy loads from the compiled proxy sources. */
    public static final String ROUTER_CLASS = "dev.notely.proxy.DataProxy";

    /** Printed on stdout by a standby process once it can take a version; the app then hands it one. */
    public static final String STANDBY_LINE = "notely-proxy standby";
    /** Printed on stdout once a standby has also warmed up (it may already serve a version by then). */
    public static final String WARM_LINE = "notely-proxy warm";
    /** Printed on stdout, followed by a space and the bound port, once the proxy accepts calls. */
    public static final String READY_PREFIX = "notely-proxy ready ";
    /** The line a standby reads on stdin: this prefix, then the version, the secret and the compiled classes' folder. */
    public static final String SERVE_PREFIX = "serve ";
    /**
     * Before the serve line, one line per store on a database server: this prefix, then {@code NAME=URL}. On
     * stdin rather than as {@link #FLAG_STORE}, because the URL carries a password and a command line is
     * public to every user of the machine.
     */
    public static final String STORE_PREFIX = "store ";
    /**
     * Before the serve line, the store faults in force (SPEC §19): this prefix, then the fault table as JSON,
     * so a proxy started during a fault serves its first call with it.
     */
    public static final String FAULTS_PREFIX = "faults ";

    /**
     * The header every call to a proxy carries: a secret the app makes for each launch and hands its
     * proxies over stdin, so no other local process can call a proxy past the API's checks.
     */
    public static final String SECRET_HEADER = "X-Notely-Secret";

    /** How long the app waits for a stopping proxy before it kills it. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long a stopping proxy lets calls in flight finish: shorter than {@link #STOP_GRACE}, so a drain is never cut off. */
    public static final Duration DRAIN = STOP_GRACE.minusSeconds(2);
    /** Calls the app can have in flight to one proxy at most (one per REST worker). */
    public static final int MAX_CALLS_IN_FLIGHT = 64;
    /** How long a proxy connection may send nothing mid-request before it is cut; the app's calls time out sooner. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The most notes one {@link Method#BACKFILL} call may be asked to read. */
    public static final int MAX_BACKFILL_PAGE = 1_000;
    /** The largest JSON-RPC request body a proxy reads. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** System properties of a proxy JVM: its log line pattern (the app reads each line's level from its start) and level. */
    public static final String LOG_PATTERN_PROPERTY = "notely.log.pattern";
    public static final String LOG_LEVEL_PROPERTY = "notely.log.level";
    /** {@code false} turns off the traces behind the misses' timelines, in the app and its proxies: only to measure their cost. */
    public static final String TRACE_PROPERTY = "notely.trace";

    /** Flags of {@link #MAIN_CLASS}. */
    public static final String FLAG_DATA_DIR = "--data-dir";
    public static final String FLAG_NETWORK_DELAY = "--network-delay";
    public static final String FLAG_PARENT_PID = "--parent-pid";
    /** A store on a database server, {@code NAME=URL}; repeated for each such store. For running a proxy by hand: the app uses {@link #STORE_PREFIX}. */
    public static final String FLAG_STORE = "--store";

    private ProxyWire() {
    }

    /**
     * The methods a data proxy answers. The routed ones reach the router; each has its codec, spelled out
     * once for both sides, in {@link RoutedCalls}.
     */
    public enum Method {
        LIST_NOTES("ListNotes", true),
        GET_NOTE("GetNote", true),
        CREATE_NOTE("CreateNote", true),
        UPDATE_NOTE("UpdateNote", true),
        DELETE_NOTE("DeleteNote", true),
        COUNT_NOTES("CountNotes", true),
        TOTAL_NOTES("TotalNotes", true),
        ASSIGN_SHARD("AssignShard", true),
        HEALTH_CHECK("HealthCheck", true),
        /** The next page of the kit's backfill for one account (see {@link RoutedCalls#BACKFILL}). */
        BACKFILL("Backfill", true),
        /** Control: answers once the proxy serves, with its version and pid. */
        READY("Ready", false),
        /** Control: the proxy's own telemetry, for the app to import. */
        EXPORT_STATS("ExportStats", false),
        /**
         * Control: the store operations this proxy made on one note (params {@code note}, {@code account}),
         * oldest first, as {@link TraceEntry} values: the evidence behind a consistency miss.
         */
        TRACE("Trace", false),
        /**
         * Control: finish the calls in flight and exit, as on SIGTERM. The app asks this first, so a
         * rollout ends without a lost call on systems that stop a process without a signal (Windows).
         */
        STOP("Stop", false),
        /**
         * Control: the store faults to suffer from now on, {@code {"faults": <table>}}, answered with the
         * generation in force; a table older than the one held is ignored, so pushes may cross.
         */
        SET_FAULTS("SetFaults", false);

        private final String wireName;
        private final boolean routed;

        Method(String wireName, boolean routed) {
            this.wireName = wireName;
            this.routed = routed;
        }

        /** The method name on the wire, such as {@code GetNote}. */
        public String wireName() {
            return wireName;
        }

        /** Whether the call reaches the router (and so takes the lock and the simulated latency). */
        public boolean routed() {
            return routed;
        }

        public static Optional<Method> byWireName(String name) {
            return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
        }
    }

    /** JSON-RPC 2.0 error codes on the proxy wire: the standard ones, and the kit's own kinds of failure. */
    public static final class Codes {
        public static final int PARSE_ERROR = -32700;
        public static final int INVALID_REQUEST = -32600;
        public static final int METHOD_NOT_FOUND = -32601;
        public static final int INVALID_PARAMS = -32602;
        public static final int INTERNAL_ERROR = -32603;
        /** The router threw something unexpected (a bug in DataProxy, most likely). */
        public static final int ROUTER_FAILED = Kind.ROUTER_FAILED.rpcCode();
        /** The account or note does not exist. */
        public static final int NOT_FOUND = Kind.NOT_FOUND.rpcCode();
        /** The note id is taken. */
        public static final int CONFLICT = Kind.CONFLICT.rpcCode();
        /** A note store failed. */
        public static final int STORE_FAILED = Kind.STORE_FAILED.rpcCode();
        /**
         * The router does not implement the method asked for: its class keeps {@code backfill} as the
         * interface's default ({@link dev.notely.store.RouterFeatures#hasBackfill}). Not a failure: a later
         * version may have one.
         */
        public static final int NOT_IMPLEMENTED = -32004;

        private Codes() {
        }
    }

    /**
     * What a data proxy answers to {@code Ready}: its version and pid, and the router call that has held
     * the lock for a while, if any ({@code null} when none has for {@link #BUSY_REPORTED_AFTER}).
     */
    public record Ready(int version, long pid, Busy busy) {
    }

    /**
     * A router call that has held the lock for {@code seconds}: its method and where in DataProxy it is
     * ({@code "DataProxy.java:57"}, or empty when its thread is outside the proxy's code).
     */
    public record Busy(String method, double seconds, String where) {
    }

    /**
     * One store operation a proxy made, as {@code Trace} answers it.
     *
     * @param at      when it started, epoch milliseconds
     * @param what    the store operation, such as {@code upsertNote}
     * @param store   the store's name
     * @param result  what it gave, in words ({@code not found}, {@code found, written 10:01:02.120},
     *                {@code failed: ...})
     */
    public record TraceEntry(long at, int version, String what, String store, String result) {
    }

    /** How long a router call holds the lock before {@code Ready} reports it. */
    public static final Duration BUSY_REPORTED_AFTER = Duration.ofSeconds(1);
}
