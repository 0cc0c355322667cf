package dev.notely.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.StoreException;
import dev.notely.store.StoreServers;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Stores configured with {@code --store NAME=URL} open on their server; the others stay files. */
class ServerNoteStoresTest {

    @RegisterExtension
    final TestPostgres server = new TestPostgres();

    @TempDir
    Path dir;

    @Test
    void aStoreGivenAServerLivesThereAndTheOthersInTheDataDirectory() throws SQLException {
        StoreServers servers = StoreServers.parse(List.of("new=" + server.url()));
        Note n = new Note(UUID.randomUUID(), UUID.randomUUID(), Instant.EPOCH, Instant.EPOCH, "on the server");
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector(), servers)) {
            NoteStore onServer = stores.open("new");
            onServer.createNote(n.creator(), n);
            stores.open("legacy");
            assertEquals(Optional.of(n), onServer.getNote(n.creator(), n.id()));
        }
        assertTrue(Files.exists(dir.resolve("legacy.db")));
        assertTrue(Files.notExists(dir.resolve("new.db")), "new is not a file");
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT content FROM notes")) {
            assertTrue(row.next());
            assertEquals("on the server", row.getString(1));
        }
    }

    @Test
    void aServerThatRefusesIsNamedWhenTheStoreIsOpened() {
        StoreServers servers = StoreServers.parse(List.of("second=" + server.urlWithLogin("notely_test", "wrong")));
        try (SqliteNoteStores stores = new SqliteNoteStores(dir, new StatsCollector(), servers)) {
            StoreException e = assertThrows(StoreException.class, () -> stores.open("second"));
            assertTrue(e.getMessage().startsWith("cannot open note store 'second' at jdbc:postgresql://"), e.getMessage());
        }
    }
}
