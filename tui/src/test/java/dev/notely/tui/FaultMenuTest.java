package dev.notely.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.notely.api.Faults;
import dev.notely.store.faults.FaultTable;
import dev.notely.store.faults.StoreFault;
import dev.notely.store.faults.StoreFaults;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The overview's {@code x} menu sets and clears store faults, and the header shows them in red (SPEC §19). */
class FaultMenuTest {

    /** The kit's faults, kept in memory as the kit keeps them. */
    private static final class InMemoryFaults implements Faults {
        final StoreFaults held = new StoreFaults();

        @Override
        public FaultTable current() {
            return held.current();
        }

        @Override
        public FaultTable change(String store, UnaryOperator<StoreFault> change) {
            return held.update(t -> t.with(store, change.apply(t.of(store))));
        }
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

    private static void press(ScreenHarness h, KeyType key) {
        h.terminal.addInput(new KeyStroke(key));
    }

    @Test
    void xSetsAFaultStepByStepTheHeaderShowsItInRedAndXCClearsIt() throws Exception {
        try (ScreenHarness h = new ScreenHarness(100, 30)) {
            InMemoryFaults faults = new InMemoryFaults();
            h.useFaults(faults);
            Thread ui = new Thread(() -> h.dashboard.run(h.screen), "dashboard-under-test");
            ui.start();
            type(h, 'x');
            await("the menu asks for a store", () -> h.text().contains("Inject a store fault: which store?"));
            type(h, '2');
            await("the menu asks for a fault", () -> h.text().contains("Inject a fault into new:"));
            type(h, 'l', '5', '0');
            await("the typed value", () -> h.text().contains("Latency in ms of new (0 to 10000): 50"));
            press(h, KeyType.Enter);
            await("new's latency set", () -> faults.current().of("new").latencyMs() == 50);
            await("the header names the fault", () -> h.lines().get(0).contains("FAULT new +50 ms"));
            String header = h.lines().get(0);
            int col = header.indexOf("FAULT new +50 ms");
            assertEquals(TextColor.ANSI.RED, h.terminal.getCharacter(col + 2, 0).getBackgroundColor(), header);
            assertFalse(h.text().contains("Inject"), "the menu closes once the fault is set");

            // A value out of range is refused in the menu and changes nothing; Esc closes it and does not quit.
            type(h, 'x', '2', 'e', '1', '5', '0');
            press(h, KeyType.Enter);
            await("the limit said", () -> h.text().contains("errors in % goes from 0 to 100"));
            press(h, KeyType.Escape);
            await("the menu closed", () -> !h.text().contains("Inject"));
            assertTrue(ui.isAlive(), "Esc in the menu closes the menu, not the dashboard");
            assertEquals(0.0, faults.current().of("new").errorRate());

            // Down, then up again, on legacy; then everything on new cleared.
            type(h, 'x', '1', 'd');
            await("legacy down", () -> faults.current().of("legacy").down());
            await("the header says so", () -> h.lines().get(0).contains("FAULT legacy down · new +50 ms")
                    || h.lines().get(0).contains("FAULTS legacy,new"));
            type(h, 'x', '1', 'd', 'x', '2', 'c');
            await("every fault cleared", () -> faults.current().isEmpty());
            await("the header without faults", () -> !h.lines().get(0).contains("FAULT"));

            type(h, 'q');
            ui.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(ui.isAlive(), "q ends the dashboard");
        }
    }
}
