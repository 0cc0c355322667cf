package dev.notely.app.migration;

import dev.notely.api.Verification;
import dev.notely.api.VerificationReport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running kit's verification: one at a time, shared. Whoever asks while one runs (the dashboard's
 * {@code v}, a {@code GET /verify}) waits for that one and gets its report, so two people asking at once
 * never double the load on the stores.
 */
public final class SharedVerification implements Verification {

    private static final Logger log = LoggerFactory.getLogger(SharedVerification.class);

    private final Verifier verifier;
    private CompletableFuture<VerificationReport> running; // guarded by this

    public SharedVerification(Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public VerificationReport verify() {
        CompletableFuture<VerificationReport> report;
        boolean mine = false;
        synchronized (this) {
            if (running == null) {
                running = new CompletableFuture<>();
                mine = true;
            }
            report = running;
        }
        if (mine) {
            try {
                VerificationReport done = verifier.verify();
                log.info("verification: {}", VerificationText.headline(done));
                report.complete(done);
            } catch (RuntimeException | Error e) {
                log.warn("verification failed: {}", e.getMessage());
                report.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    running = null;
                }
            }
        }
        try {
            return report.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
