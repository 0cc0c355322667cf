package dev.notely.telemetry;

/** Outcome of one access, as shown in the dashboard tables. */
public enum Status {
    /** The call completed. */
    SUCCESS,
    /** The call had to wait for another call holding the proxy's lock. */
    CONTENTION,
    /** The call failed. */
    ERROR
}
