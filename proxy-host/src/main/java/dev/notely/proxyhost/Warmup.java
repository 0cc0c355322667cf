package dev.notely.proxyhost;

import dev.notely.store.StoreRouter;
import dev.notely.store.sqlite.SqliteNoteStore;
import dev.notely.telemetry.StatsCollector;
import dev.notely.wire.NetworkDelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every JSON-RPC method once against a throwaway store while the process is a standby, so the
 * classes a call needs (JSON, JDBI, SQLite's native library) are loaded before the first real call
 * rather than during it.
 */
final class Warmup {

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);

    private Warmup() {
    }

    static void run(NetworkDelay delay) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("notely-warmup");
            try (SqliteNoteStore store = SqliteNoteStore.open("warmup", dir.resolve("warmup.db"))) {
                RpcServer server = new RpcServer(new StoreRouter(store), 0, new StatsCollector(), NetworkDelay.NONE, null);
                UUID account = UUID.randomUUID();
                UUID note = UUID.randomUUID();
                String details = "\"accountDetails\":{\"accountId\":\"" + account + "\",\"isMigrating\":false}";
                String noteJson = "\"note\":{\"id\":\"" + note + "\",\"creator\":\"" + account
                        + "\",\"createdAt\":0,\"updatedAt\":1,\"content\":\"warm\"}";
                for (String call : List.of(
                        "\"CreateNote\",\"params\":{" + details + "," + noteJson + "}",
                        "\"GetNote\",\"params\":{" + details + ",\"noteId\":\"" + note + "\"}",
                        "\"UpdateNote\",\"params\":{" + details + "," + noteJson.replace("\"updatedAt\":1", "\"updatedAt\":2") + "}",
                        "\"ListNotes\",\"params\":{" + details + "}",
                        "\"CountNotes\",\"params\":{" + details + "}",
                        "\"DeleteNote\",\"params\":{" + details + ",\"noteId\":\"" + note + "\"}",
                        "\"TotalNotes\"", "\"HealthCheck\"", "\"Ready\"", "\"ExportStats\"")) {
                    server.handle("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":" + call + "}");
                }
            }
            delay.pause();
        } catch (IOException | RuntimeException e) {
            log.debug("warm-up skipped: {}", e.toString()); // only speed is at stake
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", dir, e.toString());
        }
    }
}
