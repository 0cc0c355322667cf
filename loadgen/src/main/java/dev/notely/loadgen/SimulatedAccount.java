package dev.notely.loadgen;

import dev.notely.api.client.ApiException;
import dev.notely.api.client.NotelyClient;
import dev.notely.store.Account;
import dev.notely.store.Note;
import dev.notely.telemetry.ConsistencyMiss;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * One simulated user. It remembers the SHA-256 of everything it wrote and checks every answer:
 * content other than its last write is {@code stale}, a note it owns that the server does not return
 * is {@code missing}, a note it deleted that comes back is {@code resurrected}. After listing its notes it
 * reads back each one listed, a note per tick, so the check keeps to the account's requests per minute.
 *
 * <p>Only ever used by one thread at a time (its ticks never overlap).
 */
final class SimulatedAccount {

    private static final int REMEMBERED_DELETES = 50;
    private static final String[] WORDS = ("migrate shard legacy replica rollout canary ledger backfill cutover "
            + "schema tenant index durable quorum snapshot batch stream cursor region archive").split(" ");

    /** A note this user owns: its latest write and every content the server may rightly return. */
    private static final class Owned {
        Note latest;
        final Set<String> acceptable = new HashSet<>();

        Owned(Note note) {
            latest = note;
            acceptable.add(sha256(note.content()));
        }
    }

    private final String name;
    private final int targetNotes;
    private final Map<UUID, Owned> notes = new LinkedHashMap<>();
    private final ArrayDeque<UUID> deleted = new ArrayDeque<>();
    // Notes a list returned, still to be read back: one per tick, so the check keeps to the account's rate.
    private final ArrayDeque<UUID> listedToRead = new ArrayDeque<>();
    // Notes whose last write failed without an answer: they may or may not exist, so they prove nothing.
    private final Set<UUID> uncertain = new HashSet<>();
    private UUID id;
    // An account from an earlier run whose notes this user has yet to read, to learn what they hold.
    private boolean adopting;
    private int revision;

    SimulatedAccount(String name, int targetNotes) {
        this.name = name;
        this.targetNotes = targetNotes;
    }

    /** A user who carries on with an account an earlier run created; its first tick reads the notes it has. */
    static SimulatedAccount adopt(Account existing, int targetNotes) {
        SimulatedAccount user = new SimulatedAccount(existing.name(), targetNotes);
        user.id = existing.id();
        user.adopting = true;
        return user;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    int noteCount() {
        return notes.size();
    }

    /**
     * Creates the account and its first notes through the API, if that has not happened yet; for an account
     * of an earlier run, reads each of its notes once and takes what it holds as this user's last write.
     */
    boolean ensureCreated(NotelyClient api, RandomGenerator random, Tally tally) {
        if (adopting) {
            return adoptNotes(api, tally);
        }
        if (id == null) {
            try {
                id = api.createAccount(name).id();
                tally.succeeded(Operation.CREATE);
            } catch (ApiException e) {
                tally.failed(Operation.CREATE, this, "creating the account: " + e.getMessage());
                return false;
            }
            while (notes.size() < targetNotes && !Thread.currentThread().isInterrupted() && create(api, random, tally)) {
                // fill up to the target, stopping at the first failure or when the users are stopped
            }
        }
        return true;
    }

    private boolean adoptNotes(NotelyClient api, Tally tally) {
        List<UUID> listed;
        try {
            listed = api.listNotes(id);
            tally.succeeded(Operation.LIST);
        } catch (ApiException e) {
            tally.failed(Operation.LIST, this, "listing the notes of an earlier run: " + e.getMessage());
            return false;
        }
        for (UUID noteId : listed) {
            if (Thread.currentThread().isInterrupted()) {
                return false; // stopped: the next run reads them all again
            }
            try {
                // A note that cannot be read now is not this user's to check: it is never picked, nor missed.
                api.getNote(id, noteId).ifPresent(note -> notes.put(noteId, new Owned(note)));
                tally.succeeded(Operation.READ);
            } catch (ApiException e) {
                tally.failed(Operation.READ, this, "reading a note of an earlier run: " + e.getMessage());
            }
        }
        adopting = false;
        return true;
    }

    /** One request, picked to keep the account near its target note count and biased to reads. */
    void tick(NotelyClient api, RandomGenerator random, Tally tally, MissListener misses) {
        if (!ensureCreated(api, random, tally)) {
            return;
        }
        UUID listed = listedToRead.pollFirst();
        if (listed != null) {
            readListed(api, listed, tally, misses);
            return;
        }
        perform(pick(random), api, random, tally, misses);
    }

    /** One request of the kind {@code op}, on a note {@code random} picks; the user must have a note to act on. */
    void perform(Operation op, NotelyClient api, RandomGenerator random, Tally tally, MissListener misses) {
        switch (op) {
            case CREATE -> create(api, random, tally);
            case READ -> read(api, random, tally, misses);
            case UPDATE -> update(api, random, tally, misses);
            case DELETE -> delete(api, random, tally);
            case LIST -> list(api, tally, misses);
        }
    }

    Operation pick(RandomGenerator random) {
        if (notes.isEmpty()) {
            return random.nextInt(4) == 0 ? Operation.LIST : Operation.CREATE;
        }
        int create = notes.size() < targetNotes ? 20 : notes.size() == targetNotes ? 5 : 0;
        int delete = notes.size() > targetNotes ? 20 : notes.size() == targetNotes ? 5 : 0;
        int read = 45;
        int update = 25;
        int list = 15;
        int roll = random.nextInt(create + delete + read + update + list);
        if ((roll -= create) < 0) {
            return Operation.CREATE;
        }
        if ((roll -= delete) < 0) {
            return Operation.DELETE;
        }
        if ((roll -= read) < 0) {
            return Operation.READ;
        }
        return roll - update < 0 ? Operation.UPDATE : Operation.LIST;
    }

    private boolean create(NotelyClient api, RandomGenerator random, Tally tally) {
        Instant now = Instant.now();
        Note note = new Note(UUID.randomUUID(), id, now, now, content(random));
        try {
            api.createNote(id, note.id(), note.content(), note.createdAt());
            notes.put(note.id(), new Owned(note));
            tally.succeeded(Operation.CREATE);
            return true;
        } catch (ApiException e) {
            uncertain.add(note.id());
            tally.failed(Operation.CREATE, this, e.getMessage());
            return false;
        }
    }

    private void read(NotelyClient api, RandomGenerator random, Tally tally, MissListener misses) {
        // Now and then look for a note deleted earlier: it must stay gone.
        if (!deleted.isEmpty() && random.nextInt(10) == 0) {
            UUID gone = pickFrom(new ArrayList<>(deleted), random);
            Instant sent = Instant.now();
            try {
                Optional<Note> found = api.getNote(id, gone);
                tally.succeeded(Operation.READ);
                if (found.isPresent() && !uncertain.contains(gone)) {
                    misses.miss(ConsistencyMiss.RESURRECTED, this, gone, "a deleted note can be read again",
                            Operation.READ, 200, sent);
                }
            } catch (ApiException e) {
                tally.failed(Operation.READ, this, e.getMessage());
            }
            return;
        }
        readOwned(api, pickFrom(new ArrayList<>(notes.keySet()), random), "reading a note it owns", tally, misses);
    }

    /** The read-back of a note its list returned: the content must be what this user last wrote. */
    private void readListed(NotelyClient api, UUID noteId, Tally tally, MissListener misses) {
        if (notes.containsKey(noteId)) {
            readOwned(api, noteId, "reading a note from its note list", tally, misses);
        }
    }

    private void readOwned(NotelyClient api, UUID noteId, String what, Tally tally, MissListener misses) {
        Owned owned = notes.get(noteId);
        Instant sent = Instant.now();
        try {
            Optional<Note> found = api.getNote(id, noteId);
            tally.succeeded(Operation.READ);
            if (found.isEmpty()) {
                misses.miss(ConsistencyMiss.MISSING, this, noteId, what + " answered 404", Operation.READ, 404, sent);
            } else if (!owned.acceptable.contains(sha256(found.get().content()))) {
                misses.miss(ConsistencyMiss.STALE, this, noteId, what + " returned content written at "
                        + found.get().updatedAt() + ", not the last acknowledged write of " + owned.latest.updatedAt(),
                        Operation.READ, 200, sent);
            }
        } catch (ApiException e) {
            tally.failed(Operation.READ, this, e.getMessage());
        }
    }

    private void update(NotelyClient api, RandomGenerator random, Tally tally, MissListener misses) {
        UUID noteId = pickFrom(new ArrayList<>(notes.keySet()), random);
        Owned owned = notes.get(noteId);
        Note next = owned.latest.withContent(content(random), nextWriteTime(owned.latest.updatedAt(), Instant.now()));
        Instant sent = Instant.now();
        try {
            Optional<Note> written = api.updateNote(next);
            tally.succeeded(Operation.UPDATE);
            if (written.isEmpty()) {
                notes.remove(noteId);
                misses.miss(ConsistencyMiss.MISSING, this, noteId, "updating a note it owns answered 404",
                        Operation.UPDATE, 404, sent);
                return;
            }
            owned.latest = next;
            owned.acceptable.clear();
            owned.acceptable.add(sha256(next.content()));
        } catch (ApiException e) {
            // The write may or may not have landed: either content is a right answer from now on.
            owned.latest = next;
            owned.acceptable.add(sha256(next.content()));
            tally.failed(Operation.UPDATE, this, e.getMessage());
        }
    }

    /**
     * When to stamp a write so that last write wins picks it over {@code last}: {@code now}, unless that is
     * not a later millisecond (times are stored to the millisecond), then one millisecond after {@code last}.
     */
    static Instant nextWriteTime(Instant last, Instant now) {
        Instant millis = now.truncatedTo(ChronoUnit.MILLIS);
        return millis.isAfter(last) ? millis : last.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    }

    private void delete(NotelyClient api, RandomGenerator random, Tally tally) {
        UUID noteId = pickFrom(new ArrayList<>(notes.keySet()), random);
        notes.remove(noteId);
        try {
            api.deleteNote(id, noteId);
            tally.succeeded(Operation.DELETE);
        } catch (ApiException e) {
            uncertain.add(noteId);
            tally.failed(Operation.DELETE, this, e.getMessage());
        }
        deleted.addLast(noteId);
        if (deleted.size() > REMEMBERED_DELETES) {
            deleted.removeFirst();
        }
    }

    /**
     * Lists the notes: each it owns must be there, none it deleted may be. The next ticks then read back
     * every listed note it owns and compare contents, one note a tick.
     */
    void list(NotelyClient api, Tally tally, MissListener misses) {
        List<UUID> listed;
        Instant sent = Instant.now();
        try {
            listed = api.listNotes(id);
            tally.succeeded(Operation.LIST);
        } catch (ApiException e) {
            tally.failed(Operation.LIST, this, e.getMessage());
            return;
        }
        Set<UUID> seen = new HashSet<>(listed);
        for (UUID owned : notes.keySet()) {
            if (!seen.contains(owned)) {
                misses.miss(ConsistencyMiss.MISSING, this, owned, "a note it owns is not in its note list",
                        Operation.LIST, 200, sent);
            }
        }
        for (UUID gone : deleted) {
            if (seen.contains(gone) && !uncertain.contains(gone)) {
                misses.miss(ConsistencyMiss.RESURRECTED, this, gone, "a deleted note is back in its note list",
                        Operation.LIST, 200, sent);
            }
        }
        listed.stream().filter(notes::containsKey).distinct().forEach(listedToRead::addLast);
    }

    private String content(RandomGenerator random) {
        StringBuilder s = new StringBuilder(name).append(" rev ").append(++revision).append(':');
        int words = 3 + random.nextInt(25);
        for (int i = 0; i < words; i++) {
            s.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    private static <T> T pickFrom(List<T> items, RandomGenerator random) {
        return items.get(random.nextInt(items.size()));
    }

    static String sha256(String content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
