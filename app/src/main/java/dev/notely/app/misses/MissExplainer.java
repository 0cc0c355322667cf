package dev.notely.app.misses;

import dev.notely.api.ExplainedMiss;
import dev.notely.api.ExplainedMiss.Event;
import dev.notely.api.ExplainedMiss.Observed;
import dev.notely.api.Misses;
import dev.notely.api.NoticedMiss;
import dev.notely.api.rpc.RpcClient;
import dev.notely.app.deploy.CallTrace;
import dev.notely.app.deploy.TrafficSplit;
import dev.notely.store.Note;
import dev.notely.store.NotFoundException;
import dev.notely.telemetry.DaemonThreads;
import dev.notely.wire.ProxyWire.TraceEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explains each consistency miss the simulated users notice: gathers the note's timeline (the routed calls
 * the app made, the store operations each serving proxy made, over the 30 s before), diagnoses it, keeps the
 * last {@link #KEPT} and logs the diagnosis. Explaining happens on its own thread, so a user is never slowed
 * by it; when misses come faster than they can be explained, the surplus is counted, not queued without end.
 */
public final class MissExplainer implements Consumer<NoticedMiss>, Misses, AutoCloseable {

    static final int KEPT = 200;
    static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Duration TRACE_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger("misses");

    private final TrafficSplit split;
    private final ArrayDeque<ExplainedMiss> kept = new ArrayDeque<>();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256), DaemonThreads.named("miss-explainer"));
    private long nextId = 1;
    private long unexplainedDropped;

    public MissExplainer(TrafficSplit split) {
        this.split = split;
    }

    @Override
    public void accept(NoticedMiss miss) {
        try {
            worker.execute(() -> {
                try {
                    keep(explain(miss));
                } catch (RuntimeException e) {
                    log.warn("could not explain the miss on note {}: {}", miss.note(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                unexplainedDropped++;
            }
        }
    }

    ExplainedMiss explain(NoticedMiss miss) {
        long to = miss.at().toEpochMilli() + 1;
        long from = miss.at().minus(WINDOW).toEpochMilli();
        List<Event> timeline = new ArrayList<>();
        for (CallTrace.Call c : split.calls().calls(miss.note(), miss.account())) {
            if (c.at() >= from && c.at() <= to) {
                timeline.add(new Event(Instant.ofEpochMilli(c.at()), c.version() == 0 ? null : c.version(), "api",
                        c.what(), null, words(c.result(), miss.note())));
            }
        }
        for (RpcClient client : split.servingClients()) {
            try {
                for (TraceEntry t : client.trace(miss.account(), miss.note(), TRACE_TIMEOUT)) {
                    if (t.at() >= from && t.at() <= to) {
                        timeline.add(new Event(Instant.ofEpochMilli(t.at()), t.version(), "store", t.what(), t.store(),
                                t.result()));
                    }
                }
            } catch (RuntimeException e) {
                log.debug("v{} could not say what it did to note {}: {}", client.version(), miss.note(), e.toString());
            }
        }
        timeline.sort(Comparator.comparing(Event::at).thenComparing(e -> "api".equals(e.source()) ? 0 : 1));
        Optional<Integer> observer = observer(miss);
        Diagnosis diagnosis = Diagnosis.of(miss.kind().label(), observer, miss.sent().minusMillis(1), timeline);
        return new ExplainedMiss(0, miss.kind().label(), miss.account(), miss.accountName(), miss.note(), miss.at(),
                new Observed(miss.method(), miss.route(), miss.status(), observer.orElse(null)), diagnosis.cause(),
                diagnosis.line(), miss.detail(), List.copyOf(timeline));
    }

    /**
     * The version that gave the wrong answer: of the routed calls the request made (a {@code PUT} also reads
     * the note back), the last that answered as the user saw it, else the last.
     */
    private Optional<Integer> observer(NoticedMiss miss) {
        boolean list = miss.route().endsWith("/notes");
        UUID key = list ? miss.account() : miss.note();
        long sent = miss.sent().toEpochMilli() - 1;
        long seen = miss.at().toEpochMilli();
        CallTrace.Call last = null;
        CallTrace.Call wrong = null;
        for (CallTrace.Call c : split.calls().calls(key, null)) {
            if (c.at() < sent || c.at() > seen || c.version() == 0 || list != "ListNotes".equals(c.what())) {
                continue;
            }
            last = c;
            String answer = words(c.result(), miss.note());
            boolean missing = answer.startsWith("not found") || answer.startsWith("did not list");
            if (missing == "missing".equals(miss.kind().label())) {
                wrong = c;
            }
        }
        CallTrace.Call answered = wrong != null ? wrong : last;
        return Optional.ofNullable(answered).map(CallTrace.Call::version);
    }

    private synchronized void keep(ExplainedMiss miss) {
        ExplainedMiss numbered = new ExplainedMiss(nextId++, miss.kind(), miss.account(), miss.accountName(),
                miss.note(), miss.at(), miss.observed(), miss.cause(), miss.diagnosis(), miss.detail(), miss.timeline());
        kept.addFirst(numbered);
        while (kept.size() > KEPT) {
            kept.removeLast();
        }
        log.warn("miss on note {} of {} explained: {}", miss.note(), miss.accountName(), miss.diagnosis());
    }

    @Override
    public synchronized List<ExplainedMiss> recent(int limit) {
        return kept.stream().limit(Math.max(0, limit)).toList();
    }

    /** Misses that came faster than they could be explained and were not kept. */
    public synchronized long dropped() {
        return unexplainedDropped;
    }

    /** A routed call's answer, in the same words a proxy's trace uses. */
    static String words(Object result, UUID note) {
        if (result instanceof Optional<?> o) {
            return o.map(n -> n instanceof Note found ? "note written at " + Diagnosis.clock(found.updatedAt()) : "found")
                    .orElse("not found");
        }
        if (result instanceof Boolean b) {
            return b ? "updated" : "not found";
        }
        if (result instanceof List<?> listed) {
            return (listed.contains(note) ? "listed the note" : "did not list the note") + " (" + listed.size() + " notes)";
        }
        if (result instanceof NotFoundException e) {
            return "not found: " + e.getMessage();
        }
        if (result instanceof RuntimeException e) {
            return "failed: " + e.getMessage();
        }
        return "ok";
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
