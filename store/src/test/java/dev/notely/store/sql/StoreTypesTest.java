package dev.notely.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTypesTest {

    private static final UUID ID = UUID.fromString("3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab");
    private static final Instant AT = Instant.parse("2025-08-13T10:00:00.123Z");
    private static final long AT_MILLIS = 1_755_079_200_123L;

    @TempDir
    Path dir;
    private Handle handle;

    @BeforeEach
    void open() {
        handle = Jdbi.create("jdbc:sqlite:" + dir.resolve("types.db")).installPlugin(new StoreTypes()).open();
    }

    @AfterEach
    void close() {
        handle.close();
    }

    @Test
    void idsBindAsTextAndTimesAsEpochMilliseconds() {
        Map<String, Object> bound = handle.createQuery(
                        "SELECT typeof(:id) AS id_type, :id AS id, typeof(:at) AS at_type, :at AS at")
                .bind("id", ID)
                .bind("at", AT)
                .mapToMap()
                .one();
        assertEquals("text", bound.get("id_type"));
        assertEquals("3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab", bound.get("id"));
        assertEquals("integer", bound.get("at_type"));
        assertEquals(AT_MILLIS, ((Number) bound.get("at")).longValue());
    }

    @Test
    void textIdsAndEpochMillisecondsMapBack() {
        assertEquals(ID, handle.createQuery("SELECT '3f1c2a9e-8b7d-4e6f-a5c4-0123456789ab'").mapTo(UUID.class).one());
        assertEquals(AT, handle.createQuery("SELECT " + AT_MILLIS).mapTo(Instant.class).one());
    }

    @Test
    void nullStaysNull() {
        assertEquals("null", handle.createQuery("SELECT typeof(:id)").bindByType("id", null, UUID.class)
                .mapTo(String.class).one());
        assertEquals("null", handle.createQuery("SELECT typeof(:at)").bindByType("at", null, Instant.class)
                .mapTo(String.class).one());
        assertEquals(Arrays.asList((UUID) null), handle.createQuery("SELECT NULL").mapTo(UUID.class).list());
        assertEquals(Arrays.asList((Instant) null), handle.createQuery("SELECT NULL").mapTo(Instant.class).list());
    }
}
