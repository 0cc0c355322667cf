package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.util.List;
import java.util.Optional;

/** The graded checks of exercise 1: moving notes from legacy to new. */
final class ExerciseOne {

    static final String LEGACY = NoteStores.LEGACY;
    static final String NEW = NoteStores.NEW;
    static final MoveChecks MOVE = new MoveChecks(LEGACY, NEW, null, "store", "legacy", "new");

    private ExerciseOne() {
    }

    static List<Check> checks() {
        return List.of(
                new Check("non-migrating accounts stay on legacy", ExerciseOne::notMigrating),
                new Check("list is the union of both stores, each note once", ExerciseOne::listUnion),
                new Check("get looks in new, then legacy", MOVE::readsFallBack),
                new Check("creates land in new while migrating", ExerciseOne::createsInNew),
                new Check("an update moves a legacy note to new", MOVE::updateMoves),
                new Check("older updates are ignored", MOVE::olderUpdatesIgnored),
                new Check("deletes reach both stores", MOVE::deletesReachBoth),
                new Check("updating a missing or deleted note creates nothing",
                        f -> MOVE.missingStaysMissing(f, "deletes reach both stores")),
                new Check("counts are right", ExerciseOne::counts),
                new Check("two versions interleaved lose no acknowledged write",
                        Interleaving.scenario(MOVE)),
                new Check("the backfill moves every note to new", MOVE::backfillMoves),
                new Check("the backfill interleaved with two versions loses and resurrects nothing",
                        Interleaving.backfillScenario(MOVE)));
    }

    private static void notMigrating(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(false, null);
        Note old = f.seed(LEGACY, a.accountId(), "old", Fixture.T0);
        expect(router.listNotes(a).equals(List.of(old.id())), "a non-migrating account's list is not its legacy notes");
        expect(router.getNote(a, old.id()).isPresent(), "a non-migrating account's legacy note was not found");
        Note created = Fixture.note(a, "created", Fixture.T0);
        router.createNote(a, created);
        expect(f.holds(LEGACY, a.accountId(), created.id()) && !f.holds(NEW, a.accountId(), created.id()),
                "a note created for a non-migrating account did not land in legacy");
        router.updateNote(a, old.withContent("updated", Fixture.T0.plusSeconds(1)));
        expect(f.store(LEGACY).getNote(a.accountId(), old.id()).map(Note::content).equals(Optional.of("updated"))
                        && !f.holds(NEW, a.accountId(), old.id()),
                "an update for a non-migrating account did not stay in legacy");
        router.deleteNote(a, created.id());
        expect(!f.holds(LEGACY, a.accountId(), created.id()), "a delete for a non-migrating account left the note in legacy");
    }

    private static void listUnion(Fixture f) {
        AccountDetails a = MOVE.account();
        Note inLegacy = f.seed(LEGACY, a.accountId(), "legacy", Fixture.T0);
        Note inNew = f.seed(NEW, a.accountId(), "new", Fixture.T0);
        Note moving = f.seed(LEGACY, a.accountId(), "moving", Fixture.T0);
        f.store(NEW).createNote(a.accountId(), moving);
        List<?> listed = MOVE.listsBoth(f, a, inLegacy, inNew);
        expect(listed.size() == 3, "the list has " + listed.size() + " notes, expected 3");
    }

    private static void createsInNew(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, null);
        Note created = Fixture.note(a, "fresh", Fixture.T0);
        router.createNote(a, created);
        expect(f.holds(NEW, a.accountId(), created.id()), "a note created for a migrating account is not in new");
        expect(!f.holds(LEGACY, a.accountId(), created.id()), "a note created for a migrating account went to legacy too");
    }

    private static void counts(Fixture f) {
        MOVE.counts(f);
        NoteRouter router = f.router();
        AccountDetails settled = Fixture.account(false, null);
        f.seed(LEGACY, settled.accountId(), "one", Fixture.T0);
        f.seed(LEGACY, settled.accountId(), "two", Fixture.T0);
        expect(router.countNotes(settled) == 2, "a non-migrating account with 2 notes is counted as " + router.countNotes(settled));
    }
}
