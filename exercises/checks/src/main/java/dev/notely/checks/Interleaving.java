package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Two instances of the router, each on its own store handles as two proxy processes during a rollout
 * are, take turns at random over a few hundred operations. Every answer is compared with a model of
 * what was acknowledged: nothing may be lost, come back, or go stale.
 */
final class Interleaving {

    private static final int ACCOUNTS = 4;
    private static final int OPERATIONS = 300;
    private static final long SEED = 20250813L;

    private Interleaving() {
    }

    /**
     * @param account    makes each (migrating) account
     * @param seedStore  where each account's notes are before the migration
     */
    static Check.Scenario scenario(java.util.function.Supplier<AccountDetails> account, String seedStore) {
        return fixture -> {
            NoteRouter[] routers = {fixture.router(), fixture.router()};
            Random random = new Random(SEED);
            List<AccountDetails> accounts = new ArrayList<>();
            Map<UUID, Map<UUID, Note>> model = new LinkedHashMap<>();
            Map<UUID, Set<UUID>> deleted = new LinkedHashMap<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                AccountDetails a = account.get();
                accounts.add(a);
                Map<UUID, Note> notes = new LinkedHashMap<>();
                for (int n = 0; n < 3; n++) {
                    Note seeded = fixture.seed(seedStore, a.accountId(), "seed " + n, Fixture.T0);
                    notes.put(seeded.id(), seeded);
                }
                model.put(a.accountId(), notes);
                deleted.put(a.accountId(), new HashSet<>());
            }
            Instant clock = Fixture.T0;
            for (int op = 1; op <= OPERATIONS; op++) {
                int which = random.nextInt(2);
                NoteRouter router = routers[which];
                String by = which == 0 ? "the first instance" : "the second instance";
                AccountDetails a = accounts.get(random.nextInt(ACCOUNTS));
                Map<UUID, Note> notes = model.get(a.accountId());
                List<UUID> ids = new ArrayList<>(notes.keySet());
                int kind = ids.isEmpty() ? 0 : random.nextInt(10);
                clock = clock.plusMillis(1);
                String where = " (operation " + op + " of " + OPERATIONS + ", through " + by + ")";
                if (kind <= 1) {
                    Note created = Fixture.note(a, "created at op " + op, clock);
                    router.createNote(a, created);
                    notes.put(created.id(), created);
                } else if (kind <= 4) {
                    Note current = notes.get(ids.get(random.nextInt(ids.size())));
                    Note next = current.withContent("updated at op " + op, clock);
                    expect(router.updateNote(a, next), "an update of an existing note answered \"no such note\"" + where);
                    notes.put(next.id(), next);
                } else if (kind == 5) {
                    UUID gone = ids.get(random.nextInt(ids.size()));
                    router.deleteNote(a, gone);
                    notes.remove(gone);
                    deleted.get(a.accountId()).add(gone);
                } else if (kind <= 7) {
                    Note expected = notes.get(ids.get(random.nextInt(ids.size())));
                    Note got = router.getNote(a, expected.id()).orElseThrow(() -> new Check.Failed(
                            "an acknowledged note could not be read" + where));
                    expect(got.content().equals(expected.content()),
                            "a read returned \"" + got.content() + "\" instead of the last acknowledged write \""
                                    + expected.content() + "\"" + where);
                } else {
                    List<UUID> listed = router.listNotes(a);
                    expect(new HashSet<>(listed).size() == listed.size(), "the note list names a note twice" + where);
                    Set<UUID> extra = new HashSet<>(listed);
                    extra.removeAll(notes.keySet());
                    expect(new HashSet<>(listed).containsAll(notes.keySet()),
                            "an acknowledged note is missing from the list" + where);
                    extra.retainAll(deleted.get(a.accountId()));
                    expect(extra.isEmpty(), "a deleted note is back in the list" + where);
                }
            }
            for (AccountDetails a : accounts) {
                for (Note expected : model.get(a.accountId()).values()) {
                    NoteRouter router = routers[random.nextInt(2)];
                    Note got = router.getNote(a, expected.id()).orElseThrow(() -> new Check.Failed(
                            "after " + OPERATIONS + " operations an acknowledged note is gone"));
                    expect(got.content().equals(expected.content()),
                            "after " + OPERATIONS + " operations a note holds \"" + got.content()
                                    + "\" instead of the newest write \"" + expected.content() + "\"");
                }
                for (UUID gone : deleted.get(a.accountId())) {
                    expect(routers[0].getNote(a, gone).isEmpty(),
                            "after " + OPERATIONS + " operations a deleted note can be read again");
                }
            }
        };
    }
}
