package dev.notely.app.room;

import dev.notely.api.Verification;
import dev.notely.api.VerificationReport;
import java.util.Optional;

/** The kit's verification, remembering its latest report so the room can be told without verifying again. */
public final class RecordedVerification implements Verification {

    private final Verification verification;
    private volatile VerificationReport latest;

    public RecordedVerification(Verification verification) {
        this.verification = verification;
    }

    @Override
    public VerificationReport verify() {
        VerificationReport report = verification.verify();
        latest = report;
        return report;
    }

    /** The report of the latest verification that finished, if one did. */
    public Optional<VerificationReport> latest() {
        return Optional.ofNullable(latest);
    }
}
