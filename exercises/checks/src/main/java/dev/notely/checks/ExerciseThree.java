package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.ForwardingNoteStore;
import dev.notely.store.MigrationStage;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.ShadowReads;
import dev.notely.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The graded checks of exercise 3: dual writes, shadow reads, a staged cut-over and the way back. */
final class ExerciseThree {

    private static final String LEGACY = NoteStores.LEGACY;
    private static final String NEW = NoteStores.NEW;
    /** Pages a check asks the backfill for, at most: far more than its notes need. */
    private static final int MAX_PAGES = 50;
    private static final int PAGE = 3;

    private ExerciseThree() {
    }

    static List<Check> checks() {
        return List.of(
                new Check("reads come from the stage's authoritative store", ExerciseThree::readsFromAuthoritative),
                new Check("writes reach the stores of the stage table", ExerciseThree::writesFollowTheTable),
                new Check("the second write copies the newest version", ExerciseThree::secondWriteCopiesNewest),
                new Check("a failing second store does not fail the call", ExerciseThree::secondStoreFailureIsHidden),
                new Check("shadow reads are compared and never change answers", ExerciseThree::shadowReads),
                new Check("the backfill copies every note and resurrects none", ExerciseThree::backfillCopies),
                new Check("one step back from every stage loses nothing", ExerciseThree::stepBack),
                new Check("complete leaves legacy empty for the account", ExerciseThree::completeEmptiesLegacy));
    }

    static AccountDetails account(MigrationStage stage) {
        return new AccountDetails(UUID.randomUUID(), false, null, stage);
    }

    private static String where(MigrationStage stage) {
        return " (stage " + stage + ")";
    }

    private static void readsFromAuthoritative(Fixture f) {
        NoteRouter router = f.router();
        for (MigrationStage stage : MigrationStage.values()) {
            AccountDetails a = account(stage);
            Note note = f.seed(stage.authoritative(), a.accountId(), "authoritative copy", Fixture.T0);
            f.store(stage.secondary()).createNote(a.accountId(), note.withContent("other copy", Fixture.T0.plusSeconds(1)));
            Note onlyOther = f.seed(stage.secondary(), a.accountId(), "only in " + stage.secondary(), Fixture.T0);
            expect(router.getNote(a, note.id()).map(Note::content).equals(Optional.of("authoritative copy")),
                    "get did not return the " + stage.authoritative() + " copy" + where(stage));
            expect(router.getNote(a, onlyOther.id()).isEmpty(),
                    "get found a note that is only in " + stage.secondary() + where(stage) + ": read "
                            + stage.authoritative() + " only");
            expect(router.listNotes(a).equals(List.of(note.id())),
                    "the list is not the notes of " + stage.authoritative() + where(stage));
            expect(router.countNotes(a) == 1, "the count is not the notes of " + stage.authoritative() + where(stage));
        }
    }

    private static void writesFollowTheTable(Fixture f) {
        NoteRouter router = f.router();
        for (MigrationStage stage : MigrationStage.values()) {
            AccountDetails a = account(stage);
            String main = stage.authoritative();
            String other = stage.secondary();
            Note created = Fixture.note(a, "created", Fixture.T0);
            router.createNote(a, created);
            expect(f.holds(main, a.accountId(), created.id()), "a created note is not in " + main + where(stage));
            expect(f.holds(other, a.accountId(), created.id()) == stage.writesBoth(), stage.writesBoth()
                    ? "a created note did not reach " + other + where(stage) + ": this stage writes both stores"
                    : "a created note reached " + other + where(stage) + ": this stage writes " + main + " only");

            Note updated = created.withContent("updated", Fixture.T0.plusSeconds(1));
            expect(router.updateNote(a, updated), "updating an existing note answered \"no such note\"" + where(stage));
            expect(f.store(main).getNote(a.accountId(), created.id()).equals(Optional.of(updated)),
                    "an update did not reach " + main + where(stage));
            if (stage.writesBoth()) {
                expect(f.store(other).getNote(a.accountId(), created.id()).equals(Optional.of(updated)),
                        "an update did not reach " + other + where(stage) + ": this stage writes both stores");
            }

            router.deleteNote(a, created.id());
            expect(!f.holds(main, a.accountId(), created.id()), "a delete left the note in " + main + where(stage));
            if (stage.writesBoth()) {
                expect(!f.holds(other, a.accountId(), created.id()),
                        "a delete left the note in " + other + where(stage) + ": deletes reach both stores here");
            }
            expect(!router.updateNote(a, updated.withContent("after the delete", Fixture.T0.plusSeconds(2))),
                    "updating a deleted note answered true" + where(stage));
            Note ghost = Fixture.note(a, "never created", Fixture.T0);
            expect(!router.updateNote(a, ghost), "updating a note that is nowhere answered true" + where(stage));
            f.expectNoNote(a, ghost.id(), "updating a note that is nowhere created it in %s" + where(stage));
        }
    }

    private static void secondWriteCopiesNewest(Fixture f) {
        NoteRouter router = f.router();
        for (MigrationStage stage : MigrationStage.values()) {
            if (!stage.writesBoth()) {
                continue;
            }
            AccountDetails a = account(stage);
            Note stored = f.seed(stage.authoritative(), a.accountId(), "newest", Fixture.T0.plusSeconds(10));
            router.updateNote(a, stored.withContent("out of date", Fixture.T0.plusSeconds(5)));
            expect(router.getNote(a, stored.id()).map(Note::content).equals(Optional.of("newest")),
                    "an out-of-date update replaced the newer note" + where(stage));
            Optional<String> copied = f.store(stage.secondary()).getNote(a.accountId(), stored.id()).map(Note::content);
            expect(!copied.equals(Optional.of("out of date")), "the second write copied an update that "
                    + stage.authoritative() + " had refused as out of date" + where(stage)
                    + ": copy what the authoritative store holds after the update");
        }
    }

    private static void secondStoreFailureIsHidden(Fixture f) {
        for (MigrationStage stage : MigrationStage.values()) {
            if (!stage.writesBoth()) {
                continue;
            }
            NoteRouter router = f.router(failingWrites(stage.secondary()));
            AccountDetails a = account(stage);
            Note created = Fixture.note(a, "created", Fixture.T0);
            try {
                router.createNote(a, created);
                router.updateNote(a, created.withContent("updated", Fixture.T0.plusSeconds(1)));
                router.deleteNote(a, f.seed(stage.authoritative(), a.accountId(), "doomed", Fixture.T0).id());
            } catch (RuntimeException e) {
                throw new Check.Failed("a call failed because the write to " + stage.secondary() + " failed" + where(stage)
                        + ": " + e.getMessage() + ". Log that failure and carry on: the backfill repairs it");
            }
            expect(f.store(stage.authoritative()).getNote(a.accountId(), created.id()).map(Note::content)
                    .equals(Optional.of("updated")), "the write to " + stage.authoritative() + " is missing" + where(stage));
        }
    }

    private static void shadowReads(Fixture f) {
        for (MigrationStage stage : MigrationStage.values()) {
            AtomicInteger compared = new AtomicInteger();
            List<String> outcomes = new ArrayList<>();
            NoteRouter router = f.router(stores -> new ShadowCounting(stores, (store, outcome) -> {
                compared.incrementAndGet();
                outcomes.add(store + " " + outcome);
            }));
            AccountDetails a = account(stage);
            Note note = f.seed(stage.authoritative(), a.accountId(), "right", Fixture.T0.plusSeconds(1));
            f.store(stage.secondary()).createNote(a.accountId(), note.withContent("wrong", Fixture.T0));
            Optional<Note> got = router.getNote(a, note.id());
            expect(got.map(Note::content).equals(Optional.of("right")),
                    "a shadow read changed the answer" + where(stage) + ": return the authoritative store's");
            router.listNotes(a);
            router.countNotes(a);
            if (stage.shadowReads()) {
                expect(compared.get() >= 3, "get, list and count were not all shadowed" + where(stage)
                        + ": compare each with stores.shadowReads()");
                expect(outcomes.contains(stage.secondary() + " MISMATCH"), "a note that differs in " + stage.secondary()
                        + " was not reported as a mismatch" + where(stage));
            } else {
                expect(compared.get() == 0, "reads were shadowed" + where(stage) + ": only shadow and live compare");
            }
            if (stage.shadowReads()) {
                NoteRouter broken = f.router(stores -> new ShadowCounting(failingReads(stage.secondary()).apply(stores),
                        (store, outcome) -> { }));
                try {
                    expect(broken.getNote(a, note.id()).map(Note::content).equals(Optional.of("right")),
                            "a failing shadow read changed the answer" + where(stage));
                    broken.listNotes(a);
                    broken.countNotes(a);
                } catch (RuntimeException e) {
                    throw new Check.Failed("a read failed because its shadow read on " + stage.secondary() + " failed"
                            + where(stage) + ": " + e.getMessage() + ". Run shadow reads through stores.shadowReads()");
                }
            }
        }
    }

    private static void backfillCopies(Fixture f) {
        NoteRouter router = f.router();
        NoteRouter other = f.isolatedRouter(router);
        for (MigrationStage stage : List.of(MigrationStage.DUAL_WRITE, MigrationStage.LIVE)) {
            AccountDetails a = account(stage);
            List<Note> notes = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                notes.add(f.seed(stage.authoritative(), a.accountId(), "note " + i, Fixture.T0));
            }
            Note deleted = notes.remove(6);
            router.deleteNote(a, deleted.id());
            runBackfill(router, a, stage);
            for (Note n : notes) {
                expect(f.store(stage.secondary()).getNote(a.accountId(), n.id()).equals(Optional.of(n)),
                        "after the backfill, a note of " + stage.authoritative() + " is not in " + stage.secondary()
                                + where(stage));
            }
            f.expectNoNote(a, deleted.id(), "the backfill brought a deleted note back in %s" + where(stage));
        }
        // Another version deletes or updates each note while the backfill has read it but not yet copied it.
        AccountDetails a = account(MigrationStage.DUAL_WRITE);
        Note doomed = f.seed(LEGACY, a.accountId(), "deleted under the backfill", Fixture.T0);
        Note changed = f.seed(LEGACY, a.accountId(), "updated under the backfill", Fixture.T0);
        Note newer = changed.withContent("the newest", Fixture.T0.plusSeconds(5));
        Set<UUID> interfered = new java.util.HashSet<>();
        NoteRouter racing = f.router(stores -> beforeEachUpsert(stores, NEW, () -> {
            if (interfered.add(doomed.id())) {
                other.deleteNote(a, doomed.id());
                other.updateNote(a, newer);
            }
        }));
        runBackfill(racing, a, MigrationStage.DUAL_WRITE);
        f.expectNoNote(a, doomed.id(), "a note deleted by the other version while the backfill copied it is back in %s");
        expect(f.store(NEW).getNote(a.accountId(), changed.id()).map(Note::content).equals(Optional.of("the newest")),
                "a note updated by the other version while the backfill copied it holds an older version in new");
        expect(other.getNote(a, changed.id()).map(Note::content).equals(Optional.of("the newest")),
                "a note updated while the backfill copied it lost the update");

        // Back at off, a user deleted a note: off reaches legacy only, so new still holds it.
        AccountDetails returned = account(MigrationStage.DUAL_WRITE);
        Note deletedAtOff = f.seed(LEGACY, returned.accountId(), "deleted while back at off", Fixture.T0);
        f.store(NEW).createNote(returned.accountId(), deletedAtOff);
        f.store(LEGACY).deleteNote(returned.accountId(), deletedAtOff.id());
        runBackfill(router, returned, MigrationStage.DUAL_WRITE);
        expect(!f.holds(NEW, returned.accountId(), deletedAtOff.id()), "a note deleted while the account was back at "
                + "off is still in new after the backfill: take out of the other store what the authoritative one "
                + "no longer holds (removeMovedNote)");

        AccountDetails off = account(MigrationStage.OFF);
        Note stays = f.seed(LEGACY, off.accountId(), "off", Fixture.T0);
        runBackfill(router, off, MigrationStage.OFF);
        expect(!f.holds(NEW, off.accountId(), stays.id()), "the backfill copied an account at stage off into new");
    }

    private static void stepBack(Fixture f) {
        NoteRouter router = f.router();
        for (MigrationStage stage : MigrationStage.values()) {
            Optional<MigrationStage> back = stage.previous();
            if (back.isEmpty()) {
                continue;
            }
            UUID id = UUID.randomUUID();
            AccountDetails at = new AccountDetails(id, false, null, stage);
            AccountDetails before = new AccountDetails(id, false, null, back.get());
            // As the kit leaves it: the stores agree when an account reaches this stage.
            Note kept = f.seed(LEGACY, id, "kept", Fixture.T0);
            f.store(NEW).createNote(id, kept);
            Note updated = f.seed(LEGACY, id, "before", Fixture.T0);
            f.store(NEW).createNote(id, updated);
            Note gone = f.seed(LEGACY, id, "to delete", Fixture.T0);
            f.store(NEW).createNote(id, gone);

            Note created = new Note(UUID.randomUUID(), id, Fixture.T0, Fixture.T0, "created at " + stage);
            router.createNote(at, created);
            Note after = updated.withContent("updated at " + stage, Fixture.T0.plusSeconds(1));
            router.updateNote(at, after);
            router.deleteNote(at, gone.id());

            String move = " after going back from " + stage + " to " + back.get();
            for (Note expected : List.of(kept, after, created)) {
                expect(router.getNote(before, expected.id()).equals(Optional.of(expected)),
                        "the note \"" + expected.content() + "\" is " + router.getNote(before, expected.id())
                                .map(n -> "\"" + n.content() + "\"").orElse("missing") + move);
            }
            expect(router.getNote(before, gone.id()).isEmpty(), "a deleted note is back" + move);
            expect(Set.copyOf(router.listNotes(before)).equals(Set.of(kept.id(), after.id(), created.id())),
                    "the list is not the account's notes" + move);
        }
    }

    private static void completeEmptiesLegacy(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = account(MigrationStage.COMPLETE);
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Note n = f.seed(LEGACY, a.accountId(), "note " + i, Fixture.T0);
            if (i != 7) {
                f.store(NEW).createNote(a.accountId(), n); // the last one's second write was lost
            }
            notes.add(n);
        }
        AccountDetails bystander = account(MigrationStage.RAMP_DOWN);
        Note untouched = f.seed(LEGACY, bystander.accountId(), "another account", Fixture.T0);
        runBackfill(router, a, MigrationStage.COMPLETE);
        long left = f.store(LEGACY).countNotes(a.accountId());
        expect(left == 0, left + " of the account's notes are still in legacy after the backfill at complete");
        for (Note n : notes) {
            expect(f.store(NEW).getNote(a.accountId(), n.id()).equals(Optional.of(n)),
                    "a note removed from legacy at complete is not in new");
        }
        expect(f.holds(LEGACY, bystander.accountId(), untouched.id()),
                "the backfill of one account at complete removed another account's legacy notes");
    }

    /** Runs the account's backfill to its end, page by page, as the kit does. */
    private static void runBackfill(NoteRouter router, AccountDetails account, MigrationStage stage) {
        Optional<UUID> after = Optional.empty();
        for (int page = 0; page < MAX_PAGES; page++) {
            BackfillResult result;
            try {
                result = router.backfill(account, after, PAGE);
            } catch (UnsupportedOperationException e) {
                throw new Check.Failed("no backfill yet: implement backfill(AccountDetails, Optional<UUID>, int)");
            }
            expect(result != null, "backfill returned null" + where(stage) + ": return a BackfillResult");
            if (result.isDone()) {
                return;
            }
            expect(!result.nextPage().equals(after), "the backfill returned the cursor it was given" + where(stage)
                    + ": it would never finish");
            after = result.nextPage();
        }
        throw new Check.Failed("the backfill was not done after " + MAX_PAGES + " pages of " + PAGE + where(stage));
    }

    /** Stores where every write to {@code name} fails, as a store that is down would. */
    private static UnaryOperator<NoteStores> failingWrites(String name) {
        return stores -> wrapped(stores, name, operation -> operation.endsWith("Note") && !operation.startsWith("get")
                && !operation.equals("pageNotes"));
    }

    /** Stores where every read of {@code name} fails. */
    private static UnaryOperator<NoteStores> failingReads(String name) {
        return stores -> wrapped(stores, name, operation -> operation.startsWith("get") || operation.startsWith("list")
                || operation.startsWith("count"));
    }

    private static NoteStores wrapped(NoteStores stores, String name, java.util.function.Predicate<String> fails) {
        return new NoteStores() {
            @Override
            public NoteStore open(String storeName) {
                NoteStore store = stores.open(storeName);
                if (!storeName.equals(name)) {
                    return store;
                }
                return new ForwardingNoteStore(store) {
                    @Override
                    protected <T> T around(String operation, Supplier<T> call) {
                        if (fails.test(operation)) {
                            throw new StoreException("the " + name + " store is down (" + operation + ")");
                        }
                        return call.get();
                    }
                };
            }

            @Override
            public ShadowReads shadowReads() {
                return stores.shadowReads();
            }
        };
    }

    /** {@code stores} with {@code hook} run before every {@code upsertNote} into {@code name}. */
    private static NoteStores beforeEachUpsert(NoteStores stores, String name, Runnable hook) {
        return storeName -> {
            NoteStore store = stores.open(storeName);
            return !storeName.equals(name) ? store : new ForwardingNoteStore(store) {
                @Override
                protected <T> T around(String operation, Supplier<T> call) {
                    if (operation.equals("upsertNote")) {
                        hook.run();
                    }
                    return call.get();
                }
            };
        };
    }

    /** Stores whose shadow-read helper reports each comparison to {@code recorder}. */
    private record ShadowCounting(NoteStores stores, ShadowReads.Recorder recorder) implements NoteStores {
        @Override
        public NoteStore open(String name) {
            return stores.open(name);
        }

        @Override
        public ShadowReads shadowReads() {
            return new ShadowReads(recorder);
        }
    }
}
