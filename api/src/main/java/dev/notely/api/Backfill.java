package dev.notely.api;

/**
 * The kit's backfill as the REST API and the dashboard see it: a job that walks every account and asks the
 * deployed data proxy to bring each page of its notes to where they belong. Implemented by the app's
 * backfill runner.
 */
public interface Backfill {

    /** The rates, in notes per second, a backfill can be asked to keep to. */
    int MIN_RATE = 1;
    int MAX_RATE = 10_000;
    int DEFAULT_RATE = 200;

    /** For a kit put together without a backfill: every request says so (the API answers 503). */
    Backfill NONE = new Backfill() {
        @Override
        public BackfillStatus status() {
            throw absent();
        }

        @Override
        public void start() {
            throw absent();
        }

        @Override
        public void pause() {
            throw absent();
        }

        @Override
        public void setRate(int notesPerSecond) {
            throw absent();
        }

        private ProxyUnavailableException absent() {
            return new ProxyUnavailableException("the backfill is not available in this kit");
        }
    };

    /** Where the backfill is. Cheap enough to ask once a second; safe to call from any thread. */
    BackfillStatus status();

    /** Begins a new pass over all accounts when idle or done, resumes a paused one; a running one runs on. */
    void start();

    /** Stops after the page in flight, keeping every account's place; nothing happens when it is not running. */
    void pause();

    /**
     * Changes the notes per second it keeps to, taking effect from the next page.
     *
     * @throws dev.notely.store.InvalidInputException outside {@link #MIN_RATE}..{@link #MAX_RATE}
     */
    void setRate(int notesPerSecond);
}
