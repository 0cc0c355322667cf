package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/** The graded checks of exercise 2: sharding notes by account over new and second. */
final class ExerciseTwo {

    static final String NEW = NoteStores.NEW;
    static final String SECOND = NoteStores.SECOND;
    static final MoveChecks MOVE = new MoveChecks(NEW, SECOND, SECOND, "shard", "the old shard",
            "the account's shard");
    private static final int IDS = 10_000;
    private static final String AND_BACK = "an account moved to second and back to new: ";
    private static final String REMOVE_MOVED = "Take a moved copy out with removeMovedNote, not deleteNote: a shard "
            + "remembers a delete, and refuses the note from then on";
    /** How many other proxy processes the stable check compares with. */
    private static final int OTHER_PROCESSES = 10;

    private ExerciseTwo() {
    }

    static List<Check> checks() {
        return List.of(
                new Check("shard assignment is stable", ExerciseTwo::stable),
                new Check("shard assignment is balanced", ExerciseTwo::balanced),
                new Check("creates land in the account's shard", ExerciseTwo::createsInShard),
                new Check("an account without a shard lives in new", ExerciseTwo::noShard),
                new Check("non-migrating accounts touch only their shard", ExerciseTwo::notMigrating),
                new Check("reads fall back to the other shard while migrating", ExerciseTwo::fallback),
                new Check("an update moves a note into the account's shard", MOVE::updateMoves),
                new Check("a note moved away and back ends in its home shard", ExerciseTwo::awayAndBack),
                new Check("older updates are ignored", MOVE::olderUpdatesIgnored),
                new Check("deletes reach every shard", MOVE::deletesReachBoth),
                new Check("updating a missing or deleted note creates nothing",
                        f -> MOVE.missingStaysMissing(f, "deletes reach every shard")),
                new Check("counts are right", MOVE::counts),
                new Check("two versions interleaved lose no acknowledged write",
                        Interleaving.scenario(MOVE)),
                new Check("the backfill moves every note into the account's shard", ExerciseTwo::backfillMoves),
                new Check("the backfill interleaved with two versions loses and resurrects nothing",
                        Interleaving.backfillScenario(MOVE)));
    }

    private static void stable(Fixture f) {
        NoteRouter first = f.router();
        // A static salt that differs in one bit only agrees across two loads half the time: ask several.
        List<NoteRouter> elsewhere = new ArrayList<>();
        for (int i = 0; i < OTHER_PROCESSES; i++) {
            elsewhere.add(f.isolatedRouter(first));
        }
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            UUID id = Fixture.randomUuid(random);
            Optional<String> shard = first.assignShard(id);
            expect(shard.equals(first.assignShard(id)), "assignShard gave the same account two different shards");
            for (NoteRouter other : elsewhere) {
                expect(shard.equals(other.assignShard(id)), "DataProxy in another process put the same account in a "
                        + "different shard: use a function of the id only (no random salt, no counter)");
            }
        }
    }

    private static void balanced(Fixture f) {
        NoteRouter router = f.router();
        Map<String, Integer> counts = new HashMap<>();
        Random random = new Random(11);
        for (int i = 0; i < IDS; i++) {
            UUID id = Fixture.randomUuid(random);
            Optional<String> shard = router.assignShard(id);
            expect(shard.isPresent(), "assignShard returned no shard: every new account should get one");
            expect(NoteStores.SHARDS.contains(shard.get()),
                    "assignShard returned '" + shard.get() + "'; shards are " + String.join(" and ", NoteStores.SHARDS));
            counts.merge(shard.get(), 1, Integer::sum);
        }
        for (String shard : NoteStores.SHARDS) {
            int percent = Math.round(100f * counts.getOrDefault(shard, 0) / IDS);
            expect(percent >= 45 && percent <= 55, percent + " % of " + IDS + " accounts went to " + shard
                    + "; spread them evenly (about half each)");
        }
    }

    private static void createsInShard(Fixture f) {
        NoteRouter router = f.router();
        for (String shard : NoteStores.SHARDS) {
            AccountDetails a = Fixture.account(false, shard);
            Note created = Fixture.note(a, "hello", Fixture.T0);
            router.createNote(a, created);
            String other = shard.equals(NEW) ? SECOND : NEW;
            expect(f.holds(shard, a.accountId(), created.id()),
                    "a note created for an account in shard " + shard + " is not in " + shard);
            expect(!f.holds(other, a.accountId(), created.id()),
                    "a note created for an account in shard " + shard + " landed in " + other);
            expect(router.getNote(a, created.id()).isPresent(), "a note created in shard " + shard + " cannot be read back");
        }
    }

    private static void noShard(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(false, null);
        Note old = f.seed(NEW, a.accountId(), "from before sharding", Fixture.T0);
        expect(router.listNotes(a).equals(List.of(old.id())), "an account without a shard does not see its notes in new");
        Note created = Fixture.note(a, "new note", Fixture.T0);
        router.createNote(a, created);
        expect(f.holds(NEW, a.accountId(), created.id()), "a note of an account without a shard did not land in new");
    }

    private static void notMigrating(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(false, SECOND);
        Note home = f.seed(SECOND, a.accountId(), "home", Fixture.T0);
        Note stray = f.seed(NEW, a.accountId(), "elsewhere", Fixture.T0);
        expect(router.listNotes(a).equals(List.of(home.id())),
                "a non-migrating account's list should show its own shard only");
        router.updateNote(a, home.withContent("updated", Fixture.T0.plusSeconds(1)));
        expect(f.store(SECOND).getNote(a.accountId(), home.id()).map(Note::content).equals(Optional.of("updated")),
                "an update of a non-migrating account did not reach its shard");
        expect(f.store(NEW).getNote(a.accountId(), stray.id()).isPresent() && !f.holds(NEW, a.accountId(), home.id()),
                "a non-migrating account's call changed another shard");
    }

    private static void fallback(Fixture f) {
        MOVE.readsFallBack(f);
        AccountDetails a = MOVE.account();
        Note left = f.seed(NEW, a.accountId(), "not moved yet", Fixture.T0);
        Note home = f.seed(SECOND, a.accountId(), "home", Fixture.T0);
        Note both = f.seed(NEW, a.accountId(), "in both", Fixture.T0);
        f.store(SECOND).createNote(a.accountId(), both);
        MOVE.listsBoth(f, a, left, home);
    }

    /**
     * An account moved to another shard and back ({@code s} twice): its note follows it both ways. Moved
     * away with {@code deleteNote}, the note would leave a remembered delete behind, and the shard would
     * refuse it on the way back.
     */
    private static void awayAndBack(Fixture f) {
        NoteRouter router = f.router();
        UUID id = UUID.randomUUID();
        Note note = f.seed(NEW, id, "before the moves", Fixture.T0);
        AccountDetails away = new AccountDetails(id, true, SECOND);
        expect(router.updateNote(away, note.withContent("moved to second", Fixture.T0.plusSeconds(1))),
                "updating a note still in the old shard answered \"no such note\"");
        expect(f.holds(SECOND, id, note.id()) && !f.holds(NEW, id, note.id()),
                "an update did not move the note into the account's shard, so moving it back cannot be checked yet: "
                        + "fix \"an update moves a note into the account's shard\" first");
        AccountDetails back = new AccountDetails(id, true, NEW);
        Note last = note.withContent("moved back to new", Fixture.T0.plusSeconds(2));
        boolean found = router.updateNote(back, last);
        Optional<Note> home = f.store(NEW).getNote(id, note.id());
        expect(home.isPresent() || f.holds(SECOND, id, note.id()), AND_BACK + "updating its note lost it: it is in no "
                + "shard any more. " + REMOVE_MOVED);
        expect(home.isPresent(), AND_BACK + "updating its note did not bring it home to new (it is still in second)");
        expect(home.get().equals(last), AND_BACK + "updating its note left \"" + home.get().content()
                + "\" in new instead of the update");
        expect(!f.holds(SECOND, id, note.id()), AND_BACK + "after an update its note is home in new, but still in second too");
        expect(found, AND_BACK + "updating its note answered \"no such note\"");
    }

    /**
     * What the backfill of exercise 1 does, into the account's shard; and for an account moved away and
     * back, the backfill brings its notes home again, into a shard they once left.
     */
    private static void backfillMoves(Fixture f) {
        MOVE.backfillMoves(f);
        NoteRouter router = f.router();
        UUID id = UUID.randomUUID();
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            notes.add(f.seed(NEW, id, "travelling " + i, Fixture.T0));
        }
        MOVE.backfillAll(router, new AccountDetails(id, true, SECOND), notes.size());
        for (Note note : notes) {
            expect(f.holds(SECOND, id, note.id()) && !f.holds(NEW, id, note.id()),
                    "the backfill of an account moved to second did not move its notes from new to second");
        }
        MOVE.backfillAll(router, new AccountDetails(id, true, NEW), notes.size());
        for (Note note : notes) {
            Optional<Note> home = f.store(NEW).getNote(id, note.id());
            expect(home.isPresent() || f.holds(SECOND, id, note.id()), AND_BACK + "the backfill lost its notes: they are "
                    + "in no shard any more. " + REMOVE_MOVED);
            expect(home.equals(Optional.of(note)), AND_BACK + "the backfill did not bring its notes home to new (they are "
                    + "still in second)");
            expect(!f.holds(SECOND, id, note.id()), AND_BACK + "after the backfill its notes are home in new, but still in "
                    + "second too");
        }
    }
}
