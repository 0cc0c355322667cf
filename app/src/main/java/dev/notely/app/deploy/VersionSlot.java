package dev.notely.app.deploy;

import java.nio.file.Path;

/**
 * One deployed version: its compiled classes, its state, and while it runs its process. The state says
 * in one place what used to be spread over several flags; every change goes through {@link #to}.
 */
final class VersionSlot {

    /** Where a version is in its life. */
    enum State {
        /** Its process is starting; it takes no traffic yet. */
        STARTING,
        /** Its process answers and takes traffic. */
        SERVING,
        /** Its process died or hung; a new one is being started from the same classes. */
        RESTARTING,
        /** It failed too often in a row: no more restarts until a new deployment. */
        GAVE_UP,
        /** Replaced by a newer version: finishing its calls, then stopped. */
        RETIRED
    }

    final int version;
    final Path classes;
    private volatile State state = State.STARTING;
    private volatile ProxyProcess process; // null while a restart starts a new one, and once given up
    private volatile int restarts;
    private int crashStreak; // crashes and failed restarts since it last ran steadily; guarded by this

    VersionSlot(int version, Path classes) {
        this.version = version;
        this.classes = classes;
    }

    State state() {
        return state;
    }

    /** The serving process, or null while there is none. */
    ProxyProcess process() {
        return process;
    }

    int restarts() {
        return restarts;
    }

    synchronized void serving(ProxyProcess process, boolean restarted) {
        this.process = process;
        if (restarted) {
            restarts++;
        }
        state = State.SERVING;
    }

    /**
     * Marks {@code crashed} as gone and counts the failure, if it is still this slot's serving process.
     *
     * @return the number of failures in a row, or 0 when the slot is not serving {@code crashed} (already handled)
     */
    synchronized int crashed(ProxyProcess crashed) {
        if (state != State.SERVING || process != crashed) {
            return 0;
        }
        process = null;
        state = State.RESTARTING;
        return ++crashStreak;
    }

    /** A restart attempt failed too; the failures in a row so far. */
    synchronized int restartFailed() {
        return ++crashStreak;
    }

    synchronized void steady() {
        crashStreak = 0;
    }

    synchronized void to(State next) {
        if (next == State.GAVE_UP) {
            process = null;
        }
        state = next;
    }

    @Override
    public String toString() {
        return "v" + version;
    }
}
