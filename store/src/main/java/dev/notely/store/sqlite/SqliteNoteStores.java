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
    private final Map<String, SqliteNoteStore> opened = new LinkedHashMap<>();
    private final Map<String, NoteStore> instrumented = new LinkedHashMap<>();

    public SqliteNoteStores(Path dataDir, StatsCollector stats) {
        this.dataDir = dataDir;
        this.stats = stats;
    }

    @Override
    public synchronized NoteStore open(String name) {
        NoteStores.requireKnown(name);
        NoteStore store = instrumented.get(name);
        if (store == null) {
            SqliteNoteStore raw = SqliteNoteStore.open(name, dataDir.resolve(name + ".db"));
            opened.put(name, raw);
            store = new InstrumentedNoteStore(raw, stats);
            instrumented.put(name, store);
        }
        return store;
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
