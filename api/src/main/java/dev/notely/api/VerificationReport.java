package dev.notely.api;

import dev.notely.store.Account;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one verification found: every note of every account sorted by where it was found, and whether that
 * is where the account's mode says it belongs. A note is <em>expected</em> when it is in exactly one store
 * and that store is the account's home (a non-migrating account's notes in {@code legacy}, a migrated
 * account's in {@code new} or its shard); anything else is a difference to fix: a note left behind, a note
 * in two stores, two copies that disagree, a note of an account that does not exist.
 *
 * @param startedAt when the verification began
 * @param took      how long it took, re-checks included
 * @param stores    the stores compared, in the dashboard's order
 * @param summary   the figures a person looks at first
 * @param accounts  every account checked: those with unexpected notes first, the most first; the rest as the
 *                  account store lists them, then ids that have notes but no account row
 */
public record VerificationReport(
        Instant startedAt,
        Duration took,
        List<String> stores,
        Summary summary,
        List<AccountResult> accounts) {

    /** How many of the worst accounts the summary names. */
    public static final int WORST = 5;

    public VerificationReport {
        stores = List.copyOf(stores);
        accounts = List.copyOf(accounts);
    }

    /** Whether every note is where its account's mode says it belongs. */
    public boolean clean() {
        return summary.notesUnexpected() == 0;
    }

    /** How a note's copies are spread over the stores. */
    public enum Spread {
        /** In one store only. */
        ONE_STORE,
        /** In several stores, every copy the same ({@code updatedAt} and content). */
        SAME_VERSION,
        /** In several stores, the copies differ in {@code updatedAt} or content. */
        DIFFERENT_VERSIONS
    }

    /**
     * A kind of placement: "only in legacy", "only in new", …, "in several stores, same version",
     * "in several stores, different versions".
     *
     * @param store for {@link Spread#ONE_STORE}, the store; empty otherwise
     */
    public record Kind(Spread spread, Optional<String> store) {

        public static final Kind SAME_VERSION = new Kind(Spread.SAME_VERSION, Optional.empty());
        public static final Kind DIFFERENT_VERSIONS = new Kind(Spread.DIFFERENT_VERSIONS, Optional.empty());

        public Kind {
            if (store.isPresent() != (spread == Spread.ONE_STORE)) {
                throw new IllegalArgumentException("a store goes with ONE_STORE only: " + spread + " " + store);
            }
        }

        public static Kind onlyIn(String store) {
            return new Kind(Spread.ONE_STORE, Optional.of(store));
        }

        /** Every kind for these stores, in the order reports list them. */
        public static List<Kind> all(List<String> stores) {
            List<Kind> kinds = new java.util.ArrayList<>();
            stores.forEach(s -> kinds.add(onlyIn(s)));
            kinds.add(SAME_VERSION);
            kinds.add(DIFFERENT_VERSIONS);
            return List.copyOf(kinds);
        }

        /** As a person reads it: "only in legacy", "in several stores, same version". */
        public String label() {
            return switch (spread) {
                case ONE_STORE -> "only in " + store.orElseThrow();
                case SAME_VERSION -> "in several stores, same version";
                case DIFFERENT_VERSIONS -> "in several stores, different versions";
            };
        }
    }

    /** How many notes of one kind were where they belong, and how many were not. */
    public record KindCount(Kind kind, long expected, long unexpected) {

        public long total() {
            return expected + unexpected;
        }
    }

    /**
     * A note that is not where it belongs, as the last re-check found it.
     *
     * @param copies each store holding the note, in store order, with that copy's {@code updatedAt}
     * @param reason in words: where it is, where it belongs, and how the copies differ
     */
    public record Difference(UUID noteId, Kind kind, Map<String, Instant> copies, String reason) {

        public Difference {
            copies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(copies));
        }
    }

    /**
     * One account's result.
     *
     * @param account     the account as last read; empty when notes exist for an id with no account row
     * @param home        the store its notes belong in for its mode; empty without an account row
     * @param kinds       its notes by kind (kinds it has none of are left out)
     * @param differences its unexpected notes, by note id
     */
    public record AccountResult(UUID accountId, Optional<Account> account, Optional<String> home,
                                List<KindCount> kinds, List<Difference> differences) {

        public AccountResult {
            kinds = List.copyOf(kinds);
            differences = List.copyOf(differences);
        }

        public long notes() {
            return kinds.stream().mapToLong(KindCount::total).sum();
        }

        public long unexpected() {
            return differences.size();
        }

        public boolean clean() {
            return differences.isEmpty();
        }
    }

    /**
     * The figures a person looks at first.
     *
     * @param accountsChecked         accounts with a row, plus ids that have notes but no row
     * @param accountsWithoutRow      ids that have notes but no account row (their notes are all unexpected)
     * @param notesChecked            distinct notes found, over every store
     * @param notesUnexpected         notes not where they belong, after the re-checks
     * @param notesSettled            notes that looked out of place at first but were where they belong on a
     *                                re-check: writes in flight, not differences
     * @param kinds                   every kind, expected and unexpected counts
     * @param worst                   up to {@link #WORST} accounts with the most unexpected notes
     */
    public record Summary(int accountsChecked, int accountsClean, int accountsWithDifferences, int accountsWithoutRow,
                         long notesChecked, long notesUnexpected, long notesSettled, List<KindCount> kinds,
                         List<AccountResult> worst) {

        public Summary {
            kinds = List.copyOf(kinds);
            worst = List.copyOf(worst);
        }

        public long notesExpected() {
            return notesChecked - notesUnexpected;
        }
    }
}
