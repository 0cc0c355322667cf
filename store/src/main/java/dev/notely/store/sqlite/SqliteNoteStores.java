package dev.notely.store.sqlite;

import dev.notely.store.InstrumentedNoteStore;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.ShadowReads;
import dev.notely.store.StoreServers;
import dev.notely.store.faults.FaultyNoteStore;
import dev.notely.store.faults.StoreFaults;
import dev.notely.store.postgres.PostgresNoteStore;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The note stores of one data directory: {@code <data-dir>/<name>.db}, each opened once on first use,
 * instrumented, and closed together. A store configured with a server URL ({@link StoreServers}) is opened
 * on that PostgreSQL database instead of its file.
 */
public final class SqliteNoteStores implements NoteStores, AutoCloseable {

    private final Path dataDir;
    private final StatsCollector stats;
    private final boolean synced;
    private final StoreServers servers;
    private final boolean readOnly;
    private final StoreFaults faults;
    private final Map<String, AutoCloseable> opened = new LinkedHashMap<>();
    private final Map<String, NoteStore> instrumented = new LinkedHashMap<>();

    public SqliteNoteStores(Path dataDir, StatsCollector stats) {
        this(dataDir, stats, true, StoreServers.NONE, null, false);
    }

    /** The stores of {@code dataDir}, but those {@code servers} names are opened on their database server. */
    public SqliteNoteStores(Path dataDir, StatsCollector stats, StoreServers servers) {
        this(dataDir, stats, true, servers, null, false);
    }

    /**
     * As {@link #SqliteNoteStores(Path, StatsCollector, StoreServers)}, each store suffering the faults {@code
     * faults} sets for it (a data proxy's stores): under the instrumentation, so they count as the store's own.
     */
    public SqliteNoteStores(Path dataDir, StatsCollector stats, StoreServers servers, StoreFaults faults) {
        this(dataDir, stats, true, servers, faults, false);
    }

    private SqliteNoteStores(Path dataDir, StatsCollector stats, boolean synced, StoreServers servers, StoreFaults faults,
                             boolean readOnly) {
        this.dataDir = dataDir;
        this.stats = stats;
        this.synced = synced;
        this.servers = servers;
        this.faults = faults;
        this.readOnly = readOnly;
    }

    /**
     * The stores of {@code dataDir} opened only to be read, for {@code --verify}: files must exist and are
     * never created or written.
     */
    public static SqliteNoteStores readOnly(Path dataDir, StatsCollector stats, StoreServers servers) {
        return new SqliteNoteStores(dataDir, stats, true, servers, null, true);
    }

    /**
     * Throwaway stores, for grading: the same files, locking and rules, but commits skip the fsync,
     * which on a laptop disk can cost more than everything else a check does. A crash may lose writes.
     */
    public static SqliteNoteStores scratch(Path dataDir, StatsCollector stats) {
        return new SqliteNoteStores(dataDir, stats, false, StoreServers.NONE, null, false);
    }

    @Override
    public synchronized NoteStore open(String name) {
        NoteStores.requireKnown(name);
        NoteStore store = instrumented.get(name);
        if (store == null) {
            Optional<String> server = servers.url(name);
            NoteStore raw;
            if (server.isPresent()) {
                PostgresNoteStore onServer = PostgresNoteStore.open(name, server.get());
                opened.put(name, onServer);
                raw = onServer;
            } else {
                SqliteNoteStore inFile = readOnly ? SqliteNoteStore.openReadOnly(name, dataDir.resolve(name + ".db"))
                        : SqliteNoteStore.open(name, dataDir.resolve(name + ".db"), synced);
                opened.put(name, inFile);
                raw = inFile;
            }
            store = new InstrumentedNoteStore(faults == null ? raw : new FaultyNoteStore(raw, faults), stats);
            instrumented.put(name, store);
        }
        return store;
    }

    /** Comparisons counted in this process's telemetry, by store and outcome. */
    @Override
    public ShadowReads shadowReads() {
        return new ShadowReads((store, outcome) ->
                stats.recordShadowRead(store, outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }

    /** The SQLite store behind {@code open(name)}, without instrumentation; for tests. */
    synchronized SqliteNoteStore raw(String name) {
        open(name);
        return (SqliteNoteStore) opened.get(name);
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable store : opened.values()) {
            try {
                store.close();
            } catch (Exception e) {
                // closing every store regardless; a store that fails to close has nothing left to lose
            }
        }
        opened.clear();
        instrumented.clear();
    }
}
