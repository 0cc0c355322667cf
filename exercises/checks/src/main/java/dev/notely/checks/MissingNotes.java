package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import java.util.List;

/**
 * "Updating a missing or deleted note creates nothing", the same check in both exercises: an update
 * moves only a note it found, and answers false (the API's 404) for one that is nowhere.
 */
final class MissingNotes {

    private MissingNotes() {
    }

    /**
     * @param account      a migrating account
     * @param away         where the account's notes are moving from
     * @param home         where they are moving to
     * @param unit         what the exercise calls a place ("store", "shard")
     * @param foundIn      where a note to move is found ("legacy", "another shard")
     * @param deletesCheck the check a lingering delete belongs to
     */
    static void check(Fixture f, AccountDetails account, String away, String home, String unit, String foundIn,
                      String deletesCheck) {
        NoteRouter router = f.router();
        Note unknown = Fixture.note(account, "never created", Fixture.T0);
        expect(!router.updateNote(account, unknown),
                "updating a note that is in no " + unit + " answered true: answer false, so the API says 404");
        f.expectNoNotes("updating a note that is in no " + unit + " created it in %s: only move a note you found in "
                + foundIn);
        Note awayNote = f.seed(away, account.accountId(), "away", Fixture.T0);
        Note homeNote = f.seed(home, account.accountId(), "home", Fixture.T0);
        for (Note deleted : List.of(awayNote, homeNote)) {
            router.deleteNote(account, deleted.id());
            f.expectNoNote(account, deleted.id(), "a delete left the note in %s, so updating a deleted note cannot be "
                    + "checked yet: fix \"" + deletesCheck + "\" first");
            expect(!router.updateNote(account, deleted.withContent("after the delete", Fixture.T0.plusSeconds(1))),
                    "updating a note that was just deleted answered true: answer false, so the API says 404");
        }
        f.expectNoNotes("updating a note that was just deleted brought it back in %s: only move a note you found in "
                + foundIn);
    }
}
