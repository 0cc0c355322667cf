package dev.notely.store.sqlite;

import dev.notely.store.Failures;
import dev.notely.store.StoreException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the kit's backfill keeps its place, in {@code accounts.db} beside the accounts: whether it runs,
 * and for each account of the current pass the last note id of its last page, whether it is done and how
 * many notes it moved. Each page is saved as it finishes, so after a crash the backfill resumes with at
 * most the page that was in flight to do again. The tables are added to an existing {@code accounts.db}
 * the first time it is opened here.
 */
public final class SqliteBackfillStore implements AutoCloseable {

    /** What a backfill was doing when it was last saved; none saved means it never ran. */
    public enum RunState {
        RUNNING, PAUSED, DONE;

        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }

        static RunState fromStored(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One account's place in the current pass.
     *
     * @param after the last note id of the account's last page done, empty before its first page
     * @param done  whether the account has nothing more to bring in this pass
     * @param moved notes moved for the account in this pass
     */
    public record AccountProgress(UUID accountId, Optional<UUID> after, boolean done, long moved) {
    }

    private final SqliteDatabase<BackfillDao> db;

    private SqliteBackfillStore(SqliteDatabase<BackfillDao> db) {
        this.db = db;
    }

    /** Opens the backfill's tables in {@code dataDir}'s {@code accounts.db}, creating the file or the tables as needed. */
    public static SqliteBackfillStore open(Path dataDir) {
        return new SqliteBackfillStore(SqliteDatabase.open(dataDir.resolve(SqliteAccountStore.FILE_NAME),
                "backfill progress", BackfillDao.class, BackfillDao::createTables));
    }

    public Optional<RunState> runState() {
        return dao(BackfillDao::state).map(RunState::fromStored);
    }

    public void setRunState(RunState state) {
        dao(d -> {
            d.setState(state.stored());
            return null;
        });
    }

    /** Forgets every account's place and marks the backfill running: a new pass over all accounts. */
    public void beginPass() {
        try {
            db.inTransaction(d -> {
                d.forgetAccounts();
                d.beginPass(RunState.RUNNING.stored());
                return null;
            });
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(db.description() + ": " + Failures.rootMessage(e), e);
        }
    }

    /** How many passes have begun since the tables were made. */
    public int passes() {
        return dao(BackfillDao::passes);
    }

    /**
     * Saves one page of an account: where its next page starts ({@code next}, empty when the account is
     * done) and the notes this page moved, added to the account's count.
     */
    public void savePage(UUID accountId, Optional<UUID> next, int moved) {
        dao(d -> {
            d.savePage(accountId, next.orElse(null), next.isEmpty(), moved);
            return null;
        });
    }

    /** The place of every account this pass has reached so far. */
    public Map<UUID, AccountProgress> progress() {
        return dao(BackfillDao::progress).stream()
                .collect(Collectors.toMap(AccountProgress::accountId, Function.identity()));
    }

    @Override
    public void close() {
        db.close();
    }

    private <T> T dao(Function<BackfillDao, T> work) {
        return db.call(work);
    }
}
