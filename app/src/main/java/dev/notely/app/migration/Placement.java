package dev.notely.app.migration;

import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import java.util.List;
import java.util.Optional;

/**
 * Where the kit expects an account's notes to live, read from the account's mode: the yardstick of the
 * backfill's "notes left" and of verification's "expected". It is the same for every exercise stage:
 * <ul>
 *   <li>an account with a shard (exercise 2) belongs in its shard;</li>
 *   <li>a migrating account without one (exercise 1) belongs in {@code new};</li>
 *   <li>any other account stays where every note starts: {@code legacy} while legacy holds notes (the
 *       world of exercise 1), {@code new} once it holds none (the world of exercise 2, which starts
 *       with every note in {@code new});</li>
 *   <li>an account past {@code off} in exercise 3's stages belongs in both {@code legacy} and {@code new},
 *       the same version in each, while its stage writes both, and in {@code new} alone at
 *       {@code complete}.</li>
 * </ul>
 */
final class Placement {

    private static final List<String> BOTH = List.of(NoteStores.LEGACY, NoteStores.NEW);

    private final boolean legacyInUse;

    /** @param legacyInUse whether the legacy store holds any note, for any account */
    Placement(boolean legacyInUse) {
        this.legacyInUse = legacyInUse;
    }

    /** As the legacy store is now: in use while it holds any note. */
    static Placement reading(NoteStore legacy) {
        return new Placement(!legacy.pageAccounts(Optional.empty(), 1).isEmpty());
    }

    /** The stores the account's notes belong in: one, or legacy and new while exercise 3 writes both. */
    List<String> homes(Account account) {
        if (account.stage().writesBoth()) {
            return BOTH;
        }
        return List.of(home(account));
    }

    /** The single store the account's notes belong in, leaving exercise 3's stages aside. */
    private String home(Account account) {
        if (account.stage() == MigrationStage.COMPLETE) {
            return NoteStores.NEW;
        }
        if (account.shard() != null) {
            return account.shard();
        }
        if (account.isMigrating()) {
            return NoteStores.NEW;
        }
        return legacyInUse ? NoteStores.LEGACY : NoteStores.NEW;
    }
}
