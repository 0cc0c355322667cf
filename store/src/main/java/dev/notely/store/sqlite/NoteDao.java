package dev.notely.store.sqlite;

import dev.notely.store.Note;
import dev.notely.store.sql.NoteRowMapper;
import dev.notely.store.sql.NoteSql;
import dev.notely.store.sql.StoreTypes;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL for the {@code notes} table. Ids are stored as text, times as epoch milliseconds ({@link StoreTypes});
 * a {@link Note} binds by its accessors' names. A deleted note stays as a tombstone: its row with
 * {@code deleted_at} set and the content emptied, which every read skips and every copy is refused by.
 */
@RegisterRowMapper(NoteRowMapper.class)
interface NoteDao {

    /** Creates the table and index, and adds {@code deleted_at} to a table made before tombstones. */
    default void createSchema() {
        createTable();
        createCreatorIndex();
        if (!hasDeletedColumn()) {
            try {
                addDeletedColumn();
            } catch (RuntimeException e) {
                // Another process upgrading the same file at the same moment is fine.
                if (!hasDeletedColumn()) {
                    throw e;
                }
            }
        }
    }

    @SqlUpdate("""
            CREATE TABLE IF NOT EXISTS notes (
              id         TEXT PRIMARY KEY,
              creator    TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              content    TEXT NOT NULL,
              deleted_at INTEGER
            )""")
    void createTable();

    @SqlUpdate("CREATE INDEX IF NOT EXISTS notes_by_creator ON notes(creator)")
    void createCreatorIndex();

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM pragma_table_info('notes') WHERE name = 'deleted_at')")
    boolean hasDeletedColumn();

    @SqlUpdate("ALTER TABLE notes ADD COLUMN deleted_at INTEGER")
    void addDeletedColumn();

    @SqlQuery("SELECT id FROM notes WHERE creator = :creator AND deleted_at IS NULL ORDER BY created_at, id")
    List<UUID> listIds(@Bind("creator") UUID creator);

    @SqlQuery("""
            SELECT id, creator, created_at, updated_at, content FROM notes
            WHERE id = :id AND creator = :creator AND deleted_at IS NULL""")
    Optional<Note> find(@Bind("creator") UUID creator, @Bind("id") UUID id);

    /** Fails on the primary key when the id is taken, by a note or by a deleted note's tombstone. */
    @SqlUpdate("""
            INSERT INTO notes (id, creator, created_at, updated_at, content)
            VALUES (:id, :creator, :createdAt, :updatedAt, :content)""")
    void insert(@BindMethods Note note);

    /** Last write wins: only a strictly newer write changes the row; a tombstone never changes. */
    @SqlUpdate("""
            UPDATE notes SET content = :content, updated_at = :updatedAt
            WHERE id = :id AND creator = :creator AND deleted_at IS NULL AND updated_at < :updatedAt""")
    int updateIfNewer(@BindMethods Note note);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM notes WHERE id = :id AND creator = :creator AND deleted_at IS NULL)")
    boolean exists(@Bind("creator") UUID creator, @Bind("id") UUID id);

    /** Insert, or overwrite only with a newer version of the same account's note; never over a tombstone. */
    @SqlUpdate(NoteSql.UPSERT)
    void upsert(@BindMethods Note note);

    /** Turns the note into a tombstone, or leaves one where there is no note yet. */
    @SqlUpdate(NoteSql.TOMBSTONE)
    int delete(@Bind("creator") UUID creator, @Bind("id") UUID id, @Bind("now") long now);

    @SqlUpdate(NoteSql.REMOVE_MOVED)
    int removeMoved(@BindMethods Note moved);

    @SqlQuery("""
            SELECT id, creator, created_at, updated_at, content FROM notes
            WHERE creator = :creator AND deleted_at IS NULL AND id > :after
            ORDER BY id LIMIT :limit""")
    List<Note> page(@Bind("creator") UUID creator, @Bind("after") String after, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT DISTINCT creator FROM notes
            WHERE creator > :after AND deleted_at IS NULL ORDER BY creator LIMIT :limit""")
    List<UUID> accounts(@Bind("after") String after, @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM notes WHERE creator = :creator AND deleted_at IS NULL")
    long count(@Bind("creator") UUID creator);

    @SqlQuery("SELECT count(*) FROM notes WHERE deleted_at IS NULL")
    long total();

    @SqlQuery("SELECT 1")
    int ping();

    @SqlQuery("PRAGMA synchronous")
    int synchronousSetting();
}
