package dev.notely.store.sql;

/**
 * The statements on the {@code notes} table that SQLite and PostgreSQL share word for word: the rules
 * of last write wins and of deletes that stick are written once.
 */
public final class NoteSql {

    /** Insert, or overwrite only with a newer version of the same account's note; never over a tombstone. */
    public static final String UPSERT = """
            INSERT INTO notes (id, creator, created_at, updated_at, content)
            VALUES (:id, :creator, :createdAt, :updatedAt, :content)
            ON CONFLICT (id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at
            WHERE excluded.updated_at > notes.updated_at AND notes.creator = excluded.creator
              AND notes.deleted_at IS NULL""";

    /** Turns the note into a tombstone, or leaves one where there is no note yet. */
    public static final String TOMBSTONE = """
            INSERT INTO notes (id, creator, created_at, updated_at, content, deleted_at)
            VALUES (:id, :creator, :now, :now, '', :now)
            ON CONFLICT (id) DO UPDATE SET content = '', deleted_at = excluded.deleted_at
            WHERE notes.creator = excluded.creator AND notes.deleted_at IS NULL""";

    /** Takes out a copy that moved elsewhere, unless it is newer than the one moved or a tombstone. */
    public static final String REMOVE_MOVED = """
            DELETE FROM notes
            WHERE id = :id AND creator = :creator AND deleted_at IS NULL AND updated_at <= :updatedAt""";

    private NoteSql() {
    }
}
