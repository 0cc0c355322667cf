package dev.notely.tui;

import dev.notely.store.Account;

/** What keys can make happen beyond moving around the dashboard; each runs off the UI thread. */
interface Actions {

    void deploy();

    /** Steps back one deployment (see {@link dev.notely.api.Deployments#rollback()}). */
    void rollback();

    void toggleMigration(Account account);

    void setAllMigrating(boolean migrating);

    void cycleShard(Account account);

    /** Moves the account one of exercise 3's stages forward or back, through the gates. */
    void moveStage(Account account, boolean forward);

    /** Moves every account one stage forward or back; those a gate holds stay, and the first reason is said. */
    void moveAllStages(boolean forward);

    /** Pauses the backfill when it is running, and starts or resumes it otherwise. */
    void toggleBackfill();

    /** Makes the backfill faster ({@code true}) or slower by half as much again, within 10 to 10 000 notes per second. */
    void changeBackfillRate(boolean faster);

    /** Starts the counts (requests, misses, failures) again from zero, so new ones stand out. */
    void resetCounters();

    /** Compares the note stores in the background; the verify page shows the outcome. */
    void verify();

    /** Changes one store's injected faults (the overview's {@code x} menu). */
    void changeFault(FaultMenu.Change change);

    /** Checks the sources against the next exercise (1, 2, 3, 1, …) from now on. */
    void nextExercise();
}
