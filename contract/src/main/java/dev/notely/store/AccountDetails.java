package dev.notely.store;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a {@link NoteRouter} is told about the account on every call. Looked up fresh for each request,
 * so a change to an account's flags takes effect on its next request.
 *
 * @param accountId   the account whose notes are being accessed
 * @param isMigrating whether this account's notes are being migrated right now
 * @param shard       the note store this account's notes belong in, or {@code null} when it has none
 * @param stage       where the account is in exercise 3's staged migration; {@code off} when not given
 */
public record AccountDetails(UUID accountId, boolean isMigrating, String shard, MigrationStage stage) {

    public AccountDetails {
        Objects.requireNonNull(accountId, "accountId");
        stage = stage == null ? MigrationStage.OFF : stage;
    }

    /** An account at stage {@code off}. */
    public AccountDetails(UUID accountId, boolean isMigrating, String shard) {
        this(accountId, isMigrating, shard, MigrationStage.OFF);
    }

    /** The account's shard, if it has one. */
    public Optional<String> assignedShard() {
        return Optional.ofNullable(shard);
    }
}
