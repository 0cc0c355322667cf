package dev.notely.app.deploy;

import dev.notely.api.ProxyUnavailableException;
import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The router the REST API talks to: sends each note call to the current version or, while a rollout
 * shares traffic, to current or previous at random. Which versions serve is one immutable pair,
 * replaced whole, so a call never sees half a change.
 */
public final class TrafficSplit implements NoteRouter {

    /** The serving versions: never mutated, replaced whole. */
    record Pair(VersionSlot current, VersionSlot previous) {
        static final Pair NONE = new Pair(null, null);

        List<VersionSlot> slots() {
            List<VersionSlot> slots = new ArrayList<>(2);
            if (current != null) {
                slots.add(current);
            }
            if (previous != null) {
                slots.add(previous);
            }
            return slots;
        }

        boolean contains(VersionSlot slot) {
            return current == slot || previous == slot;
        }
    }

    private volatile Pair pair = Pair.NONE;
    /** Which version answered each call on a note: off only to measure what it costs ({@code -Dnotely.trace=false}). */
    private final CallTrace calls = new CallTrace(!"false".equals(System.getProperty("notely.trace")));

    /** Which version answered each routed call on a note, and what. */
    public CallTrace calls() {
        return calls;
    }

    /** The clients of the versions serving now, current first: whom to ask for a note's store operations. */
    public List<dev.notely.api.rpc.RpcClient> servingClients() {
        List<dev.notely.api.rpc.RpcClient> clients = new ArrayList<>(2);
        for (VersionSlot slot : pair.slots()) {
            ProxyProcess process = slot.process();
            if (process != null) {
                clients.add(process.client());
            }
        }
        return clients;
    }

    Pair pair() {
        return pair;
    }

    void set(Pair next) {
        pair = next;
    }

    boolean serves(VersionSlot slot) {
        return pair.contains(slot);
    }

    @Override
    public List<UUID> listNotes(AccountDetails account) {
        return traced(account.accountId(), account.accountId(), "ListNotes", r -> r.listNotes(account));
    }

    @Override
    public Optional<Note> getNote(AccountDetails account, UUID noteId) {
        return traced(noteId, account.accountId(), "GetNote", r -> r.getNote(account, noteId));
    }

    @Override
    public void createNote(AccountDetails account, Note note) {
        traced(note.id(), account.accountId(), "CreateNote", r -> {
            r.createNote(account, note);
            return null;
        });
    }

    @Override
    public boolean updateNote(AccountDetails account, Note note) {
        return traced(note.id(), account.accountId(), "UpdateNote", r -> r.updateNote(account, note));
    }

    @Override
    public void deleteNote(AccountDetails account, UUID noteId) {
        traced(noteId, account.accountId(), "DeleteNote", r -> {
            r.deleteNote(account, noteId);
            return null;
        });
    }

    @Override
    public long countNotes(AccountDetails account) {
        return route(r -> r.countNotes(account));
    }

    @Override
    public long totalNotes() {
        return route(NoteRouter::totalNotes);
    }

    @Override
    public void healthCheck() {
        route(r -> {
            r.healthCheck();
            return null;
        });
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return route(r -> r.assignShard(accountId));
    }

    /**
     * A page of the backfill, through whichever version serves, like a user's call. During a rollout
     * between a version with a backfill and one without, the one without declines and the page goes to
     * the other (a page is safe to run twice, as an update is).
     */
    @Override
    public BackfillResult backfill(AccountDetails account, Optional<UUID> after, int limit) {
        return route(r -> r.backfill(account, after, limit),
                e -> notDelivered(e) || e instanceof UnsupportedOperationException);
    }

    /** A call on one note (or one account's list), routed, and kept in {@link #calls} with the version that answered. */
    private <T> T traced(UUID key, UUID account, String what, Function<NoteRouter, T> call) {
        if (!calls.enabled()) {
            return route(call);
        }
        long at = System.currentTimeMillis();
        int[] version = {0};
        try {
            T result = route(r -> {
                version[0] = r instanceof dev.notely.api.rpc.RpcClient c ? c.version() : 0;
                return call.apply(r);
            });
            calls.record(key, new CallTrace.Call(at, version[0], what, account, result));
            return result;
        } catch (RuntimeException e) {
            calls.record(key, new CallTrace.Call(at, version[0], what, account, e));
            throw e;
        }
    }

    private <T> T route(Function<NoteRouter, T> call) {
        return route(call, TrafficSplit::notDelivered);
    }

    /**
     * Sends the call to one serving process; when two serve and the chosen one fails in a way that says
     * the call did nothing ({@code askOther}), to the other.
     */
    private <T> T route(Function<NoteRouter, T> call, Predicate<RuntimeException> askOther) {
        Pair p = pair;
        ProxyProcess a = p.current() == null ? null : p.current().process();
        ProxyProcess b = p.previous() == null ? null : p.previous().process();
        if (a == null && b == null) {
            throw new ProxyUnavailableException(unavailable(p.current()));
        }
        if (a == null || b == null) {
            return call.apply((a != null ? a : b).client());
        }
        boolean currentFirst = ThreadLocalRandom.current().nextBoolean();
        ProxyProcess chosen = currentFirst ? a : b;
        try {
            return call.apply(chosen.client());
        } catch (RuntimeException e) {
            if (askOther.test(e)) {
                return call.apply((currentFirst ? b : a).client());
            }
            throw e;
        }
    }

    /** A call refused at connect (the process just died) or turned away by a draining proxy never reached a router. */
    private static boolean notDelivered(RuntimeException e) {
        return e instanceof ProxyUnavailableException u && u.notDelivered();
    }

    private static String unavailable(VersionSlot current) {
        if (current == null) {
            return "no data proxy available: nothing is deployed yet";
        }
        if (current.state() == VersionSlot.State.GAVE_UP) {
            return "no data proxy available: v" + current.version + " kept crashing and is no longer restarted; "
                    + "fix the proxy and deploy again (d, or POST /deploy)";
        }
        return "no data proxy available: v" + current.version + " is restarting";
    }
}
