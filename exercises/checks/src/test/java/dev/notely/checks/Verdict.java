package dev.notely.checks;

import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.util.List;
import java.util.function.Function;

/** A check's verdict on routers made by a factory, as the checks' tests compare it: "passed", or why it failed. */
final class Verdict {

    private Verdict() {
    }

    /** Runs {@code scenario} on a fresh fixture with routers of {@code router}; returns why it failed, or "passed". */
    static String of(Check.Scenario scenario, Function<NoteStores, NoteRouter> router) throws Exception {
        try (Fixture fixture = new Fixture(router)) {
            scenario.run(fixture);
            return "passed";
        } catch (Check.Failed e) {
            return e.getMessage();
        }
    }

    /** As {@link #of(Check.Scenario, Function)}, for the check of {@code checks} named {@code name}. */
    static String of(List<Check> checks, String name, Function<NoteStores, NoteRouter> router) throws Exception {
        Check check = checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        return of(check.scenario(), router);
    }
}
