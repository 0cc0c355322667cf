package dev.notely.api;

import java.util.List;

/**
 * The attendee's loop as the REST API and the dashboard see it: every save of the proxy sources is
 * compiled and, when it compiles, checked against the current exercise. Implemented by the app.
 */
public interface Checks {

    /** For a kit without the loop ({@code --no-watch}): the status says so, changes are refused. */
    Checks NONE = new Checks() {
        @Override
        public ChecksStatus status() {
            return ChecksStatus.idle(1, "the kit does not watch the proxy sources (--no-watch)");
        }

        @Override
        public void setExercise(int exercise) {
            throw new ProxyUnavailableException("the kit does not watch the proxy sources: start it without --no-watch");
        }

        @Override
        public List<String> hints() {
            return List.of();
        }
    };

    /** Where the loop is now. Cheap; safe to call from any thread. */
    ChecksStatus status();

    /**
     * Makes {@code exercise} the current one, remembers it, and checks the sources against it again.
     *
     * @throws dev.notely.store.InvalidInputException when it is not 1, 2 or 3
     */
    void setExercise(int exercise);

    /** The current exercise's hint steps, in order; empty when there are none. */
    List<String> hints();
}
