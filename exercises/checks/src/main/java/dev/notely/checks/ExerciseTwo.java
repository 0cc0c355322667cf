package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/** The graded checks of exercise 2: sharding notes by account over new and second. */
final class ExerciseTwo {

    static final String NEW = NoteStores.NEW;
    static final String SECOND = NoteStores.SECOND;
    private static final int IDS = 10_000;
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
                new Check("an update moves a note into the account's shard", ExerciseTwo::updateMoves),
                new Check("older updates are ignored", ExerciseTwo::staleIgnored),
                new Check("deletes reach every shard", ExerciseTwo::deletesEverywhere),
                new Check("updating a missing or deleted note creates nothing", ExerciseTwo::missingStaysMissing),
                new Check("counts are right", ExerciseTwo::counts),
                new Check("two versions interleaved lose no acknowledged write",
                        Interleaving.scenario(SECOND, NEW)));
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
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, SECOND);
        Note left = f.seed(NEW, a.accountId(), "not moved yet", Fixture.T0);
        Note home = f.seed(SECOND, a.accountId(), "home", Fixture.T0);
        expect(router.getNote(a, left.id()).isPresent(),
                "a migrating account's note still in its old shard was not found");
        expect(router.getNote(a, home.id()).isPresent(), "a migrating account's note in its shard was not found");
        List<UUID> listed = router.listNotes(a);
        expect(listed.contains(left.id()) && listed.contains(home.id()),
                "a migrating account's list misses notes in one of the shards");
        Note both = f.seed(NEW, a.accountId(), "old copy", Fixture.T0);
        f.store(SECOND).upsertNote(a.accountId(), both.withContent("current copy", Fixture.T0.plusSeconds(1)));
        expect(router.getNote(a, both.id()).map(Note::content).equals(Optional.of("current copy")),
                "for a note in both shards, get returned the old shard's copy: look in the account's shard first");
        expect(new HashSet<>(router.listNotes(a)).size() == router.listNotes(a).size(),
                "a note in both shards is listed twice");
    }

    private static void updateMoves(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, SECOND);
        Note old = f.seed(NEW, a.accountId(), "before", Fixture.T0);
        Note next = old.withContent("after", Fixture.T0.plusSeconds(1));
        expect(router.updateNote(a, next), "updating a note still in the old shard answered \"no such note\"");
        expect(f.store(SECOND).getNote(a.accountId(), old.id()).equals(Optional.of(next)),
                "after an update, the note is not in the account's shard with the updated content");
        expect(!f.holds(NEW, a.accountId(), old.id()), "after an update, the note is still in the old shard");
    }

    private static void staleIgnored(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, SECOND);
        Note old = f.seed(NEW, a.accountId(), "newest", Fixture.T0.plusSeconds(10));
        router.updateNote(a, old.withContent("out of date", Fixture.T0.plusSeconds(5)));
        expect(router.getNote(a, old.id()).map(Note::content).equals(Optional.of("newest")),
                "an update older than the stored note replaced it: when moving, keep the newer version");
    }

    private static void missingStaysMissing(Fixture f) {
        MissingNotes.check(f, Fixture.account(true, SECOND), NEW, SECOND, "shard", "another shard", "deletes reach every shard");
    }

    private static void deletesEverywhere(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, SECOND);
        Note inNew = f.seed(NEW, a.accountId(), "new", Fixture.T0);
        Note inSecond = f.seed(SECOND, a.accountId(), "second", Fixture.T0);
        Note inBoth = f.seed(NEW, a.accountId(), "both", Fixture.T0);
        f.store(SECOND).createNote(a.accountId(), inBoth);
        for (Note n : List.of(inNew, inSecond, inBoth)) {
            router.deleteNote(a, n.id());
        }
        for (String shard : NoteStores.SHARDS) {
            for (Note n : List.of(inNew, inSecond, inBoth)) {
                expect(!f.holds(shard, a.accountId(), n.id()), "a deleted note is still in " + shard);
            }
        }
    }

    private static void counts(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = Fixture.account(true, SECOND);
        f.seed(NEW, a.accountId(), "new", Fixture.T0);
        f.seed(SECOND, a.accountId(), "second", Fixture.T0);
        Note inBoth = f.seed(NEW, a.accountId(), "both", Fixture.T0);
        f.store(SECOND).createNote(a.accountId(), inBoth);
        long count = router.countNotes(a);
        expect(count == 3, "a migrating account with 3 notes (one in both shards) is counted as " + count);
        long stored = f.store(NEW).totalNotes() + f.store(SECOND).totalNotes();
        expect(router.totalNotes() == stored, "totalNotes is " + router.totalNotes() + " but the shards hold " + stored);
    }
}
