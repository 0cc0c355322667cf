package dev.notely.app;

import dev.notely.store.Account;
import dev.notely.store.AccountStore;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.StoreServers;
import dev.notely.store.sqlite.SqliteNoteStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --seed-notes N}: quiet accounts holding N notes in legacy that the simulated users never touch, so
 * a backfill has enough to do that its rate, time left, {@code +}/{@code -} and throttling can be watched.
 */
final class Seeding {

    static final int MAX_NOTES = 1_000_000;
    static final int NOTES_PER_ACCOUNT = 500;
    /** Quiet accounts are named so: neither a person's nor a simulated user's ({@code user-...}). */
    static final String NAME_PREFIX = "quiet-";
    private static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(Seeding.class);

    private Seeding() {
    }

    /**
     * Adds the quiet accounts and their notes, unless an earlier run did (then it says so and adds nothing).
     *
     * @param legacy the kit's handle on legacy, used when legacy is on a database server (slower: a commit a note)
     */
    static void seed(int notes, AccountStore accounts, Path dataDir, StoreServers servers, Supplier<NoteStore> legacy) {
        if (notes <= 0) {
            return;
        }
        long earlier = accounts.listAccounts().stream().filter(a -> a.name().startsWith(NAME_PREFIX)).count();
        if (earlier > 0) {
            log.info("--seed-notes: {} quiet accounts of an earlier run are still here; adding none (--clean starts over)",
                    earlier);
            return;
        }
        long start = System.nanoTime();
        List<Note> batch = new ArrayList<>(Math.min(notes, BATCH));
        boolean inFile = servers.url(NoteStores.LEGACY).isEmpty();
        try (SqliteNoteStore file = inFile ? SqliteNoteStore.open(NoteStores.LEGACY, dataDir.resolve(NoteStores.LEGACY + ".db")) : null) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            int accountNumber = 0;
            UUID account = null;
            for (int i = 0; i < notes; i++) {
                if (i % NOTES_PER_ACCOUNT == 0) {
                    account = UUID.randomUUID();
                    accounts.createAccount(new Account(account, NAME_PREFIX + (++accountNumber), false, null));
                }
                batch.add(new Note(UUID.randomUUID(), account, now, now, "seeded note " + (i + 1) + " of " + notes));
                if (batch.size() == BATCH || i == notes - 1) {
                    if (file != null) {
                        file.createAll(batch);
                    } else {
                        NoteStore store = legacy.get();
                        for (Note n : batch) {
                            store.createNote(n.creator(), n);
                        }
                    }
                    batch.clear();
                }
            }
            log.info("--seed-notes: {} notes in {} quiet accounts added to legacy in {} ms", notes, accountNumber,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
