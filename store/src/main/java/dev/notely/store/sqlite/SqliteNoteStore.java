package dev.notely.store.sqlite;

import dev.notely.store.ConflictException;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.StoreException;
import dev.notely.store.sql.Paging;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** A note store kept in one SQLite file. */
public final class SqliteNoteStore implements NoteStore, AutoCloseable {

    private final String name;
    private final SqliteDatabase<NoteDao> db;

    private SqliteNoteStore(String name, SqliteDatabase<NoteDao> db) {
        this.name = name;
        this.db = db;
    }

    /** Opens (creating if needed) the note store {@code name} in {@code file}. */
    public static SqliteNoteStore open(String name, Path file) {
        return open(name, file, true);
    }

    /** As {@link #open(String, Path)}; unless {@code synced}, commits skip the fsync (throwaway stores). */
    static SqliteNoteStore open(String name, Path file, boolean synced) {
        return open(name, file, synced, jdbi -> { });
    }

    /**
     * As {@link #open(String, Path)}, with {@code configure} applied to the store's JDBI before its first
     * call; for tests that need to act between two statements of one call.
     */
    static SqliteNoteStore open(String name, Path file, Consumer<Jdbi> configure) {
        return open(name, file, true, configure);
    }

    private static SqliteNoteStore open(String name, Path file, boolean synced, Consumer<Jdbi> configure) {
        SqliteDatabase<NoteDao> db = SqliteDatabase.open(file, "note store '" + name + "'", synced, NoteDao.class,
                configure, NoteDao::createSchema);
        return new SqliteNoteStore(name, db);
    }

    /** Opens the existing store file only to read it (see {@link SqliteDatabase#openReadOnly}). */
    static SqliteNoteStore openReadOnly(String name, Path file) {
        return new SqliteNoteStore(name, SqliteDatabase.openReadOnly(file, "note store '" + name + "'", NoteDao.class));
    }

    /**
     * Stores many new notes in one transaction: how {@code --seed-notes} fills legacy with thousands of
     * notes in a second, where one durable commit per note would take minutes.
     *
     * @throws dev.notely.store.ConflictException when one of the ids is taken; then none is stored
     */
    public void createAll(List<Note> notes) {
        try {
            inTransaction(dao -> {
                notes.forEach(dao::insert);
                return null;
            });
        } catch (StoreException e) {
            if (idTaken(e)) {
                throw new ConflictException("one of " + notes.size() + " notes already exists in the " + name
                        + " store, or did and was deleted; none of them was stored");
            }
            throw e;
        }
    }

    /** SQLite's {@code synchronous} setting of this store's connections (2 is FULL, 0 is OFF). */
    int synchronousSetting() {
        return dao(NoteDao::synchronousSetting);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<UUID> listNotes(UUID accountId) {
        return dao(d -> d.listIds(accountId));
    }

    @Override
    public Optional<Note> getNote(UUID accountId, UUID noteId) {
        return dao(d -> d.find(accountId, noteId));
    }

    @Override
    public void createNote(UUID accountId, Note note) {
        note.requireCreator(accountId);
        try {
            dao(d -> {
                d.insert(note);
                return null;
            });
        } catch (StoreException e) {
            if (idTaken(e)) {
                throw new ConflictException("note " + note.id() + " already exists in the " + name
                        + " store, or did and was deleted");
            }
            throw e;
        }
    }

    /** Whether {@code e} is an insert refused because the id was taken. */
    private static boolean idTaken(StoreException e) {
        SQLiteException cause = BusyRetry.sqliteCause(e);
        return cause != null && cause.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }

    @Override
    public boolean updateNote(UUID accountId, Note note) {
        note.requireCreator(accountId);
        // One transaction: the UPDATE takes the write lock even when it matches nothing, so no other
        // connection can insert the note between it and the existence check. Apart, "true" could
        // answer for a note that appeared after this write was not applied.
        return inTransaction(d -> d.updateIfNewer(note) > 0 || d.exists(accountId, note.id()));
    }

    @Override
    public void upsertNote(UUID accountId, Note note) {
        note.requireCreator(accountId);
        dao(d -> {
            d.upsert(note);
            return null;
        });
    }

    @Override
    public void deleteNote(UUID accountId, UUID noteId) {
        dao(d -> d.delete(accountId, noteId, System.currentTimeMillis()));
    }

    @Override
    public boolean removeMovedNote(UUID accountId, Note moved) {
        moved.requireCreator(accountId);
        return dao(d -> d.removeMoved(moved)) > 0;
    }

    @Override
    public List<Note> pageNotes(UUID accountId, Optional<UUID> after, int limit) {
        String cursor = Paging.cursor(after);
        int size = Paging.requireLimit(limit);
        return dao(d -> d.page(accountId, cursor, size));
    }

    @Override
    public List<UUID> pageAccounts(Optional<UUID> after, int limit) {
        String cursor = Paging.cursor(after);
        int size = Paging.requireLimit(limit);
        return dao(d -> d.accounts(cursor, size));
    }

    @Override
    public long countNotes(UUID accountId) {
        return dao(d -> d.count(accountId));
    }

    @Override
    public long totalNotes() {
        return dao(NoteDao::total);
    }

    @Override
    public void healthCheck() {
        dao(NoteDao::ping);
    }

    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return db.description();
    }

    /** Runs {@code work}, each statement committed on its own. */
    private <T> T dao(Function<NoteDao, T> work) {
        return db.call(work);
    }

    /** Runs {@code work} as one transaction, retried as a whole while another connection holds the lock. */
    private <T> T inTransaction(Function<NoteDao, T> work) {
        return db.inTransaction(work);
    }
}
