package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.RouterFeatures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The checks both exercises share: while an account migrates, its notes move from one place to another
 * (exercise 1: legacy to new; exercise 2: the old shard to the account's shard). Each exercise names its
 * places, so every message speaks the exercise's own words.
 *
 * @param from      the store notes move away from
 * @param to        the store they move to
 * @param shard     the migrating account's shard ({@code null} for none)
 * @param unit      what the exercise calls a place ("store", "shard")
 * @param fromWords how a message names {@code from} ("legacy", "the old shard")
 * @param toWords   how a message names {@code to} ("new", "the account's shard")
 */
record MoveChecks(String from, String to, String shard, String unit, String fromWords, String toWords) {

    /** The most notes the checks ask one backfill page for: few, so that an account takes several pages. */
    static final int BACKFILL_LIMIT = 3;

    AccountDetails account() {
        return Fixture.account(true, shard);
    }

    /** Get looks where the note is going first, then where it comes from. */
    void readsFallBack(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = account();
        Note arrived = f.seed(to, a.accountId(), "arrived", Fixture.T0);
        expect(router.getNote(a, arrived.id()).isPresent(), "a migrating account's note only in " + toWords + " was not found");
        Note left = f.seed(from, a.accountId(), "not moved yet", Fixture.T0);
        expect(router.getNote(a, left.id()).isPresent(),
                "a migrating account's note only in " + fromWords + " was not found (fall back to " + fromWords + ")");
        Note both = f.seed(from, a.accountId(), "old copy", Fixture.T0);
        f.store(to).upsertNote(a.accountId(), both.withContent("current copy", Fixture.T0.plusSeconds(1)));
        expect(router.getNote(a, both.id()).map(Note::content).equals(Optional.of("current copy")),
                "for a note in both " + unit + "s, get returned the copy in " + fromWords + ": look in " + toWords + " first");
    }

    /** The list holds the notes of both places, a note in both (half-way through its move) once. */
    List<?> listsBoth(Fixture f, AccountDetails a, Note inFrom, Note inTo) {
        List<?> listed = f.router().listNotes(a);
        expect(listed.contains(inTo.id()), "a note that is only in " + toWords + " is missing from a migrating account's list");
        expect(listed.contains(inFrom.id()),
                "a note that is only in " + fromWords + " is missing from a migrating account's list");
        expect(new HashSet<>(listed).size() == listed.size(),
                "a note that is in both " + unit + "s (half-way through its move) is listed twice");
        return listed;
    }

    void updateMoves(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = account();
        Note old = f.seed(from, a.accountId(), "before", Fixture.T0);
        Note next = old.withContent("after", Fixture.T0.plusSeconds(1));
        expect(router.updateNote(a, next), "updating a note still in " + fromWords + " answered \"no such note\"");
        expect(f.store(to).getNote(a.accountId(), old.id()).equals(Optional.of(next)),
                "after an update, the note is not in " + toWords + " with the updated content");
        expect(!f.holds(from, a.accountId(), old.id()),
                "after an update, the note is still in " + fromWords + ": delete it there once it is copied");
        Note again = next.withContent("again", Fixture.T0.plusSeconds(2));
        expect(router.updateNote(a, again), "updating a note that already moved answered \"no such note\"");
        expect(router.getNote(a, old.id()).equals(Optional.of(again)), "a second update of a moved note was lost");
    }

    void olderUpdatesIgnored(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = account();
        Note old = f.seed(from, a.accountId(), "newest", Fixture.T0.plusSeconds(10));
        router.updateNote(a, old.withContent("out of date", Fixture.T0.plusSeconds(5)));
        expect(router.getNote(a, old.id()).map(Note::content).equals(Optional.of("newest")),
                "an update older than the note in " + fromWords + " replaced it: when moving, keep the newer version");
        Note created = Fixture.note(a, "newest", Fixture.T0.plusSeconds(10));
        router.createNote(a, created);
        router.updateNote(a, created.withContent("out of date", Fixture.T0.plusSeconds(5)));
        expect(router.getNote(a, created.id()).map(Note::content).equals(Optional.of("newest")),
                "an update older than the note in " + toWords + " replaced it");
    }

    void deletesReachBoth(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = account();
        Note inFrom = f.seed(from, a.accountId(), "from", Fixture.T0);
        Note inTo = f.seed(to, a.accountId(), "to", Fixture.T0);
        Note inBoth = f.seed(from, a.accountId(), "both", Fixture.T0);
        f.store(to).createNote(a.accountId(), inBoth);
        for (Note n : List.of(inFrom, inTo, inBoth)) {
            router.deleteNote(a, n.id());
        }
        expect(!f.holds(to, a.accountId(), inTo.id()), "deleting a note that is in " + toWords + " left it there");
        expect(!f.holds(from, a.accountId(), inFrom.id()), "deleting a note that is in " + fromWords + " left it there");
        expect(!f.holds(to, a.accountId(), inBoth.id()) && !f.holds(from, a.accountId(), inBoth.id()),
                "deleting a note that is in both " + unit + "s left a copy behind");
        router.deleteNote(a, inTo.id()); // deleting again is harmless
    }

    /**
     * An update moves only a note it found, and answers false (the API's 404) for one that is nowhere.
     *
     * @param deletesCheck the check a lingering delete belongs to
     */
    void missingStaysMissing(Fixture f, String deletesCheck) {
        NoteRouter router = f.router();
        AccountDetails account = account();
        Note unknown = Fixture.note(account, "never created", Fixture.T0);
        expect(!router.updateNote(account, unknown),
                "updating a note that is in no " + unit + " answered true: answer false, so the API says 404");
        f.expectNoNotes("updating a note that is in no " + unit + " created it in %s: only move a note you found in "
                + fromWords);
        Note awayNote = f.seed(from, account.accountId(), "away", Fixture.T0);
        Note homeNote = f.seed(to, account.accountId(), "home", Fixture.T0);
        for (Note deleted : List.of(awayNote, homeNote)) {
            router.deleteNote(account, deleted.id());
            f.expectNoNote(account, deleted.id(), "a delete left the note in %s, so updating a deleted note cannot be "
                    + "checked yet: fix \"" + deletesCheck + "\" first");
            expect(!router.updateNote(account, deleted.withContent("after the delete", Fixture.T0.plusSeconds(1))),
                    "updating a note that was just deleted answered true: answer false, so the API says 404");
        }
        f.expectNoNotes("updating a note that was just deleted brought it back in %s: only move a note you found in "
                + fromWords);
    }

    /** A note in both places counts once; the total is what the places hold. */
    void counts(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails a = account();
        f.seed(from, a.accountId(), "from", Fixture.T0);
        f.seed(to, a.accountId(), "to", Fixture.T0);
        Note inBoth = f.seed(from, a.accountId(), "both", Fixture.T0);
        f.store(to).createNote(a.accountId(), inBoth);
        long count = router.countNotes(a);
        expect(count == 3, "a migrating account with 3 notes (one of them in both " + unit + "s) is counted as " + count);
        long stored = f.store(from).totalNotes() + f.store(to).totalNotes();
        expect(router.totalNotes() == stored, "totalNotes is " + router.totalNotes() + " but the " + unit + "s hold " + stored);
    }

    /**
     * The backfill brings every note of a migrating account home, the newest copy of each, page by page
     * as the kit asks for them; it leaves a non-migrating account alone and brings no deleted note back.
     */
    void backfillMoves(Fixture f) {
        NoteRouter router = f.router();
        AccountDetails settled = Fixture.account(false, null);
        List<Note> staying = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            staying.add(f.seed(from, settled.accountId(), "not migrating " + i, Fixture.T0));
        }
        AccountDetails a = account();
        List<Note> unwritten = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            unwritten.add(f.seed(from, a.accountId(), "nobody wrote me " + i, Fixture.T0));
        }
        Note newerThere = f.seed(from, a.accountId(), "newer copy", Fixture.T0.plusSeconds(2));
        f.store(to).upsertNote(a.accountId(), newerThere.withContent("older copy", Fixture.T0.plusSeconds(1)));
        Note newerHere = f.seed(from, a.accountId(), "older copy", Fixture.T0.plusSeconds(1));
        f.store(to).upsertNote(a.accountId(), newerHere.withContent("newer copy", Fixture.T0.plusSeconds(2)));
        Note arrived = f.seed(to, a.accountId(), "moved already", Fixture.T0);
        Note deleted = f.seed(from, a.accountId(), "deleted", Fixture.T0);
        router.deleteNote(a, deleted.id());

        int movedThere = backfillAll(router, settled, staying.size());
        for (Note note : staying) {
            expect(f.store(from).getNote(settled.accountId(), note.id()).equals(Optional.of(note))
                            && !f.holds(to, settled.accountId(), note.id()),
                    "the backfill moved a note of an account that is not migrating: answer BackfillResult.done(0) "
                            + "for such an account, and leave its notes where they are");
        }
        expect(movedThere == 0, "the backfill said it moved " + movedThere + " notes of an account that is not migrating, "
                + "and moved none: answer BackfillResult.done(0)");

        int expected = unwritten.size() + 2;
        int moved = backfillAll(router, a, expected);
        long left = f.store(from).countNotes(a.accountId());
        expect(left == 0, "after the backfill said it was done, " + left + " of a migrating account's " + expected
                + " notes are still in " + fromWords + ": move every note of every page");
        for (Note note : unwritten) {
            expect(f.store(to).getNote(a.accountId(), note.id()).equals(Optional.of(note)),
                    "a note nobody wrote was taken out of " + fromWords + " by the backfill, but is not in " + toWords
                            + ": copy it there (upsertNote) before you remove it");
        }
        expect(contentIn(f, to, a, newerThere).equals(Optional.of("newer copy")),
                "for a note in both " + unit + "s, the backfill left the older copy in " + toWords + ": upsertNote the copy "
                        + "from " + fromWords + ", which replaces only an older one");
        expect(contentIn(f, to, a, newerHere).equals(Optional.of("newer copy")),
                "for a note in both " + unit + "s, the backfill replaced the newer copy in " + toWords + " with the older "
                        + "one from " + fromWords + ": copy with upsertNote, which keeps the newest");
        expect(f.store(to).getNote(a.accountId(), arrived.id()).equals(Optional.of(arrived)),
                "the backfill changed a note that was in " + toWords + " already");
        f.expectNoNote(a, deleted.id(), "the backfill brought back a note deleted before it ran, in %s");
        expect(moved == expected, "the backfill said it moved " + moved + " notes; it took " + expected + " out of "
                + fromWords + ": count each note it moves");
    }

    private static Optional<String> contentIn(Fixture f, String store, AccountDetails account, Note note) {
        return f.store(store).getNote(account.accountId(), note.id()).map(Note::content);
    }

    /**
     * Asks the router for the account's backfill page after page, as the kit does, until it says done.
     *
     * @param notes how many notes the account has to move, to tell a backfill that never ends from a long one
     * @return how many notes the backfill said it moved
     */
    int backfillAll(NoteRouter router, AccountDetails account, int notes) {
        int pages = notes / BACKFILL_LIMIT + 3; // a page per limit, a short last one, and some to spare
        Optional<UUID> after = Optional.empty();
        int moved = 0;
        for (int page = 1; page <= pages; page++) {
            BackfillResult result = backfillPage(router, account, after);
            moved += result.moved();
            if (result.isDone()) {
                return moved;
            }
            expect(!result.nextPage().equals(after), "the backfill answered with the cursor it was given, so it would be "
                    + "asked for the same page for ever: answer BackfillResult.after(moved, page, limit)");
            after = result.nextPage();
        }
        throw new Check.Failed("the backfill of an account with " + notes + " notes to move did not say it was done after "
                + pages + " pages of " + BACKFILL_LIMIT + ": answer BackfillResult.after(moved, page, limit), which is "
                + "done once a page comes back short");
    }

    /**
     * One page of the router's backfill. A router that keeps {@link NoteRouter}'s default fails the check
     * with what to write, not with the exception the kit would otherwise report.
     */
    BackfillResult backfillPage(NoteRouter router, AccountDetails account, Optional<UUID> after) {
        BackfillResult result;
        try {
            result = router.backfill(account, after, BACKFILL_LIMIT);
        } catch (UnsupportedOperationException e) {
            // The contract's default (the router may be wrapped, so its class cannot tell): say what to write.
            StackTraceElement[] trace = e.getStackTrace();
            if (trace.length > 0 && (trace[0].getClassName().equals(NoteRouter.class.getName())
                    || trace[0].getClassName().equals(RouterFeatures.class.getName()))) {
                throw new Check.Failed("no backfill yet: implement backfill(account, after, limit), which moves a migrating "
                        + "account's notes from " + fromWords + " to " + toWords + ", a page at a time");
            }
            throw e;
        }
        expect(result != null, "backfill returned null: answer BackfillResult.after(moved, page, limit), or "
                + "BackfillResult.done(0) when there is nothing to move");
        return result;
    }
}
