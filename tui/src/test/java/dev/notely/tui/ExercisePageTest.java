package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyStroke;
import dev.notely.api.Checks;
import dev.notely.api.ChecksStatus;
import dev.notely.api.ChecksStatus.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The overview's Exercise line and page 5, with its keys, on the real dashboard loop. */
class ExercisePageTest {

    private static final class Loop implements Checks {
        volatile ChecksStatus status;
        volatile int exerciseSet;

        @Override
        public ChecksStatus status() {
            return status;
        }

        @Override
        public void setExercise(int exercise) {
            exerciseSet = exercise;
            status = ChecksStatus.idle(exercise, null);
        }

        @Override
        public List<String> hints() {
            return List.of("0. open the new store", "1. list both stores", LONG_HINT);
        }
    }

    /** Longer than the 100-column screen is wide: it must wrap, not be cut. */
    static final String LONG_HINT = "2. look in new first, then in legacy: a note being moved is in new as soon as "
            + "its copy is made, and in legacy until its removal, so reading new first never misses it; the end "
            + "of this hint is here";

    private static ChecksStatus checked() {
        return new ChecksStatus(1, ChecksStatus.DONE, Optional.of(Instant.now()), Optional.of(Instant.now()),
                Optional.empty(), List.of(new Check("non-migrating accounts stay on legacy", Check.PASS, ""),
                new Check("older updates are ignored", Check.FAIL, "keep the newer version\nsecond line"),
                new Check("deletes stick", Check.PENDING, "")), Optional.empty());
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10); // polling interval
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void type(ScreenHarness h, char... keys) {
        for (char k : keys) {
            h.terminal.addInput(new KeyStroke(k, false, false));
        }
    }

    private static boolean shows(ScreenHarness h, String text) {
        return h.text().contains(text);
    }

    @Test
    void hintsWrapAtWordsUnderTheirTextAndTheNewestStaysWhole() {
        List<String> lines = ExercisePage.hintLines(List.of("0. open the new store", LONG_HINT), 40, 20);
        assertEquals("0. open the new store", lines.get(0));
        assertTrue(lines.get(1).startsWith("2. look in new first"), lines.toString());
        for (String line : lines) {
            assertTrue(line.length() <= 40, "longer than 40: " + line);
        }
        for (String line : lines.subList(2, lines.size())) {
            assertTrue(line.startsWith("   ") && !line.startsWith("    "), "indented under the text: " + lines);
        }
        assertEquals(LONG_HINT.substring(3), String.join(" ", lines.subList(1, lines.size())).substring(3)
                .replaceAll(" +", " ").strip(), "every word, in order, none cut");
        List<String> tight = ExercisePage.hintLines(List.of("0. open the new store", LONG_HINT), 40, 3);
        assertEquals(lines.subList(lines.size() - 3, lines.size()), tight, "too many lines: the newest hint's end shows");
    }

    @Test
    void aCompileErrorShowsOnTheOverviewWithItsSourceLine() throws Exception {
        try (ScreenHarness h = new ScreenHarness(100, 30)) {
            Loop loop = new Loop();
            loop.status = new ChecksStatus(1, ChecksStatus.COMPILE_ERROR, Optional.of(Instant.now()), Optional.empty(),
                    Optional.of(new ChecksStatus.CompileError("proxy/src/main/java/dev/notely/proxy/DataProxy.java", 57,
                            "';' expected", "        return legacy.getNote(id)")), List.of(), Optional.empty());
            h.useChecks(loop);
            h.draw();
            assertTrue(h.line("Exercise 1").contains("✗ DataProxy.java:57: ';' expected"), h.text());
            assertTrue(h.line("│ return legacy.getNote(id)").startsWith(" "), h.text());
            loop.status = checked();
            h.draw();
            assertTrue(h.line("Exercise 1").contains("1 of 3 ✓  next: older updates are ignored — keep the newer version"),
                    h.text());
            assertFalse(h.text().contains("second line"), "one line on the overview");
        }
    }

    @Test
    void pageFiveListsEveryCheckHShowsHintsAndEChangesTheExercise() throws Exception {
        try (ScreenHarness h = new ScreenHarness(100, 30)) {
            Loop loop = new Loop();
            loop.status = checked();
            h.useChecks(loop);
            Thread ui = new Thread(() -> h.dashboard.run(h.screen), "dashboard-under-test");
            ui.start();
            try {
                type(h, '5');
                await("page 5 with its keys", () -> shows(h, "[5 Exercise]") && shows(h, "✓ non-migrating accounts stay on legacy")
                        && shows(h, "h one more hint"));
                assertTrue(h.line("✗ older updates are ignored").contains("keep the newer version"), h.text());
                assertTrue(h.line("… deletes stick").startsWith(" "), h.text());
                assertTrue(h.line("h one more hint").contains("e next exercise"), h.text());
                assertFalse(shows(h, "open the new store"), "no hint before h");
                type(h, 'h');
                await("the first hint", () -> shows(h, "Hints 1 of 3") && shows(h, "0. open the new store"));
                assertTrue(h.text().contains("[5 Exercise]"), "h stays on the page: it is a hint here");
                assertFalse(shows(h, "1. list both stores"));
                type(h, 'h');
                await("the second hint", () -> shows(h, "Hints 2 of 3") && shows(h, "1. list both stores"));
                type(h, 'h');
                List<String> wrapped = ExercisePage.hintLines(List.of(LONG_HINT), 98, 20);
                assertTrue(wrapped.size() > 1, "the hint is longer than the screen is wide");
                // The frame is read while the dashboard draws it: wait for the whole of it.
                await("the third hint wrapped at words, each line whole: " + wrapped,
                        () -> shows(h, "Hints 3 of 3") && wrapped.stream().allMatch(line -> shows(h, line)));
                type(h, 'e');
                await("exercise 2", () -> loop.exerciseSet == 2 && shows(h, "Exercise 2"));
            } finally {
                type(h, 'q');
                ui.join(TimeUnit.SECONDS.toMillis(10));
            }
            assertFalse(ui.isAlive());
            assertEquals(2, loop.status().exercise());
        }
    }
}
