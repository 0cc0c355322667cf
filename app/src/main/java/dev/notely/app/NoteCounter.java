package dev.notely.app;

import dev.notely.store.NoteStores;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the notes in every store for the dashboard. It reads the files directly, through handles of
 * its own whose calls are not recorded, so the data-store tables show only what the proxies do.
 */
final class NoteCounter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NoteCounter.class);

    private final SqliteNoteStores stores;
    private final StatsCollector stats;
    private volatile String lastProblem;

    NoteCounter(Path dataDir, StatsCollector stats) {
        this.stores = new SqliteNoteStores(dataDir, new StatsCollector());
        this.stats = stats;
    }

    void count() {
        for (String name : NoteStores.NAMES) {
            try {
                stats.setNoteCount(name, stores.open(name).totalNotes());
            } catch (RuntimeException e) {
                String problem = name + ": " + e.getMessage();
                if (!problem.equals(lastProblem)) {
                    log.warn("cannot count the notes in {}", problem);
                    lastProblem = problem;
                }
            }
        }
    }

    @Override
    public void close() {
        stores.close();
    }
}
