package dev.notely.loadgen;

/**
 * How much simulated traffic to generate.
 *
 * @param concurrency     how many accounts act at once
 * @param notesPerAccount how many notes each account keeps, roughly
 * @param rpm             requests per minute per account
 */
public record LoadSettings(int concurrency, int notesPerAccount, int rpm) {

    public static final LoadSettings DEFAULT = new LoadSettings(5, 3, 60);

    public LoadSettings {
        require(concurrency, 1, 5_000, "concurrency");
        require(notesPerAccount, 1, 1_000, "notes per account");
        require(rpm, 1, 6_000, "requests per minute");
    }

    private static void require(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Offered load across all accounts. */
    public double requestsPerSecond() {
        return concurrency * (double) rpm / 60.0;
    }
}
