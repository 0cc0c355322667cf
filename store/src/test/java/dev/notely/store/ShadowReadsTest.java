package dev.notely.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.telemetry.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShadowReadsTest {

    private final List<String> recorded = new ArrayList<>();
    private final ShadowReads shadow = new ShadowReads((store, outcome) -> recorded.add(store + " " + outcome));
    private final UUID account = UUID.randomUUID();
    private final UUID note = UUID.randomUUID();

    @Test
    void aMatchingShadowReadIsCountedAndTheAnswerKept() {
        assertEquals(Optional.of("a"), shadow.compare(account, note, Optional.of("a"), "new", () -> Optional.of("a")));
        assertEquals(List.of("new MATCH"), recorded);
    }

    @Test
    void aDifferentShadowAnswerNeverChangesTheAnswerAndIsLogged() {
        LogCapture logs = LogCapture.attachToRoot();
        try {
            assertEquals(Optional.of("authoritative"),
                    shadow.compare(account, note, Optional.of("authoritative"), "new", () -> Optional.of("stale")));
            assertEquals(List.of("new MISMATCH"), recorded);
            assertTrue(logs.lines().stream().anyMatch(line -> line.contains("shadow read mismatch")
                    && line.contains(account.toString()) && line.contains(note.toString())
                    && line.contains("stale") && line.contains("authoritative")), logs.lines().toString());
        } finally {
            logs.detachFromRoot();
        }
    }

    @Test
    void aFailingShadowReadNeverEscapes() {
        assertEquals(3L, (long) shadow.compare(account, null, 3L, "legacy", () -> {
            throw new StoreException("legacy is down");
        }));
        assertEquals(List.of("legacy ERROR"), recorded);
    }

    @Test
    void aFailingRecorderNeverEscapesEither() {
        ShadowReads broken = new ShadowReads((store, outcome) -> {
            throw new IllegalStateException("no room");
        });
        assertEquals("x", broken.compare(account, note, "x", "new", () -> "y"));
    }
}
