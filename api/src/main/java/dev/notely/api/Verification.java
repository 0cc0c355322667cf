package dev.notely.api;

/**
 * Compares the note stores directly, as the REST API ({@code GET /verify}) and the dashboard ({@code v})
 * ask for it. Implemented by the app's verifier.
 */
public interface Verification {

    /** For a kit put together without a verifier: every request says so (the API answers 503). */
    Verification NONE = () -> {
        throw new ProxyUnavailableException("verification is not available in this kit");
    };

    /**
     * Runs one verification and returns its report. While one is running, waits for that one and returns
     * its report instead of starting a second.
     *
     * @throws dev.notely.store.StoreException when a store cannot be read
     */
    VerificationReport verify();
}
