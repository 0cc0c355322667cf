package dev.notely.store.sqlite;

import dev.notely.store.InstrumentedNoteStore;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The note stores of one data directory: {@code <data-dir>/<name>.db}, each opened once on first use,
 * instrumented, and closed together.
 */
public final class SqliteNoteStores implements NoteStores, AutoCloseable {

    private final Path dataDir;
    private final StatsCollector stats;
    private final boolean synced;
    private final Map<String, SqliteNoteStore> opened = new LinkedHashMap<>();
    private final Map<String, NoteStore> instrumented = new LinkedHashMap<>();

    public SqliteNoteStores(Path dataDir, StatsCollector stats) {
        this(dataDir, stats, true);
    }

    private SqliteNoteStores(Path dataDir, StatsCollector stats, boolean synced) {
        this.dataDir = dataDir;
        this.stats = stats;
        this.synced = synced;
    }

    /**
     * Throwaway stores, for grading: the same files, locking and rules, but commits skip the fsync,
     * which on a laptop disk can cost more than everything else a check does. A crash may lose writes.
     */
    public static SqliteNoteStores scratch(Path dataDir, StatsCollector stats) {
        return new SqliteNoteStores(dataDir, stats, false);
    }

    @Override
    public synchronized NoteStore open(String name) {
        NoteStores.requireKnown(name);
        NoteStore store = instrumented.get(name);
        if (store == null) {
            SqliteNoteStore raw = SqliteNoteStore.open(name, dataDir.resolve(name + ".db"), synced);
            opened.put(name, raw);
            store = new InstrumentedNoteStore(raw, stats);
            instrumented.put(name, store);
        }
        return store;
    }

    /** The store behind {@code open(name)}, without instrumentation; for tests. */
    synchronized SqliteNoteStore raw(String name) {
        open(name);
        return opened.get(name);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        opened.values().forEach(SqliteNoteStore::close);
        opened.clear();
        instrumented.clear();
    }
}
