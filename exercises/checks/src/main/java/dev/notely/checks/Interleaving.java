package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Two instances of the router serve the same accounts at the same time, as the old and the new proxy
 * process do during a rollout. Each round gives each instance one operation on the same account and
 * runs the two interleaved at the level of single store calls ({@link Turns}): one instance's update
 * can stop between reading legacy and copying into new while the other instance works. Every answer
 * is compared with a model of what was acknowledged: nothing may be lost, come back, or go stale.
 *
 * <p>The two operations of a round touch different notes, or are two updates of the same note (the
 * newest {@code updatedAt} must win). An update is never raced with a delete of the same note: while
 * an update moves a note, a delete reaching both stores can come between its read and its copy, and
 * the copy brings the note back. Only tombstones or a transaction across the stores prevent that, so
 * no router the exercises ask for could pass such a check.
 *
 * <p>Every hand-over between the instances is drawn from a seed; a failure names its seed and round
 * and happens the same way on every run.
 */
final class Interleaving {

    /** Each seed is a different schedule of operations and hand-overs. */
    static final long[] SEEDS = {20250813L, 1L, 2L};
    private static final int ACCOUNTS = 3;
    private static final int NOTES_PER_ACCOUNT = 8;
    private static final int ROUNDS = 60;
    /** Of all rounds, how many in percent race two updates of one note. */
    private static final int SAME_NOTE_PERCENT = 60;
    /** Longer than the grader's limit, so an operation looping in the router is caught by the grader, which says where. */
    private static final Duration PATIENCE = Grader.TIME_LIMIT.multipliedBy(2);
    private static final String[] INSTANCES = {"the first instance", "the second instance"};

    private enum Kind { CREATE, UPDATE, GET, LIST, DELETE }

    /** One operation of a round, on note {@code noteId} (none for a list), writing {@code write} (create, update). */
    private record Op(Kind kind, UUID noteId, Note write) {
    }

    private Interleaving() {
    }

    /**
     * @param shard     the shard of each (migrating) account, or null
     * @param seedStore where each account's notes are before the migration
     */
    static Check.Scenario scenario(String shard, String seedStore) {
        return scenario(SEEDS, shard, seedStore);
    }

    /** As {@link #scenario(String, String)}, with the given seeds. */
    static Check.Scenario scenario(long[] seeds, String shard, String seedStore) {
        return fixture -> {
            for (long seed : seeds) {
                new Run(fixture, seed, shard, seedStore).play();
            }
        };
    }

    /** One seed's accounts, routers and model. */
    private static final class Run {

        private final long seed;
        private final Random random;
        private final Turns turns;
        private final NoteRouter[] routers = new NoteRouter[2];
        private final List<AccountDetails> accounts = new ArrayList<>();
        private final Map<UUID, Map<UUID, Note>> model = new LinkedHashMap<>();
        private final Map<UUID, Set<UUID>> deleted = new HashMap<>();
        private final Map<UUID, String> labels = new HashMap<>();
        /** Seeded notes no operation has written yet: still where they were before the migration. */
        private final Set<UUID> notYetWritten = new HashSet<>();
        private Instant clock = Fixture.T0;
        private int round;

        Run(Fixture fixture, long seed, String shard, String seedStore) {
            this.seed = seed;
            this.random = new Random(seed);
            this.turns = new Turns(~seed, Thread.currentThread().getName(), fixture.proxyTime());
            routers[0] = fixture.router(stores -> new SteppedNoteStores(stores, turns, 0));
            // As another process: its own class loader, so static state is not shared either.
            routers[1] = fixture.isolatedRouter(routers[0], stores -> new SteppedNoteStores(stores, turns, 1));
            for (int i = 0; i < ACCOUNTS; i++) {
                AccountDetails account = new AccountDetails(Fixture.randomUuid(random), true, shard);
                accounts.add(account);
                model.put(account.accountId(), new LinkedHashMap<>());
                deleted.put(account.accountId(), new HashSet<>());
                for (int n = 0; n < NOTES_PER_ACCOUNT; n++) {
                    Note note = newNote(account, "seeded " + n);
                    fixture.store(seedStore).createNote(account.accountId(), note);
                    notYetWritten.add(note.id());
                    model.get(account.accountId()).put(note.id(), note);
                }
            }
        }

        void play() throws InterruptedException {
            for (round = 1; round <= ROUNDS; round++) {
                AccountDetails account = accounts.get(random.nextInt(ACCOUNTS));
                Map<UUID, Note> notes = model.get(account.accountId());
                Op[] ops = new Op[2];
                List<UUID> ids = new ArrayList<>(notes.keySet());
                if (!ids.isEmpty() && random.nextInt(100) < SAME_NOTE_PERCENT) {
                    // Mostly a note that has not moved yet: racing its move is where routers go wrong.
                    List<UUID> unmoved = ids.stream().filter(notYetWritten::contains).toList();
                    List<UUID> from = unmoved.isEmpty() || random.nextInt(8) == 0 ? ids : unmoved;
                    Note current = notes.get(from.get(random.nextInt(from.size())));
                    Note older = current.withContent("update in round " + round + " (older)", tick());
                    Note newer = current.withContent("update in round " + round + " (newer)", tick());
                    int newerFirst = random.nextInt(2);
                    ops[newerFirst] = new Op(Kind.UPDATE, current.id(), newer);
                    ops[1 - newerFirst] = new Op(Kind.UPDATE, current.id(), older);
                } else {
                    ops[0] = pick(account, ids);
                    ids.remove(ops[0].noteId());
                    ops[1] = pick(account, ids);
                }
                play(account, ops);
            }
            for (AccountDetails account : accounts) {
                for (int i = 0; i < 2; i++) {
                    String where = " (after the last round, through " + INSTANCES[i] + where() + ")";
                    expectListed(account, routers[i].listNotes(account), Set.of(), where);
                    for (Note expected : model.get(account.accountId()).values()) {
                        expectRead(expected, routers[i].getNote(account, expected.id()), where);
                    }
                    for (UUID gone : deleted.get(account.accountId())) {
                        expect(routers[i].getNote(account, gone).isEmpty(), "a deleted note can be read again" + where);
                    }
                }
            }
        }

        /** A random operation on the account that touches none of the notes not in {@code free}. */
        private Op pick(AccountDetails account, List<UUID> free) {
            int roll = random.nextInt(100);
            if (free.isEmpty() || roll < 15 || (free.size() < 2 && roll < 50)) {
                Note created = newNote(account, "created in round " + round);
                return new Op(Kind.CREATE, created.id(), created);
            }
            UUID target = free.get(random.nextInt(free.size()));
            if (roll < 50) {
                Note current = model.get(account.accountId()).get(target);
                return new Op(Kind.UPDATE, target, current.withContent("update in round " + round, tick()));
            }
            if (roll < 70) {
                return new Op(Kind.GET, target, null);
            }
            if (roll < 85 || model.get(account.accountId()).size() <= 2) {
                return new Op(Kind.LIST, null, null);
            }
            return new Op(Kind.DELETE, target, null);
        }

        private void play(AccountDetails account, Op[] ops) throws InterruptedException {
            Object[] answers = new Object[2];
            Throwable[] errors = new Throwable[2];
            Runnable[] work = new Runnable[2];
            for (int i = 0; i < 2; i++) {
                int me = i;
                work[i] = () -> {
                    try {
                        answers[me] = call(routers[me], account, ops[me]);
                    } catch (Throwable e) {
                        errors[me] = e;
                    }
                };
            }
            String where = " (" + describe(ops) + where() + ")";
            expect(turns.round(work, INSTANCES, PATIENCE), "two operations at once did not finish within "
                    + Grader.describe(PATIENCE) + where);
            Set<UUID> touched = new HashSet<>();
            for (Op op : ops) {
                if (op.noteId() != null) {
                    touched.add(op.noteId());
                }
            }
            Map<UUID, Note> notes = model.get(account.accountId());
            for (int i = 0; i < 2; i++) {
                Op op = ops[i];
                if (errors[i] != null) {
                    throw new Check.Failed(INSTANCES[i] + " threw " + Failures.describe(errors[i]) + where);
                }
                switch (op.kind()) {
                    case UPDATE -> expect((Boolean) answers[i],
                            "an update of an existing note answered \"no such note\"" + where);
                    case GET -> {
                        @SuppressWarnings("unchecked")
                        Optional<Note> got = (Optional<Note>) answers[i];
                        expectRead(notes.get(op.noteId()), got, where);
                    }
                    case LIST -> {
                        @SuppressWarnings("unchecked")
                        List<UUID> listed = (List<UUID>) answers[i];
                        expectListed(account, listed, touched, where);
                    }
                    default -> {
                    }
                }
            }
            for (Op op : ops) {
                if (op.kind() == Kind.UPDATE) {
                    notYetWritten.remove(op.noteId());
                }
                switch (op.kind()) {
                    case CREATE -> notes.put(op.noteId(), op.write());
                    case UPDATE -> notes.merge(op.noteId(), op.write(), (a, b) -> b.isNewerThan(a) ? b : a);
                    case DELETE -> {
                        notes.remove(op.noteId());
                        deleted.get(account.accountId()).add(op.noteId());
                    }
                    default -> {
                    }
                }
            }
            if (ops[0].kind() == Kind.UPDATE && ops[0].noteId().equals(ops[1].noteId())) {
                Note newest = notes.get(ops[0].noteId());
                Optional<Note> got = routers[random.nextInt(2)].getNote(account, newest.id());
                expect(got.isPresent(), "after two updates of the same note at once, the note is gone" + where);
                expect(got.get().content().equals(newest.content()), "after two updates of the same note at once, "
                        + "it holds \"" + got.get().content() + "\" instead of the newest write \"" + newest.content()
                        + "\"" + where);
            }
        }

        private static Object call(NoteRouter router, AccountDetails account, Op op) {
            return switch (op.kind()) {
                case CREATE -> {
                    router.createNote(account, op.write());
                    yield null;
                }
                case UPDATE -> router.updateNote(account, op.write());
                case GET -> router.getNote(account, op.noteId());
                case LIST -> router.listNotes(account);
                case DELETE -> {
                    router.deleteNote(account, op.noteId());
                    yield null;
                }
            };
        }

        private void expectRead(Note expected, Optional<Note> got, String where) {
            expect(got.isPresent(), "an acknowledged note could not be read" + where);
            expect(got.get().content().equals(expected.content()), "a read returned \"" + got.get().content()
                    + "\" instead of the last acknowledged write \"" + expected.content() + "\"" + where);
        }

        /** The list names each note once, every note nobody was changing, and none deleted earlier. */
        private void expectListed(AccountDetails account, List<UUID> listed, Set<UUID> changing, String where) {
            Set<UUID> unique = new HashSet<>(listed);
            expect(unique.size() == listed.size(), "the note list names a note twice" + where);
            for (UUID id : model.get(account.accountId()).keySet()) {
                expect(changing.contains(id) || unique.contains(id), "an acknowledged note is missing from the list" + where);
            }
            for (UUID id : deleted.get(account.accountId())) {
                expect(changing.contains(id) || !unique.contains(id), "a deleted note is back in the list" + where);
            }
        }

        private Note newNote(AccountDetails account, String content) {
            Note note = new Note(Fixture.randomUuid(random), account.accountId(), Fixture.T0, tick(), content);
            labels.put(note.id(), "#" + (labels.size() + 1));
            return note;
        }

        private Instant tick() {
            clock = clock.plusMillis(1);
            return clock;
        }

        private String describe(Op[] ops) {
            return INSTANCES[0] + " " + describe(ops[0]) + " while " + INSTANCES[1] + " "
                    + (ops[0].noteId() != null && ops[0].noteId().equals(ops[1].noteId()) && ops[1].kind() == Kind.UPDATE
                            ? "updated it too" : describe(ops[1]));
        }

        private String describe(Op op) {
            return switch (op.kind()) {
                case CREATE -> "created note " + labels.get(op.noteId());
                case UPDATE -> "updated note " + labels.get(op.noteId());
                case GET -> "read note " + labels.get(op.noteId());
                case LIST -> "listed the notes";
                case DELETE -> "deleted note " + labels.get(op.noteId());
            };
        }

        private String where() {
            return round > ROUNDS ? "; seed " + seed : "; seed " + seed + ", round " + round + " of " + ROUNDS;
        }
    }
}
