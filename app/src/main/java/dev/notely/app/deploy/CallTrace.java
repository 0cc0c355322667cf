package dev.notely.app.deploy;

import dev.notely.telemetry.KeyedRings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Which version answered each routed call on a note (or listed an account's notes), and what it answered:
 * the app's side of a miss's timeline. Only the last few calls per note are kept, for a bounded number of
 * notes.
 */
public final class CallTrace {

    static final int MAX_KEYS = 16_384;
    static final int PER_KEY = 12;

    /**
     * One routed call.
     *
     * @param at      when it was sent, epoch milliseconds
     * @param version the version that answered (or failed to)
     * @param what    the wire method, such as {@code GetNote}
     * @param result  what came back: an {@link java.util.Optional}, a boolean, the listed ids, null, or the
     *                exception
     */
    public record Call(long at, int version, String what, UUID account, Object result) {
    }

    private final KeyedRings<Call> calls = new KeyedRings<>(MAX_KEYS, PER_KEY);
    private final boolean enabled;

    CallTrace(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    void record(UUID key, Call call) {
        calls.add(key, call);
    }

    /** The calls on {@code note} and the listings of {@code account}, oldest first. */
    public List<Call> calls(UUID note, UUID account) {
        List<Call> out = new ArrayList<>(calls.get(note));
        if (account != null) {
            out.addAll(calls.get(account));
        }
        out.sort(Comparator.comparingLong(Call::at));
        return out;
    }
}
