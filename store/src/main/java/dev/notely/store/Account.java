package dev.notely.store;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A Notely account.
 *
 * @param id          stable identifier
 * @param name        display name
 * @param isMigrating whether the data proxy should treat this account's notes as being migrated
 * @param shard       the note store this account's notes belong in, or {@code null} when it has none
 */
public record Account(UUID id, String name, boolean isMigrating, String shard) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    /** The account's shard, if it has one. */
    public Optional<String> assignedShard() {
        return Optional.ofNullable(shard);
    }

    public Account withMigrating(boolean migrating) {
        return new Account(id, name, migrating, shard);
    }

    public Account withShard(String newShard) {
        return new Account(id, name, isMigrating, newShard);
    }

    /** What a data proxy is told about this account on every call. */
    public AccountDetails details() {
        return new AccountDetails(id, isMigrating, shard);
    }
}
