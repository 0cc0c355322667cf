package dev.notely.checks;

import static dev.notely.checks.Check.expect;

import dev.notely.store.AccountDetails;
import dev.notely.store.BackfillResult;
import dev.notely.store.Failures;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * newest {@code updatedAt} must win), or an update and a delete of the same note. That last race is the
 * one a move can lose: a delete reaching both stores can come between the move's read and its copy.
 * The stores remember deletes, so the late copy is refused, as long as the delete reaches every store;
 * the note must end deleted, whichever of the two came first, and the update may answer either way.
 * Reads are never raced with a move of the same note: a read that looks in new just before the move
 * and in legacy just after finds nothing, and no router the exercises ask for avoids that.
 *
 * <p>The backfill scenario races the kit's backfill the same way: one instance moves the next page of
 * an account's notes while the other updates, deletes or creates that account's notes, most often the
 * very notes of that page, until the backfill says every account is done. Now and then a page is done
 * again, as when the kit resumes after a restart. Nothing may be lost or come back, the newest write
 * must win, and at the end no note is left where the backfill moves notes from.
 *
 * <p>Every hand-over between the instances is drawn from a seed; a failure names its seed and round
 * and happens the same way on every run.
 */
final class Interleaving {

    /** Each seed is a different schedule of operations and hand-overs. */
    static final long[] SEEDS = {20250813L, 1L, 2L};
    private static final int ACCOUNTS = 3;
    private static final int NOTES_PER_ACCOUNT = 8;
    /** For the backfill: enough for several pages per account, each page a race. */
    private static final int NOTES_TO_BACKFILL = 15;
    private static final int ROUNDS = 60;
    /** Of all rounds, how many in percent race two operations on one note. */
    private static final int SAME_NOTE_PERCENT = 60;
    /** Of the rounds on one note, how many in percent race an update with a delete, not with another update. */
    private static final int DELETE_RACE_PERCENT = 50;
    /** Of the backfill's pages, how many in percent are done again, as after a restart of the kit. */
    private static final int PAGE_AGAIN_PERCENT = 15;
    /** Pages enough for every account's backfill, several times over: a backfill that never ends stops here. */
    private static final int MOST_PAGES = ACCOUNTS * (NOTES_TO_BACKFILL / MoveChecks.BACKFILL_LIMIT + 2) * 4;
    /** Longer than the grader's limit, so an operation looping in the router is caught by the grader, which says where. */
    private static final Duration PATIENCE = Grader.TIME_LIMIT.multipliedBy(2);
    private static final String[] INSTANCES = {"the first instance", "the second instance"};
    /** How the stores order note ids when they page: as text. */
    private static final Comparator<UUID> PAGE_ORDER = Comparator.comparing(UUID::toString);

    private enum Kind { CREATE, UPDATE, GET, LIST, DELETE, BACKFILL }

    /**
     * One operation of a round, on note {@code noteId} (none for a list or a backfill page), writing
     * {@code write} (create, update); a backfill page starts after {@code after}.
     */
    private record Op(Kind kind, UUID noteId, Note write, Optional<UUID> after) {

        Op(Kind kind, UUID noteId, Note write) {
            this(kind, noteId, write, Optional.empty());
        }

        boolean sameNote(Op other) {
            return noteId != null && noteId.equals(other.noteId);
        }
    }

    private Interleaving() {
    }

    /** Users' operations, raced two at a time; {@code move} says where each migrating account's notes start. */
    static Check.Scenario scenario(MoveChecks move) {
        return scenario(SEEDS, move);
    }

    /** As {@link #scenario(MoveChecks)}, with the given seeds. */
    static Check.Scenario scenario(long[] seeds, MoveChecks move) {
        return fixture -> {
            for (long seed : seeds) {
                new Run(fixture, seed, move, NOTES_PER_ACCOUNT).play();
            }
        };
    }

    /** The backfill's pages, each raced with a user's write on the same account. */
    static Check.Scenario backfillScenario(MoveChecks move) {
        return backfillScenario(SEEDS, move);
    }

    /** As {@link #backfillScenario(MoveChecks)}, with the given seeds. */
    static Check.Scenario backfillScenario(long[] seeds, MoveChecks move) {
        return fixture -> {
            for (long seed : seeds) {
                new Run(fixture, seed, move, NOTES_TO_BACKFILL).playBackfill();
            }
        };
    }

    /** One seed's accounts, routers and model. */
    private static final class Run {

        private final Fixture fixture;
        private final MoveChecks move;
        private final long seed;
        private final Random random;
        private final Turns turns;
        private final NoteRouter[] routers = new NoteRouter[2];
        private final List<AccountDetails> accounts = new ArrayList<>();
        private final Map<UUID, Map<UUID, Note>> model = new LinkedHashMap<>();
        private final Map<UUID, Set<UUID>> deleted = new HashMap<>();
        private final Map<UUID, String> labels = new HashMap<>();
        /** Seeded notes that nothing has moved yet (no write, no backfill page): still where they started. */
        private final Set<UUID> unmoved = new HashSet<>();
        /** Per account, the cursor of its next backfill page, and of the one before. */
        private final Map<UUID, Optional<UUID>> nextPage = new HashMap<>();
        private final Map<UUID, Optional<UUID>> lastPage = new HashMap<>();
        private final Set<UUID> backfilled = new HashSet<>();
        private Instant clock = Fixture.T0;
        private int round;
        /** How many rounds there are, or 0 when they go on until the backfill is done. */
        private int rounds = ROUNDS;
        private boolean over;

        Run(Fixture fixture, long seed, MoveChecks move, int notesPerAccount) {
            this.fixture = fixture;
            this.move = move;
            this.seed = seed;
            this.random = new Random(seed);
            this.turns = new Turns(~seed, Thread.currentThread().getName(), fixture.proxyTime());
            routers[0] = fixture.router(stores -> new SteppedNoteStores(stores, turns, 0));
            // As another process: its own class loader, so static state is not shared either.
            routers[1] = fixture.isolatedRouter(routers[0], stores -> new SteppedNoteStores(stores, turns, 1));
            for (int i = 0; i < ACCOUNTS; i++) {
                AccountDetails account = new AccountDetails(Fixture.randomUuid(random), true, move.shard());
                accounts.add(account);
                model.put(account.accountId(), new LinkedHashMap<>());
                deleted.put(account.accountId(), new HashSet<>());
                nextPage.put(account.accountId(), Optional.empty());
                for (int n = 0; n < notesPerAccount; n++) {
                    Note note = newNote(account, "seeded " + n);
                    fixture.store(move.from()).createNote(account.accountId(), note);
                    unmoved.add(note.id());
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
                    List<UUID> notMoved = ids.stream().filter(unmoved::contains).toList();
                    List<UUID> from = notMoved.isEmpty() || random.nextInt(8) == 0 ? ids : notMoved;
                    Note current = notes.get(from.get(random.nextInt(from.size())));
                    int first = random.nextInt(2);
                    if (random.nextInt(100) < DELETE_RACE_PERCENT) {
                        ops[first] = new Op(Kind.DELETE, current.id(), null);
                        ops[1 - first] = new Op(Kind.UPDATE, current.id(),
                                current.withContent("update in round " + round + " (raced by a delete)", tick()));
                    } else {
                        Note older = current.withContent("update in round " + round + " (older)", tick());
                        Note newer = current.withContent("update in round " + round + " (newer)", tick());
                        ops[first] = new Op(Kind.UPDATE, current.id(), newer);
                        ops[1 - first] = new Op(Kind.UPDATE, current.id(), older);
                    }
                } else {
                    ops[0] = pick(account, ids);
                    ids.remove(ops[0].noteId());
                    ops[1] = pick(account, ids);
                }
                play(account, ops);
            }
            over = true;
            expectAllAcknowledged();
        }

        /**
         * Until every account's backfill is done: the next page of one account on one instance, and on the
         * other a user's write to the same account, most often to a note of that very page.
         */
        void playBackfill() throws InterruptedException {
            rounds = 0;
            List<AccountDetails> unfinished = new ArrayList<>(accounts);
            for (round = 1; !unfinished.isEmpty(); round++) {
                expect(round <= MOST_PAGES, "the backfill did not say every account was done after " + MOST_PAGES
                        + " pages of " + MoveChecks.BACKFILL_LIMIT + " notes, for " + ACCOUNTS + " accounts of about "
                        + NOTES_TO_BACKFILL + " notes: answer BackfillResult.after(moved, page, limit), which is done once "
                        + "a page comes back short; seed " + seed);
                AccountDetails account = unfinished.get(random.nextInt(unfinished.size()));
                UUID id = account.accountId();
                Optional<UUID> after = lastPage.containsKey(id) && random.nextInt(100) < PAGE_AGAIN_PERCENT
                        ? lastPage.get(id) : nextPage.get(id);
                Op[] ops = new Op[2];
                int backfiller = random.nextInt(2);
                ops[backfiller] = new Op(Kind.BACKFILL, null, null, after);
                ops[1 - backfiller] = writeDuringPage(account, after);
                play(account, ops);
                if (backfilled.contains(id)) {
                    unfinished.remove(account);
                }
            }
            over = true;
            expectAllAcknowledged();
            for (AccountDetails account : accounts) {
                List<UUID> left = fixture.store(move.from()).listNotes(account.accountId());
                if (!left.isEmpty()) {
                    throw new Check.Failed("after the backfill said every account was done, note " + label(left.get(0))
                            + " is still in " + move.fromWords() + where());
                }
            }
        }

        /** A user's write to the account while the backfill moves the page after {@code after}. */
        private Op writeDuringPage(AccountDetails account, Optional<UUID> after) {
            Map<UUID, Note> notes = model.get(account.accountId());
            List<UUID> page = notes.keySet().stream().filter(unmoved::contains)
                    .filter(id -> after.isEmpty() || PAGE_ORDER.compare(id, after.get()) > 0)
                    .sorted(PAGE_ORDER).limit(MoveChecks.BACKFILL_LIMIT).toList();
            List<UUID> from = page.isEmpty() || random.nextInt(4) == 0 ? new ArrayList<>(notes.keySet()) : page;
            int roll = random.nextInt(100);
            if (from.isEmpty() || roll < 10) {
                Note created = newNote(account, "created in round " + round);
                return new Op(Kind.CREATE, created.id(), created);
            }
            UUID target = from.get(random.nextInt(from.size()));
            if (roll < 50 || notes.size() <= 2) {
                return new Op(Kind.UPDATE, target, notes.get(target).withContent("update in round " + round, tick()));
            }
            return new Op(Kind.DELETE, target, null);
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
                if (errors[i] instanceof Check.Failed failed) {
                    throw failed; // the router has no backfill: say so as the other checks do
                }
                if (errors[i] != null) {
                    throw new Check.Failed(INSTANCES[i] + " threw " + Failures.describe(errors[i]) + where);
                }
                switch (op.kind()) {
                    // Raced by a delete, an update may have found the note or not: either answer is right.
                    case UPDATE -> expect((Boolean) answers[i] || (ops[1 - i].sameNote(op) && ops[1 - i].kind() == Kind.DELETE),
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
                    case BACKFILL -> advance(account, op, (BackfillResult) answers[i]);
                    default -> {
                    }
                }
            }
            // Deletes last: an update raced by a delete of its note ends deleted, whichever ran first.
            for (Op op : ops) {
                if (op.kind() == Kind.UPDATE || op.kind() == Kind.DELETE) {
                    unmoved.remove(op.noteId());
                }
                switch (op.kind()) {
                    case CREATE -> notes.put(op.noteId(), op.write());
                    case UPDATE -> notes.merge(op.noteId(), op.write(), (a, b) -> b.isNewerThan(a) ? b : a);
                    default -> {
                    }
                }
            }
            for (Op op : ops) {
                if (op.kind() == Kind.DELETE) {
                    notes.remove(op.noteId());
                    deleted.get(account.accountId()).add(op.noteId());
                }
            }
            for (Op op : ops) {
                expectWritten(account, op, where);
            }
        }

        /** Keeps the account's backfill cursor, and forgets the notes the page moved. */
        private void advance(AccountDetails account, Op op, BackfillResult result) {
            UUID id = account.accountId();
            lastPage.put(id, op.after());
            Set<UUID> mine = model.get(id).keySet();
            if (result.isDone()) {
                backfilled.add(id);
                unmoved.removeAll(mine);
                return;
            }
            nextPage.put(id, result.nextPage());
            UUID end = result.next();
            unmoved.removeIf(note -> mine.contains(note) && PAGE_ORDER.compare(note, end) <= 0);
        }

        /** After the round: an updated note holds the newest write, a deleted one is gone from every store. */
        private void expectWritten(AccountDetails account, Op op, String where) {
            if (op.kind() == Kind.UPDATE && model.get(account.accountId()).containsKey(op.noteId())) {
                Note newest = model.get(account.accountId()).get(op.noteId());
                Optional<Note> got = routers[random.nextInt(2)].getNote(account, newest.id());
                expect(got.isPresent(), "after the round, the updated note " + label(newest.id()) + " is gone" + where);
                expect(got.get().content().equals(newest.content()), "after the round, note " + label(newest.id())
                        + " holds \"" + got.get().content() + "\" instead of the newest write \"" + newest.content() + "\""
                        + where);
            }
            if (op.kind() == Kind.DELETE) {
                expect(routers[random.nextInt(2)].getNote(account, op.noteId()).isEmpty(),
                        "after the round, the deleted note " + label(op.noteId()) + " can be read again" + where);
                for (String store : NoteStores.NAMES) {
                    expect(!fixture.holds(store, account.accountId(), op.noteId()),
                            "after the round, the deleted note " + label(op.noteId()) + " is back in " + store + where);
                }
            }
        }

        private Object call(NoteRouter router, AccountDetails account, Op op) {
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
                case BACKFILL -> move.backfillPage(router, account, op.after());
            };
        }

        /** Through both instances: every acknowledged note is there with its newest write, no deleted one is. */
        private void expectAllAcknowledged() {
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

        private String label(UUID noteId) {
            return labels.getOrDefault(noteId, noteId.toString());
        }

        private Instant tick() {
            clock = clock.plusMillis(1);
            return clock;
        }

        private String describe(Op[] ops) {
            String second = describe(ops[1]);
            if (ops[0].sameNote(ops[1])) {
                second = ops[1].kind() == Kind.DELETE ? "deleted it" : ops[0].kind() == Kind.UPDATE ? "updated it too"
                        : "updated it";
            }
            return INSTANCES[0] + " " + describe(ops[0]) + " while " + INSTANCES[1] + " " + second;
        }

        private String describe(Op op) {
            return switch (op.kind()) {
                case CREATE -> "created note " + label(op.noteId());
                case UPDATE -> "updated note " + label(op.noteId());
                case GET -> "read note " + label(op.noteId());
                case LIST -> "listed the notes";
                case DELETE -> "deleted note " + label(op.noteId());
                case BACKFILL -> "ran the backfill's " + op.after().map(after -> "page after note " + label(after))
                        .orElse("first page");
            };
        }

        private String where() {
            if (over) {
                return "; seed " + seed;
            }
            return "; seed " + seed + ", round " + round + (rounds > 0 ? " of " + rounds : "");
        }
    }
}
