package dev.notely.store.postgres;

import dev.notely.store.ConflictException;
import dev.notely.store.Note;
import dev.notely.store.NoteStore;
import dev.notely.store.StoreException;
import dev.notely.store.sql.Paging;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A note store in a PostgreSQL database: the {@code notes} table of the schema the URL's connections use
 * (by default {@code public}; {@code currentSchema=...} in the URL picks another). Each write is one
 * statement committed before the call returns; last write wins and the account scoping are in the SQL, so
 * two proxy versions and the backfill can write at once.
 */
public final class PostgresNoteStore implements NoteStore, AutoCloseable {

    private final String name;
    private final PostgresDatabase db;
    private final PostgresNoteDao dao;

    private PostgresNoteStore(String name, PostgresDatabase db) {
        this.name = name;
        this.db = db;
        this.dao = db.onDemand(PostgresNoteDao.class);
    }

    /** Whether {@code url} names a PostgreSQL database ({@code jdbc:postgresql:...}). */
    public static boolean isPostgresUrl(String url) {
        return PostgresDatabase.isPostgresUrl(url);
    }

    /**
     * Opens the note store {@code name} in the database at {@code url}, creating its table if needed.
     *
     * @throws StoreException naming the store and the cause when the URL is wrong, the server cannot be
     *                        reached or refuses the login, or the table cannot be created
     */
    public static PostgresNoteStore open(String name, String url) {
        PostgresDatabase db = PostgresDatabase.open(StorePasswords.withPassword(name, url, System.getenv()),
                "note store '" + name + "'", "notes-" + name,
                PostgresNoteDao.class, PostgresNoteDao::createSchema);
        return new PostgresNoteStore(name, db);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<UUID> listNotes(UUID accountId) {
        return db.call(() -> dao.listIds(accountId));
    }

    @Override
    public Optional<Note> getNote(UUID accountId, UUID noteId) {
        return db.call(() -> dao.find(accountId, noteId));
    }

    @Override
    public void createNote(UUID accountId, Note note) {
        note.requireCreator(accountId);
        if (db.call(() -> dao.insertUnlessTaken(note)) == 0) {
            throw new ConflictException("note " + note.id() + " already exists in the " + name
                    + " store, or did and was deleted");
        }
    }

    @Override
    public boolean updateNote(UUID accountId, Note note) {
        note.requireCreator(accountId);
        return db.call(() -> dao.updateIfNewer(note));
    }

    @Override
    public void upsertNote(UUID accountId, Note note) {
        note.requireCreator(accountId);
        db.call(() -> {
            dao.upsert(note);
            return null;
        });
    }

    @Override
    public void deleteNote(UUID accountId, UUID noteId) {
        db.call(() -> dao.delete(accountId, noteId, System.currentTimeMillis()));
    }

    @Override
    public boolean removeMovedNote(UUID accountId, Note moved) {
        moved.requireCreator(accountId);
        return db.call(() -> dao.removeMoved(moved)) > 0;
    }

    @Override
    public List<Note> pageNotes(UUID accountId, Optional<UUID> after, int limit) {
        String cursor = Paging.cursor(after);
        int size = Paging.requireLimit(limit);
        return db.call(() -> dao.page(accountId, cursor, size));
    }

    @Override
    public List<UUID> pageAccounts(Optional<UUID> after, int limit) {
        String cursor = Paging.cursor(after);
        int size = Paging.requireLimit(limit);
        return db.call(() -> dao.accounts(cursor, size));
    }

    @Override
    public long countNotes(UUID accountId) {
        return db.call(() -> dao.count(accountId));
    }

    @Override
    public long totalNotes() {
        return db.call(dao::total);
    }

    @Override
    public void healthCheck() {
        db.call(dao::ping);
    }

    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return db.description();
    }
}
