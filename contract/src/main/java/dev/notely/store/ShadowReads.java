package dev.notely.store;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a read on the store that is not authoritative and compares the two answers, the way GitHub's
 * Scientist runs an experiment beside the control: the answer a router returns is always the
 * authoritative one, and nothing the shadow read does (a different answer, an exception, a failed store)
 * can change it or escape. Each comparison is recorded as a match, a mismatch or an error; each mismatch
 * is logged with the account, the note and what differs.
 */
public final class ShadowReads {

    /** How one comparison ended. */
    public enum Outcome { MATCH, MISMATCH, ERROR }

    /** Where comparisons are counted. */
    @FunctionalInterface
    public interface Recorder {
        /**
         * @param shadowStore the store the shadow read went to
         * @param outcome     how the comparison ended
         */
        void record(String shadowStore, Outcome outcome);
    }

    private static final Logger log = LoggerFactory.getLogger(ShadowReads.class);

    private final Recorder recorder;

    public ShadowReads(Recorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /**
     * Runs {@code shadowRead} and compares its result with {@code answer}, then returns {@code answer}.
     *
     * @param account     whose read this is, for the log
     * @param noteId      the note read, or {@code null} for a list or a count
     * @param answer      what the authoritative store answered: what the caller gets
     * @param shadowStore the store {@code shadowRead} reads
     * @param shadowRead  the same read on the other store
     */
    public <T> T compare(UUID account, UUID noteId, T answer, String shadowStore, Supplier<? extends T> shadowRead) {
        Outcome outcome;
        try {
            T shadow = shadowRead.get();
            if (Objects.equals(answer, shadow)) {
                outcome = Outcome.MATCH;
            } else {
                outcome = Outcome.MISMATCH;
                log.warn("shadow read mismatch: account {}{}: {} answered {}, the authoritative store {}", account,
                        noteId == null ? "" : ", note " + noteId, shadowStore, shadow, answer);
            }
        } catch (RuntimeException e) {
            outcome = Outcome.ERROR;
            log.warn("shadow read failed: account {}{}: {}: {}", account, noteId == null ? "" : ", note " + noteId,
                    shadowStore, Failures.rootMessage(e));
        }
        try {
            recorder.record(shadowStore, outcome);
        } catch (RuntimeException e) {
            log.warn("could not record a shadow read: {}", Failures.rootMessage(e));
        }
        return answer;
    }
}
