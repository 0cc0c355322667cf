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

    /** Starts the counts (requests, misses, failures) again from zero, so new ones stand out. */
    void resetCounters();

    /** Compares the note stores in the background; the verify page shows the outcome. */
    void verify();
}
