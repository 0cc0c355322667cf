package dev.notely.checks;

/** One named check: a scenario run against a fresh set of stores. */
record Check(String name, Scenario scenario) {

    /** The body of a check; it throws {@link Failed} with the reason when the router gets it wrong. */
    @FunctionalInterface
    interface Scenario {
        void run(Fixture fixture) throws Exception;
    }

    /** The router did something the exercise does not allow. */
    static final class Failed extends RuntimeException {
        Failed(String reason) {
            super(reason);
        }
    }

    /** Fails the check with {@code reason} unless {@code condition} holds. */
    static void expect(boolean condition, String reason) {
        if (!condition) {
            throw new Failed(reason);
        }
    }
}
