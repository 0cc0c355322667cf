package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The graded checks of exercise 1: moving notes from legacy to new. */
final class ExerciseOne {

    static final String LEGACY = NoteStores.LEGACY;
    static final String NEW = NoteStores.NEW;

    private ExerciseOne() {
    }

    static List<Check> checks() {
        return List.of(
                new Check("non-migrating accounts stay on legacy", ExerciseOne::notMigrating),
                new Check("list is the union of both stores, each note once", ExerciseOne::listUnion),
                new Check("get looks in new, then legacy", ExerciseOne::getFallback),
                new Check("creates land in new while migrating", ExerciseOne::createsInNew),
                new Check("an update moves a legacy note to new", ExerciseOne::updateMoves),
                new Check("older updates are ignored", ExerciseOne::staleIgnored),
                new Check("deletes reach both stores", ExerciseOne::deletesEverywhere),
                new Check("updating a missing or deleted note creates nothing", ExerciseOne::missingStaysMissing),
                new Check("counts are right", ExerciseOne::counts),
                new Check("two versions interleaved lose no acknowledged write",
                        Interleaving.scenario(null, LEGACY)));
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
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, null);
        Note inLegacy = f.seed(LEGACY, a.accountId(), "legacy", Fixture.T0);
        Note inNew = f.seed(NEW, a.accountId(), "new", Fixture.T0);
        Note moving = f.seed(LEGACY, a.accountId(), "moving", Fixture.T0);
        f.store(NEW).createNote(a.accountId(), moving);
        List<?> listed = router.listNotes(a);
        expect(listed.contains(inNew.id()), "a note that is only in new is missing from a migrating account's list");
        expect(listed.contains(inLegacy.id()), "a note that is only in legacy is missing from a migrating account's list");
        expect(new HashSet<>(listed).size() == listed.size(),
                "a note that is in both stores (half-way through its move) is listed twice");
        expect(listed.size() == 3, "the list has " + listed.size() + " notes, expected 3");
    }

    private static void getFallback(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, null);
        Note inNew = f.seed(NEW, a.accountId(), "new", Fixture.T0);
        expect(router.getNote(a, inNew.id()).isPresent(), "a note only in new was not found for a migrating account");
        Note inLegacy = f.seed(LEGACY, a.accountId(), "legacy", Fixture.T0);
        expect(router.getNote(a, inLegacy.id()).isPresent(),
                "a note only in legacy was not found for a migrating account (fall back to legacy)");
        Note moved = f.seed(LEGACY, a.accountId(), "old copy", Fixture.T0);
        f.store(NEW).upsertNote(a.accountId(), moved.withContent("current copy", Fixture.T0.plusSeconds(1)));
        expect(router.getNote(a, moved.id()).map(Note::content).equals(Optional.of("current copy")),
                "for a note in both stores, get returned the legacy copy: look in new first");
    }

    private static void createsInNew(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, null);
        Note created = Fixture.note(a, "fresh", Fixture.T0);
        router.createNote(a, created);
        expect(f.holds(NEW, a.accountId(), created.id()), "a note created for a migrating account is not in new");
        expect(!f.holds(LEGACY, a.accountId(), created.id()), "a note created for a migrating account went to legacy too");
    }

    private static void updateMoves(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, null);
        Note old = f.seed(LEGACY, a.accountId(), "before", Fixture.T0);
        Note next = old.withContent("after", Fixture.T0.plusSeconds(1));
        expect(router.updateNote(a, next), "updating a legacy note of a migrating account answered \"no such note\"");
        expect(f.store(NEW).getNote(a.accountId(), old.id()).equals(Optional.of(next)),
                "after an update, the note is not in new with the updated content");
        expect(!f.holds(LEGACY, a.accountId(), old.id()),
                "after an update, the note is still in legacy: delete it there once it is copied");
        Note again = next.withContent("again", Fixture.T0.plusSeconds(2));
        expect(router.updateNote(a, again), "updating a note that already moved to new answered \"no such note\"");
        expect(router.getNote(a, old.id()).equals(Optional.of(again)), "a second update of a moved note was lost");
    }

    private static void staleIgnored(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, null);
        Note old = f.seed(LEGACY, a.accountId(), "newest", Fixture.T0.plusSeconds(10));
        router.updateNote(a, old.withContent("out of date", Fixture.T0.plusSeconds(5)));
        expect(router.getNote(a, old.id()).map(Note::content).equals(Optional.of("newest")),
                "an update older than the note in legacy replaced it: when moving, keep the newer version");
        Note created = Fixture.note(a, "newest", Fixture.T0.plusSeconds(10));
        router.createNote(a, created);
        router.updateNote(a, created.withContent("out of date", Fixture.T0.plusSeconds(5)));
        expect(router.getNote(a, created.id()).map(Note::content).equals(Optional.of("newest")),
                "an update older than the note in new replaced it");
    }

    private static void missingStaysMissing(Fixture f) {
        MissingNotes.check(f, Fixture.account(true, null), LEGACY, NEW, "store", "legacy", "deletes reach both stores");
    }

    private static void deletesEverywhere(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, null);
        Note inLegacy = f.seed(LEGACY, a.accountId(), "legacy", Fixture.T0);
        Note inNew = f.seed(NEW, a.accountId(), "new", Fixture.T0);
        Note inBoth = f.seed(LEGACY, a.accountId(), "both", Fixture.T0);
        f.store(NEW).createNote(a.accountId(), inBoth);
        for (Note n : List.of(inLegacy, inNew, inBoth)) {
            router.deleteNote(a, n.id());
        }
        expect(!f.holds(NEW, a.accountId(), inNew.id()), "deleting a note that is in new left it there");
        expect(!f.holds(LEGACY, a.accountId(), inLegacy.id()), "deleting a note that is in legacy left it there");
        expect(!f.holds(NEW, a.accountId(), inBoth.id()) && !f.holds(LEGACY, a.accountId(), inBoth.id()),
                "deleting a note that is in both stores left a copy behind");
        router.deleteNote(a, inNew.id());
    }

    private static void counts(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, null);
        f.seed(LEGACY, a.accountId(), "legacy", Fixture.T0);
        f.seed(NEW, a.accountId(), "new", Fixture.T0);
        Note inBoth = f.seed(LEGACY, a.accountId(), "both", Fixture.T0);
        f.store(NEW).createNote(a.accountId(), inBoth);
        long count = router.countNotes(a);
        expect(count == 3, "a migrating account with 3 notes (one of them in both stores) is counted as " + count);
        AccountDetails settled = Fixture.account(false, null);
        f.seed(LEGACY, settled.accountId(), "one", Fixture.T0);
        f.seed(LEGACY, settled.accountId(), "two", Fixture.T0);
        expect(router.countNotes(settled) == 2, "a non-migrating account with 2 notes is counted as " + router.countNotes(settled));
        long stored = f.store(LEGACY).totalNotes() + f.store(NEW).totalNotes();
        expect(router.totalNotes() == stored, "totalNotes is " + router.totalNotes() + " but the stores hold " + stored);
    }

}
