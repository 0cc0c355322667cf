package dev.notely.loadgen;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests made and failed, per operation. Failed requests are not consistency misses: the user got
 * no answer to check. Failures are logged, at most once per operation every few seconds, so a proxy
 * that is down does not flood the log.
 */
final class Tally {

    private static final Logger log = LoggerFactory.getLogger("loadgen");
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final Map<Operation, LongAdder> done = new EnumMap<>(Operation.class);
    private final Map<Operation, LongAdder> failed = new EnumMap<>(Operation.class);
    private final Map<Operation, AtomicLong> lastLogged = new EnumMap<>(Operation.class);

    Tally() {
        for (Operation op : Operation.values()) {
            done.put(op, new LongAdder());
            failed.put(op, new LongAdder());
            lastLogged.put(op, new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS));
        }
    }

    void succeeded(Operation op) {
        done.get(op).increment();
    }

    void failed(Operation op, SimulatedAccount account, String message) {
        failed.get(op).increment();
        AtomicLong last = lastLogged.get(op);
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= LOG_EVERY_NANOS && last.compareAndSet(previous, now)) {
            log.warn("simulated {} failed for {} ({} {} failures so far): {}", op.label(), account.name(),
                    failed.get(op).sum(), op.label(), message);
        }
    }

    long requests() {
        return done.values().stream().mapToLong(LongAdder::sum).sum() + failures();
    }

    long failures() {
        return failed.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> failuresByOperation() {
        Map<String, Long> counts = new LinkedHashMap<>();
        failed.forEach((op, n) -> counts.put(op.label(), n.sum()));
        return counts;
    }
}
