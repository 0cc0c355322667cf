package dev.notely.tui;

import dev.notely.api.VerificationReport;
import java.time.Instant;
import java.util.Optional;

/**
 * The dashboard's verification: whether one is running, the last report and when it came, or why the
 * last one failed.
 */
record VerifyStatus(Optional<Instant> runningSince, Optional<VerificationReport> last, Optional<Instant> finishedAt,
                    Optional<String> error) {

    static final VerifyStatus NONE = new VerifyStatus(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    boolean running() {
        return runningSince.isPresent();
    }

    /** Running since {@code at}, still showing what came before. */
    VerifyStatus started(Instant at) {
        return new VerifyStatus(Optional.of(at), last, finishedAt, error);
    }

    VerifyStatus finished(VerificationReport report, Instant at) {
        return new VerifyStatus(Optional.empty(), Optional.of(report), Optional.of(at), Optional.empty());
    }

    /** Failed: the previous report stays, marked by the error. */
    VerifyStatus failed(String why) {
        return new VerifyStatus(Optional.empty(), last, finishedAt, Optional.of(why));
    }
}
