package dev.notely.proxy.salted;

import dev.notely.store.NoteStores;
import dev.notely.store.StoreRouter;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * A router whose shard assignment mixes the id with a salt drawn once per class load: stable and balanced
 * within one proxy process, but each process draws its own salt, so two processes put the same account
 * in different shards. Every note goes to new; only its shard assignment is graded. In a package of its
 * own, so that loading that package again gives a fresh salt and nothing else.
 */
public final class SaltedShardRouter extends StoreRouter {

    private static final long SALT = new Random().nextLong();

    public SaltedShardRouter(NoteStores stores) {
        super(stores.open(NoteStores.NEW));
    }

    @Override
    public Optional<String> assignShard(UUID accountId) {
        return Optional.of(NoteStores.SHARDS.get(new Random(SALT ^ accountId.hashCode()).nextInt(NoteStores.SHARDS.size())));
    }
}
