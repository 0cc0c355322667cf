package dev.notely.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A start that takes long keeps saying what it is doing, and stops once the kit is up. */
class StartProgressTest {

    @Test
    void aLongStepIsSaidAgainAtEveryTickUntilTheStartEnds() {
        List<String> said = new ArrayList<>();
        StartProgress progress = new StartProgress(Duration.ofMillis(20), line -> {
            synchronized (said) {
                said.add(line);
            }
        });
        try {
            progress.now("compiling v1 and starting its JVM");
            Await.until(Duration.ofSeconds(30), "three ticks during the step: " + said, () -> {
                synchronized (said) {
                    return said.stream().filter(l -> l.startsWith("still starting (")
                            && l.endsWith("s): compiling v1 and starting its JVM …")).count() >= 3;
                }
            });
        } finally {
            progress.close();
        }
        synchronized (said) {
            assertEquals("compiling v1 and starting its JVM …", said.stream().filter(l -> l.contains("compiling v1"))
                    .findFirst().orElseThrow(), "said at once, not at the next tick");
        }
        assertTrue(StartProgress.EVERY_SECONDS <= 5, "a person sees progress at least every 5 s");
    }
}
