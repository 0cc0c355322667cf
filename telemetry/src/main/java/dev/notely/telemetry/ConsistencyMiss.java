package dev.notely.telemetry;

/** The kinds of wrong answers a simulated user can notice. */
public enum ConsistencyMiss {
    /** A read returned content other than what the account last wrote. */
    STALE("stale"),
    /** A note the account owns was not returned by the server. */
    MISSING("missing"),
    /** The server listed a note the account had deleted. */
    RESURRECTED("resurrected");

    private final String label;

    ConsistencyMiss(String label) {
        this.label = label;
    }

    /** The lower-case name used in JSON, logs and the dashboard. */
    public String label() {
        return label;
    }
}
