package dev.notely.app;

import dev.notely.store.Account;
import dev.notely.store.NoteStores;

/**
 * Where the kit expects an account's notes to live, read from the account's mode: the yardstick of the
 * backfill's "notes left" and of verification's "expected". It is the same for every exercise stage:
 * <ul>
 *   <li>an account with a shard (exercise 2) belongs in its shard;</li>
 *   <li>a migrating account without one (exercise 1) belongs in {@code new};</li>
 *   <li>any other account stays where every note starts: {@code legacy} while legacy holds notes (the
 *       world of exercise 1), {@code new} once it holds none (the world of exercise 2, which starts
 *       with every note in {@code new}).</li>
 * </ul>
 */
final class Placement {

    private final boolean legacyInUse;

    /** @param legacyInUse whether the legacy store holds any note, for any account */
    Placement(boolean legacyInUse) {
        this.legacyInUse = legacyInUse;
    }

    /** The store the account's notes belong in. */
    String home(Account account) {
        if (account.shard() != null) {
            return account.shard();
        }
        if (account.isMigrating()) {
            return NoteStores.NEW;
        }
        return legacyInUse ? NoteStores.LEGACY : NoteStores.NEW;
    }
}
