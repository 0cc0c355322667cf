package dev.notely.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where accounts live. Safe for use from many threads. */
public interface AccountStore extends AutoCloseable {

    /** Every account, oldest first. */
    List<Account> listAccounts();

    Optional<Account> getAccount(UUID accountId);

    /** @throws ConflictException when an account with this id exists already */
    void createAccount(Account account);

    /**
     * Replaces the account's name, migration flag and shard.
     *
     * @throws NotFoundException when there is no account with this id
     */
    void updateAccount(Account account);

    /** @throws StoreException when the store cannot be queried */
    void healthCheck();

    @Override
    void close();
}
