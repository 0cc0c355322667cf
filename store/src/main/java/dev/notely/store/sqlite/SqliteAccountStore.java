package dev.notely.store.sqlite;

import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.ConflictException;
import dev.notely.store.NotFoundException;
import dev.notely.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Accounts kept in {@code accounts.db}. */
public final class SqliteAccountStore implements AccountStore {

    public static final String FILE_NAME = "accounts.db";

    private final SqliteDatabase<AccountDao> db;

    private SqliteAccountStore(SqliteDatabase<AccountDao> db) {
        this.db = db;
    }

    /** Opens (creating if needed) the account store in {@code dataDir}. */
    public static SqliteAccountStore open(Path dataDir) {
        return new SqliteAccountStore(SqliteDatabase.open(dataDir.resolve(FILE_NAME), "account store",
                AccountDao.class, AccountDao::createSchema));
    }

    /** Opens the existing account store in {@code dataDir} only to read it (see {@link SqliteDatabase#openReadOnly}). */
    public static SqliteAccountStore openReadOnly(Path dataDir) {
        return new SqliteAccountStore(SqliteDatabase.openReadOnly(dataDir.resolve(FILE_NAME), "account store",
                AccountDao.class));
    }

    @Override
    public List<Account> listAccounts() {
        return dao(AccountDao::list);
    }

    @Override
    public Optional<Account> getAccount(UUID accountId) {
        return dao(d -> d.find(accountId));
    }

    @Override
    public void createAccount(Account account) {
        try {
            dao(d -> {
                d.insert(account, account.stage().label());
                return null;
            });
        } catch (StoreException e) {
            SQLiteException cause = BusyRetry.sqliteCause(e);
            if (cause != null && cause.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                throw new ConflictException("account " + account.id() + " already exists");
            }
            throw e;
        }
    }

    @Override
    public void updateAccount(Account account) {
        int changed = dao(d -> d.update(account, account.stage().label()));
        if (changed == 0) {
            throw new NotFoundException("account " + account.id() + " not found");
        }
    }

    @Override
    public void healthCheck() {
        dao(AccountDao::ping);
    }

    @Override
    public void close() {
        db.close();
    }

    private <T> T dao(Function<AccountDao, T> work) {
        return db.call(work);
    }
}
