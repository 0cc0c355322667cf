package dev.notely.app.migration;

import dev.notely.api.ProxyUnavailableException;
import dev.notely.api.VerificationReport;
import dev.notely.api.VerificationReport.AccountResult;
import dev.notely.api.VerificationReport.Difference;
import dev.notely.api.VerificationReport.Kind;
import dev.notely.api.VerificationReport.KindCount;
import dev.notely.api.VerificationReport.Summary;
import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Compares the note stores directly, read-only and beside the users, as Vitess's VDiff compares a
 * migration's source and target: for every account (every account row, and every account id that has
 * notes but no row) and every note found in any store, which stores hold it and whether the copies agree,
 * and whether that is where the account's mode says the note belongs ({@link Placement}).
 *
 * <p>The stores are separate databases: no read sees them all at one instant, and a note being moved
 * (copied to one store, then removed from the other) can be read in both, or a new account's notes before
 * its row. So a note that looks out of place is read again, after a pause, up to {@link #RECHECKS} times,
 * with its account's mode, and reported only if it is out of place every time: a write in flight settles
 * within one pause, a difference stays.
 *
 * <p>Each account is read a page of {@link #PAGE} notes at a time from each store that holds any of its
 * notes, and merged by note id in memory; nothing is written.
 */
public final class Verifier {

    static final int PAGE = 500;
    /** How many times a note that looks out of place is read again before it is reported. */
    static final int RECHECKS = 3;
    /** Long enough for a move in flight (two store writes) to finish, short enough to keep a check quick. */
    static final Duration RECHECK_PAUSE = Duration.ofMillis(300);

    private final AccountStore accounts;
    private final NoteStores stores;
    private final List<String> names;
    private final int rechecks;
    private final Duration pause;

    /**
     * @param stores where to read the notes; give it stores whose calls are not recorded as traffic
     * @param names  the stores to compare, in the dashboard's order
     */
    public Verifier(AccountStore accounts, NoteStores stores, List<String> names) {
        this(accounts, stores, names, RECHECKS, RECHECK_PAUSE);
    }

    public Verifier(AccountStore accounts, NoteStores stores, List<String> names, int rechecks, Duration pause) {
        names.forEach(NoteStores::requireKnown);
        this.accounts = accounts;
        this.stores = stores;
        this.names = List.copyOf(names);
        this.rechecks = rechecks;
        this.pause = pause;
    }

    /**
     * Runs one verification.
     *
     * @throws dev.notely.store.StoreException when a store cannot be read
     * @throws ProxyUnavailableException       when interrupted, as the kit stops
     */
    VerificationReport verify() {
        return verify(Optional.empty());
    }

    /** Verifies one account only: what the stage gates of exercise 3 ask before an account moves on. */
    VerificationReport verify(UUID accountId) {
        return verify(Optional.of(accountId));
    }

    private VerificationReport verify(Optional<UUID> only) {
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        List<NoteStore> opened = names.stream().map(stores::open).toList();
        Run run = new Run(opened, only);
        run.scan();
        run.recheck();
        return run.report(startedAt, Duration.ofNanos(System.nanoTime() - started));
    }

    /** One verification's state. */
    private final class Run {

        private final List<NoteStore> opened;
        private final List<Kind> kinds = Kind.all(names);
        private final int legacy = names.indexOf(NoteStores.LEGACY);
        /** Per account, in report order: its latest row (empty: none) and its counts so far. */
        private final Map<UUID, Tally> tallies = new LinkedHashMap<>();
        /** Notes that looked out of place, per account, with what was last read of them. */
        private final Map<UUID, Map<UUID, Note[]>> suspects = new LinkedHashMap<>();
        private long settled;
        private final Optional<UUID> only;

        Run(List<NoteStore> opened, Optional<UUID> only) {
            this.opened = opened;
            this.only = only;
        }

        void scan() {
            if (only.isPresent()) {
                tallies.put(only.get(), new Tally(accounts.getAccount(only.get())));
            } else {
                for (Account a : accounts.listAccounts()) {
                    tallies.put(a.id(), new Tally(Optional.of(a)));
                }
            }
            List<Set<UUID>> holders = new ArrayList<>();
            Set<UUID> orphans = new TreeSet<>();
            for (NoteStore store : opened) {
                Set<UUID> ids = accountsWithNotes(store);
                holders.add(ids);
                ids.stream().filter(id -> only.isEmpty() && !tallies.containsKey(id)).forEach(orphans::add);
            }
            orphans.forEach(id -> tallies.put(id, new Tally(Optional.empty())));
            Placement placement = new Placement(legacy >= 0 && !holders.get(legacy).isEmpty());
            for (Map.Entry<UUID, Tally> entry : tallies.entrySet()) {
                UUID accountId = entry.getKey();
                Tally tally = entry.getValue();
                Map<UUID, Note[]> notes = readAccount(accountId, holders);
                Optional<List<String>> homes = tally.account.map(placement::homes);
                tally.setHomes(homes);
                for (Map.Entry<UUID, Note[]> note : notes.entrySet()) {
                    Note[] copies = note.getValue();
                    if (expected(copies, homes)) {
                        tally.expected[kindIndex(copies)]++;
                    } else {
                        suspects.computeIfAbsent(accountId, id -> new LinkedHashMap<>()).put(note.getKey(), copies);
                    }
                }
            }
        }

        /** Reads the suspects again until they settle or {@link #rechecks} rounds have passed. */
        void recheck() {
            for (int round = 0; round < rechecks && !suspects.isEmpty(); round++) {
                try {
                    Thread.sleep(pause.toMillis()); // lets writes in flight finish; see the class comment
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProxyUnavailableException("the verification was stopped: the kit is shutting down", e);
                }
                // Read again too: legacy may have emptied meanwhile, which moves the home of accounts not migrating.
                Placement placement = legacy >= 0 ? Placement.reading(opened.get(legacy)) : new Placement(false);
                for (var it = suspects.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<UUID, Map<UUID, Note[]>> entry = it.next();
                    UUID accountId = entry.getKey();
                    Tally tally = tallies.get(accountId);
                    tally.account = accounts.getAccount(accountId);
                    Optional<List<String>> homes = tally.account.map(placement::homes);
                    tally.setHomes(homes);
                    for (var notes = entry.getValue().entrySet().iterator(); notes.hasNext(); ) {
                        Map.Entry<UUID, Note[]> note = notes.next();
                        Note[] copies = readNote(accountId, note.getKey());
                        if (copies == null) {
                            settled++; // gone from every store: deleted while it was being checked
                            notes.remove();
                        } else if (expected(copies, homes)) {
                            settled++;
                            tally.expected[kindIndex(copies)]++;
                            notes.remove();
                        } else {
                            note.setValue(copies);
                        }
                    }
                    if (entry.getValue().isEmpty()) {
                        it.remove();
                    }
                }
            }
        }

        VerificationReport report(Instant startedAt, Duration took) {
            List<AccountResult> results = new ArrayList<>();
            long[] expected = new long[kinds.size()];
            long[] unexpected = new long[kinds.size()];
            long notes = 0;
            long notesUnexpected = 0;
            for (Map.Entry<UUID, Tally> entry : tallies.entrySet()) {
                UUID accountId = entry.getKey();
                Tally tally = entry.getValue();
                Optional<String> home = tally.home;
                Optional<List<String>> homes = tally.homes;
                long[] wrong = new long[kinds.size()];
                List<Difference> differences = new ArrayList<>();
                Map<UUID, Note[]> left = suspects.getOrDefault(accountId, Map.of());
                for (UUID noteId : new TreeSet<>(left.keySet())) {
                    Note[] copies = left.get(noteId);
                    wrong[kindIndex(copies)]++;
                    differences.add(difference(noteId, copies, homes));
                }
                List<KindCount> counts = new ArrayList<>();
                for (int k = 0; k < kinds.size(); k++) {
                    expected[k] += tally.expected[k];
                    unexpected[k] += wrong[k];
                    notes += tally.expected[k] + wrong[k];
                    notesUnexpected += wrong[k];
                    if (tally.expected[k] + wrong[k] > 0) {
                        counts.add(new KindCount(kinds.get(k), tally.expected[k], wrong[k]));
                    }
                }
                if (tally.account.isEmpty() && counts.isEmpty()) {
                    continue; // an id whose notes were all deleted while it was checked: nothing left to say
                }
                results.add(new AccountResult(accountId, tally.account, home, counts, differences));
            }
            results.sort(Comparator.comparingLong(AccountResult::unexpected).reversed()); // stable: store order otherwise
            List<KindCount> totals = new ArrayList<>();
            for (int k = 0; k < kinds.size(); k++) {
                totals.add(new KindCount(kinds.get(k), expected[k], unexpected[k]));
            }
            int withDifferences = (int) results.stream().filter(r -> !r.clean()).count();
            int withoutRow = (int) results.stream().filter(r -> r.account().isEmpty()).count();
            List<AccountResult> worst = results.stream().filter(r -> !r.clean()).limit(VerificationReport.WORST).toList();
            Summary summary = new Summary(results.size(), results.size() - withDifferences, withDifferences, withoutRow,
                    notes, notesUnexpected, settled, totals, worst);
            return new VerificationReport(startedAt, took, names, summary, results);
        }

        /** The account's notes in every store that holds any, by note id: one slot per store, null where absent. */
        private Map<UUID, Note[]> readAccount(UUID accountId, List<Set<UUID>> holders) {
            Map<UUID, Note[]> notes = new HashMap<>();
            for (int s = 0; s < opened.size(); s++) {
                if (!holders.get(s).contains(accountId)) {
                    continue;
                }
                Optional<UUID> after = Optional.empty();
                while (true) {
                    List<Note> page = opened.get(s).pageNotes(accountId, after, PAGE);
                    for (Note note : page) {
                        notes.computeIfAbsent(note.id(), id -> new Note[opened.size()])[s] = note;
                    }
                    if (page.size() < PAGE) {
                        break;
                    }
                    after = Optional.of(page.get(page.size() - 1).id());
                }
            }
            return notes;
        }

        /** The note in every store, one slot per store; null when no store holds it. */
        private Note[] readNote(UUID accountId, UUID noteId) {
            Note[] copies = new Note[opened.size()];
            boolean found = false;
            for (int s = 0; s < opened.size(); s++) {
                Optional<Note> note = opened.get(s).getNote(accountId, noteId);
                if (note.isPresent()) {
                    copies[s] = note.get();
                    found = true;
                }
            }
            return found ? copies : null;
        }

        private Set<UUID> accountsWithNotes(NoteStore store) {
            Set<UUID> ids = new HashSet<>();
            Optional<UUID> after = Optional.empty();
            while (true) {
                List<UUID> page = store.pageAccounts(after, PAGE);
                ids.addAll(page);
                if (page.size() < PAGE) {
                    return ids;
                }
                after = Optional.of(page.get(page.size() - 1));
            }
        }

        /** Where the note belongs: in exactly its account's homes, the same version in each. */
        private boolean expected(Note[] copies, Optional<List<String>> homes) {
            if (homes.isEmpty()) {
                return false;
            }
            Set<String> holding = new HashSet<>();
            for (int s = 0; s < copies.length; s++) {
                if (copies[s] != null) {
                    holding.add(names.get(s));
                }
            }
            return holding.equals(Set.copyOf(homes.get())) && (holding.size() == 1 || sameVersion(copies));
        }

        /** Index into {@link #kinds}: a store's own kind, or one of the two "several stores" kinds. */
        private int kindIndex(Note[] copies) {
            int only = onlyStore(copies);
            if (only >= 0) {
                return only;
            }
            return sameVersion(copies) ? names.size() : names.size() + 1;
        }

        private Difference difference(UUID noteId, Note[] copies, Optional<List<String>> homes) {
            Map<String, Instant> where = new LinkedHashMap<>();
            for (int s = 0; s < copies.length; s++) {
                if (copies[s] != null) {
                    where.put(names.get(s), copies[s].updatedAt());
                }
            }
            Kind kind = kinds.get(kindIndex(copies));
            String in = "in " + String.join(" and ", where.keySet());
            String reason;
            if (homes.isEmpty()) {
                reason = in + ", but no account has this id: no user can reach it";
            } else {
                String belongs = homes.get().size() == 1 ? ", belongs in " + homes.get().get(0)
                        : ", belongs in " + String.join(" and ", homes.get()) + ", the same version in each";
                if (kind.spread() == VerificationReport.Spread.ONE_STORE) {
                    reason = in + belongs;
                } else if (kind.spread() == VerificationReport.Spread.SAME_VERSION) {
                    reason = in + " (the same version)" + belongs + (homes.get().size() == 1 ? " only" : "");
                } else {
                    boolean sameTimes = where.values().stream().distinct().count() == 1;
                    reason = in + (sameTimes ? " with the same updatedAt but different content"
                            : " with different updatedAt") + belongs + (homes.get().size() == 1 ? " only" : "");
                }
            }
            return new Difference(noteId, kind, where, reason);
        }
    }

    /** Index of the only store holding the note, or -1 when several do. */
    private static int onlyStore(Note[] copies) {
        int only = -1;
        for (int s = 0; s < copies.length; s++) {
            if (copies[s] != null) {
                if (only >= 0) {
                    return -1;
                }
                only = s;
            }
        }
        return only;
    }

    private static boolean sameVersion(Note[] copies) {
        Note first = null;
        for (Note copy : copies) {
            if (copy == null) {
                continue;
            }
            if (first == null) {
                first = copy;
            } else if (!first.updatedAt().equals(copy.updatedAt()) || !first.content().equals(copy.content())) {
                return false;
            }
        }
        return true;
    }

    /** One account's row and home as last read, and its notes found where they belong, by kind. */
    private final class Tally {
        Optional<Account> account;
        Optional<String> home = Optional.empty();
        Optional<List<String>> homes = Optional.empty();
        final long[] expected = new long[names.size() + 2];

        Tally(Optional<Account> account) {
            this.account = account;
        }

        /** The account's homes, and how the report names them ("legacy and new"). */
        void setHomes(Optional<List<String>> stores) {
            homes = stores;
            home = stores.map(list -> String.join(" and ", list));
        }
    }
}
