package dev.notely.proxyhost;

import dev.notely.store.Failures;
import dev.notely.telemetry.KeyedRings;
import dev.notely.wire.ProxyWire.TraceEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * This proxy's store operations, the last few per note (and per account, for listing its notes): what
 * {@code Trace} answers, so the app can say which version put a note where, and when. Results are kept
 * small (a flag, a time, the listed ids) and put into words only when asked for.
 */
final class StoreTrace {

    /** Notes (and accounts) remembered at most: with {@link #PER_KEY} operations each, a few MB at worst. */
    static final int MAX_KEYS = 8_192;
    static final int PER_KEY = 12;
    /** Whether to trace at all; off only to measure what tracing costs. */
    static final String ENABLED_PROPERTY = "notely.trace";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /** One operation: {@code result} is a {@link Outcome}, the written or found note's time, the listed ids, or an error. */
    record Op(long at, String what, String store, Object result) {
    }

    enum Outcome { OK, NOT_FOUND, NOT_THERE, UPDATED, REMOVED, KEPT }

    /** A note found or written: when it was written, as the note says. */
    record Written(long updatedAt) {
    }

    /** A store call that threw. */
    record Failed(String message) {
    }

    private final int version;
    private final KeyedRings<Op> ops = new KeyedRings<>(MAX_KEYS, PER_KEY);
    private final boolean enabled;

    StoreTrace(int version, boolean enabled) {
        this.version = version;
        this.enabled = enabled;
    }

    /** Traces unless {@code -Dnotely.trace=false}. */
    static StoreTrace forVersion(int version) {
        return new StoreTrace(version, !"false".equals(System.getProperty(ENABLED_PROPERTY)));
    }

    /** A trace that keeps nothing (tests, warm-up). */
    static StoreTrace none() {
        return new StoreTrace(0, false);
    }

    boolean enabled() {
        return enabled;
    }

    void record(UUID key, String what, String store, long at, Object result) {
        ops.add(key, new Op(at, what, store, result));
    }

    /** The operations on {@code note}, and the listings of its {@code account} (when given), oldest first. */
    List<TraceEntry> entries(UUID note, UUID account) {
        List<TraceEntry> out = new ArrayList<>();
        for (Op op : ops.get(note)) {
            out.add(entry(op, note));
        }
        if (account != null) {
            for (Op op : ops.get(account)) {
                out.add(entry(op, note));
            }
        }
        out.sort(Comparator.comparingLong(TraceEntry::at));
        return out;
    }

    private TraceEntry entry(Op op, UUID note) {
        return new TraceEntry(op.at(), version, op.what(), op.store(), words(op.result(), note));
    }

    static String words(Object result, UUID note) {
        if (result instanceof Outcome o) {
            return switch (o) {
                case OK -> "ok";
                case NOT_FOUND -> "not found";
                case NOT_THERE -> "not there, nothing written";
                case UPDATED -> "updated";
                case REMOVED -> "removed";
                case KEPT -> "kept";
            };
        }
        if (result instanceof Written w) {
            return "note written at " + CLOCK.format(Instant.ofEpochMilli(w.updatedAt()));
        }
        if (result instanceof List<?> listed) {
            return (listed.contains(note) ? "listed the note" : "did not list the note") + " (" + listed.size() + " notes)";
        }
        if (result instanceof Failed f) {
            return "failed: " + f.message();
        }
        return String.valueOf(result);
    }

    static Failed failed(Throwable e) {
        return new Failed(Failures.rootMessage(e));
    }
}
