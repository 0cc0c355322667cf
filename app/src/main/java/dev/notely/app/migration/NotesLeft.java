package dev.notely.app.migration;

import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notes the backfill still has to bring home, counted in the stores directly through a
 * {@link NoteStores} of its own whose reads are not recorded as proxy traffic: an account's notes in any
 * store but those {@link Placement} says it belongs in, and for an account that belongs in several
 * (exercise 3 writing both stores) how many more one of them holds than another.
 */
final class NotesLeft {

    private static final Logger log = LoggerFactory.getLogger(NotesLeft.class);

    /** How old the counts may be when a status is asked for. */
    static final Duration COUNTS_MAX_AGE = Duration.ofSeconds(1);
    private static final int ACCOUNT_PAGE = 1_000;

    private final AccountStore accounts;
    private final NoteStores stores;

    /** Set when the backfill starts, pauses or ends, so the next status counts afresh rather than show a count from before. */
    private volatile boolean recount;
    private Counts counts; // guarded by this
    private String countProblem; // guarded by this

    /** Notes left per account, as counted at {@code countedAt}. */
    private record Counts(Map<UUID, Long> left, long countedAt) {
    }

    NotesLeft(AccountStore accounts, NoteStores stores) {
        this.accounts = accounts;
        this.stores = stores;
    }

    /** The next {@link #perAccount()} counts afresh, however recent the last count is. */
    void recountNext() {
        recount = true;
    }

    /**
     * The notes left per account (accounts with none may be missing), counted again when the last count is
     * older than {@link #COUNTS_MAX_AGE}; the last count, or none, while the stores cannot be read.
     */
    synchronized Map<UUID, Long> perAccount() {
        long now = System.nanoTime();
        if (counts == null || recount || now - counts.countedAt() > COUNTS_MAX_AGE.toNanos()) {
            recount = false;
            try {
                counts = new Counts(countLeft(), now);
                if (countProblem != null) {
                    log.info("counting the notes left for the backfill again");
                    countProblem = null;
                }
            } catch (RuntimeException e) {
                if (!String.valueOf(e.getMessage()).equals(countProblem)) {
                    log.warn("cannot count the notes left for the backfill: {}", e.getMessage());
                    countProblem = String.valueOf(e.getMessage());
                }
                return counts == null ? Map.of() : counts.left();
            }
        }
        return counts.left();
    }

    /**
     * The notes left for one account, counted afresh rather than taken from the last count: a user's
     * write reaches one of an account's two homes a moment before the other, so a count that shows a
     * copy or two still to make may be gone on the next one.
     */
    long now(Account account) {
        return copiesToMake(placement().homes(account), account.id());
    }

    private Placement placement() {
        return Placement.reading(stores.open(NoteStores.LEGACY));
    }

    /**
     * The account's notes in the stores other than {@code homes}, and how many more one home holds than
     * another. The homes are counted one right after the other, so a user's write between the two counts
     * is seldom taken for a copy still to make.
     */
    private long copiesToMake(List<String> homes, UUID id) {
        long away = 0;
        long most = 0;
        long least = Long.MAX_VALUE;
        for (String name : NoteStores.NAMES) {
            long count = stores.open(name).countNotes(id);
            if (homes.contains(name)) {
                most = Math.max(most, count);
                least = Math.min(least, count);
            } else {
                away += count;
            }
        }
        return away + most - least;
    }

    /**
     * Each account's copies still to make. Only the accounts that have notes in a store are visited there,
     * so once the notes are home a count costs a few queries.
     */
    private Map<UUID, Long> countLeft() {
        Map<UUID, Account> byId = new HashMap<>();
        for (Account a : accounts.listAccounts()) {
            byId.put(a.id(), a);
        }
        Placement placement = placement();
        Map<UUID, Long> left = new HashMap<>();
        // An account in two homes is counted after the walk, both homes together: the walk sees them far apart.
        Set<UUID> inSeveralHomes = new HashSet<>();
        for (String name : NoteStores.NAMES) {
            NoteStore store = stores.open(name);
            Optional<UUID> after = Optional.empty();
            List<UUID> page;
            do {
                page = store.pageAccounts(after, ACCOUNT_PAGE);
                for (UUID id : page) {
                    Account account = byId.get(id);
                    if (account == null) {
                        continue;
                    }
                    List<String> homes = placement.homes(account);
                    if (homes.size() > 1) {
                        inSeveralHomes.add(id);
                    } else if (!homes.contains(name)) {
                        left.merge(id, store.countNotes(id), Long::sum);
                    }
                }
                after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1));
            } while (page.size() == ACCOUNT_PAGE);
        }
        for (UUID id : inSeveralHomes) {
            long copies = copiesToMake(placement.homes(byId.get(id)), id);
            if (copies > 0) {
                left.put(id, copies);
            }
        }
        return left;
    }
}
