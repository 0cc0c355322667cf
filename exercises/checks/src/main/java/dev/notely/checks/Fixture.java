package dev.notely.checks;

import dev.notely.store.AccountDetails;
import dev.notely.store.Note;
import dev.notely.store.NoteRouter;
import dev.notely.store.NoteStore;
import dev.notely.store.NoteStores;
import dev.notely.store.Failures;
import dev.notely.store.sqlite.SqliteNoteStores;
import dev.notely.telemetry.StatsCollector;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A fresh data folder for one check: routers built by the candidate's factory, each on its own store
 * handles (as separate proxy processes would be), plus handles of the check's own to seed notes and
 * to look at where they ended up.
 */
final class Fixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2025-08-13T10:00:00Z");

    private final Path dir;
    private final Function<NoteStores, NoteRouter> factory;
    private final SqliteNoteStores direct;
    private final List<SqliteNoteStores> opened = new ArrayList<>();
    private final ProxyTime proxyTime = new ProxyTime();

    Fixture(Function<NoteStores, NoteRouter> factory) throws IOException {
        this.dir = Files.createTempDirectory("notely-check");
        this.factory = factory;
        this.direct = handles();
    }

    /**
     * Opens every store, writes, reads, lists and deletes a note in each, and closes them: the SQLite
     * driver, its native library and the statements load here, before any check runs, so a grading JVM
     * started ahead of need (as {@code --grade} and the save loop start one) does this while nobody waits.
     */
    static void warmUp() throws IOException {
        try (Fixture fixture = new Fixture(stores -> null)) {
            UUID account = UUID.randomUUID();
            for (String name : NoteStores.NAMES) {
                Note note = fixture.seed(name, account, "warm", T0);
                fixture.holds(name, account, note.id());
                fixture.store(name).listNotes(account);
                fixture.store(name).deleteNote(account, note.id());
            }
        }
    }

    /** The time this check has spent in the routers' code so far. */
    ProxyTime proxyTime() {
        return proxyTime;
    }

    /** A new router instance on its own store handles. */
    NoteRouter router() {
        return router(UnaryOperator.identity());
    }

    /** A new router instance on its own store handles, which {@code around} may wrap. */
    NoteRouter router(UnaryOperator<NoteStores> around) {
        return build(around.apply(handles()));
    }

    /** As {@link #isolatedRouter(NoteRouter, UnaryOperator)}, on plain store handles. */
    NoteRouter isolatedRouter(NoteRouter like) {
        return isolatedRouter(like, UnaryOperator.identity());
    }

    /**
     * Another instance of {@code like}'s class as a second proxy process would have it: its package
     * loaded again by a class loader of its own, so no static state is shared with {@code like}, on
     * store handles of its own. When the class cannot be loaded again (no class file to read, no public
     * constructor taking {@link NoteStores}), the instance comes from the factory instead.
     */
    NoteRouter isolatedRouter(NoteRouter like, UnaryOperator<NoteStores> around) {
        NoteStores stores = around.apply(handles());
        Class<?> type = ProxyTime.unwatched(like).getClass();
        proxyTime.enter(); // loading the class again runs its static initialiser: the router's code too
        try {
            Class<?> fresh = Class.forName(type.getName(), true, new FreshClassLoader(type.getClassLoader(), type.getPackageName()));
            if (fresh == type) {
                return build(stores);
            }
            return proxyTime.watch((NoteRouter) fresh.getConstructor(NoteStores.class).newInstance(stores));
        } catch (InvocationTargetException e) {
            throw new Check.Failed("new DataProxy(stores) threw " + Failures.describe(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return build(stores);
        } finally {
            proxyTime.exit();
        }
    }

    private NoteRouter build(NoteStores stores) {
        try {
            return proxyTime.watch(proxyTime.time(() -> factory.apply(stores)));
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
            throw new Check.Failed("new DataProxy(stores) threw " + Failures.describe(e));
        }
    }

    /** The store itself, bypassing the router. */
    NoteStore store(String name) {
        return direct.open(name);
    }

    Note seed(String storeName, UUID account, String content, Instant at) {
        Note note = new Note(UUID.randomUUID(), account, T0, at, content);
        store(storeName).createNote(account, note);
        return note;
    }

    boolean holds(String storeName, UUID account, UUID noteId) {
        return store(storeName).getNote(account, noteId).isPresent();
    }

    /** Fails with {@code reason} (its {@code %s} naming the store) if any note store holds the note. */
    void expectNoNote(AccountDetails account, UUID noteId, String reason) {
        for (String name : NoteStores.NAMES) {
            Check.expect(!holds(name, account.accountId(), noteId), String.format(reason, name));
        }
    }

    /** Fails with {@code reason} (its {@code %s} naming the store) unless every note store is empty. */
    void expectNoNotes(String reason) {
        for (String name : NoteStores.NAMES) {
            Check.expect(store(name).totalNotes() == 0, String.format(reason, name));
        }
    }

    /**
     * A version 4 UUID drawn from {@code random}: reproducible, yet with the version and variant bits
     * every {@link UUID#randomUUID()} has, so a router keyed on those bits is graded as it will behave.
     */
    static UUID randomUuid(Random random) {
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
        long leastSignificant = (random.nextLong() & ~0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    static AccountDetails account(boolean migrating, String shard) {
        return new AccountDetails(UUID.randomUUID(), migrating, shard);
    }

    static Note note(AccountDetails account, String content, Instant at) {
        return new Note(UUID.randomUUID(), account.accountId(), T0, at, content);
    }

    /** Store handles of their own on this check's folder, closed with it; no fsync, as they are thrown away. */
    private SqliteNoteStores handles() {
        return track(SqliteNoteStores.scratch(dir, new StatsCollector()));
    }

    private SqliteNoteStores track(SqliteNoteStores stores) {
        synchronized (opened) {
            opened.add(stores);
        }
        return stores;
    }

    /** Closes every store handle; safe to call while a check that ran out of time still uses them. */
    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(SqliteNoteStores::close);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
