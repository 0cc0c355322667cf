package dev.notely.app.migration;

import dev.notely.store.NoteStores;
import dev.notely.store.StoreServers;
import dev.notely.telemetry.StatsCollector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the notes in every store for the dashboard. It reads the stores directly (the files, and the
 * databases of the stores on a server), through the kit's own handles whose calls are not recorded, so the
 * data-store tables show only what the proxies do. A store that cannot be counted is said once, and
 * again once it can be.
 */
public final class NoteCounter {

    private static final Logger log = LoggerFactory.getLogger(NoteCounter.class);

    private final NoteStores stores;
    private final StoreServers servers;
    private final StatsCollector stats;
    private final String[] problems = new String[NoteStores.NAMES.size()]; // the last one said, per store

    /** @param stores the kit's own handles, whose calls are not recorded; the caller closes them */
    public NoteCounter(NoteStores stores, StoreServers servers, StatsCollector stats) {
        this.stores = stores;
        this.servers = servers;
        this.stats = stats;
    }

    /**
     * Opens every store that lives on a server, so a wrong URL, a server that is not there or a refused
     * login stops the kit before it starts anything else.
     *
     * @throws dev.notely.store.StoreException naming the first store that cannot be opened and why
     */
    public void openServerStores() {
        for (String name : NoteStores.NAMES) {
            if (servers.url(name).isPresent()) {
                stores.open(name).healthCheck();
            }
        }
    }

    public synchronized void count() {
        for (int i = 0; i < NoteStores.NAMES.size(); i++) {
            String name = NoteStores.NAMES.get(i);
            try {
                stats.setNoteCount(name, stores.open(name).totalNotes());
                if (problems[i] != null) {
                    log.info("counting the notes in {} again", name);
                    problems[i] = null;
                }
            } catch (RuntimeException e) {
                String problem = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!problem.equals(problems[i])) {
                    log.warn("cannot count the notes in {}: {}", name, problem);
                    problems[i] = problem;
                }
            }
        }
    }

}
