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
 * @param stage       where the account is in exercise 3's staged migration; {@code off} when not given
 */
public record Account(UUID id, String name, boolean isMigrating, String shard, MigrationStage stage) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        stage = stage == null ? MigrationStage.OFF : stage;
    }

    /** An account at stage {@code off}. */
    public Account(UUID id, String name, boolean isMigrating, String shard) {
        this(id, name, isMigrating, shard, MigrationStage.OFF);
    }

    /** The account's shard, if it has one. */
    public Optional<String> assignedShard() {
        return Optional.ofNullable(shard);
    }

    public Account withMigrating(boolean migrating) {
        return new Account(id, name, migrating, shard, stage);
    }

    public Account withShard(String newShard) {
        return new Account(id, name, isMigrating, newShard, stage);
    }

    public Account withStage(MigrationStage newStage) {
        return new Account(id, name, isMigrating, shard, newStage);
    }

    /** What a data proxy is told about this account on every call. */
    public AccountDetails details() {
        return new AccountDetails(id, isMigrating, shard, stage);
    }
}
