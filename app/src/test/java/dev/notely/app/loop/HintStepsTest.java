package dev.notely.app.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.notely.app.ControllerFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hint steps come from the hint stage's numbered TODOs, continuation lines joined. */
class HintStepsTest {

    @Test
    void exerciseOneHasItsTodosInOrder() {
        List<String> steps = HintSteps.read(ControllerFixture.KIT_ROOT, 1);
        assertEquals(10, steps.size(), steps.toString());
        for (int i = 0; i < steps.size(); i++) {
            assertTrue(steps.get(i).startsWith(i + ". "), steps.get(i));
        }
        assertEquals("0. open the \"new\" store here too (NoteStores.NEW), next to legacy.", steps.get(0));
    }

    @Test
    void continuationLinesJoinTheirStepAndCodeEndsIt() {
        assertEquals(List.of("1. first part second part", "2. alone"), HintSteps.parse(List.of(
                "// TODO 1: first part", "//   second part", "int x = 1;", "// unrelated", "    // TODO 2: alone")));
        assertEquals(List.of(), HintSteps.read(ControllerFixture.KIT_ROOT, 9));
    }
}
