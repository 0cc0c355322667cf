package dev.notely.store.postgres;

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
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * SQL for the {@code notes} table on PostgreSQL. The columns are those of the SQLite files: ids as text,
 * times as epoch milliseconds ({@link StoreTypes}), so a note copied between the backends is the same row.
 * Every write is one statement, and so one transaction: the rules hold in the database, whoever else is
 * writing.
 */
@RegisterRowMapper(NoteRowMapper.class)
interface PostgresNoteDao {

    /**
     * Creates the table and its index unless they exist. {@code CREATE ... IF NOT EXISTS} alone fails when
     * two sessions run it at the same moment (both find no table, one trips on the catalog's unique
     * index), so the sessions take turns on an advisory lock held until the transaction ends.
     */
    @Transaction
    default void createSchema() {
        waitForSchemaTurn();
        createTable();
        addDeletedColumn();
        createCreatorIndex();
    }

    @SqlQuery("SELECT true FROM pg_advisory_xact_lock(hashtext('dev.notely.store notes schema'))")
    boolean waitForSchemaTurn();

    @SqlUpdate("""
            CREATE TABLE IF NOT EXISTS notes (
              id         TEXT PRIMARY KEY,
              creator    TEXT NOT NULL,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL,
              content    TEXT NOT NULL,
              deleted_at BIGINT
            )""")
    void createTable();

    /** For a table made before tombstones. */
    @SqlUpdate("ALTER TABLE notes ADD COLUMN IF NOT EXISTS deleted_at BIGINT")
    void addDeletedColumn();

    @SqlUpdate("CREATE INDEX IF NOT EXISTS notes_by_creator ON notes(creator)")
    void createCreatorIndex();

    /** Ids compare byte by byte ({@code COLLATE "C"}), as in SQLite, whatever the database's locale. */
    @SqlQuery("SELECT id FROM notes WHERE creator = :creator AND deleted_at IS NULL ORDER BY created_at, id COLLATE \"C\"")
    List<UUID> listIds(@Bind("creator") UUID creator);

    @SqlQuery("""
            SELECT id, creator, created_at, updated_at, content FROM notes
            WHERE id = :id AND creator = :creator AND deleted_at IS NULL""")
    Optional<Note> find(@Bind("creator") UUID creator, @Bind("id") UUID id);

    /** @return 0 when the id is taken (by this account or another, or by a tombstone), 1 when the note was stored */
    @SqlUpdate("""
            INSERT INTO notes (id, creator, created_at, updated_at, content)
            VALUES (:id, :creator, :createdAt, :updatedAt, :content)
            ON CONFLICT (id) DO NOTHING""")
    int insertUnlessTaken(@BindMethods Note note);

    /**
     * Last write wins: only a strictly newer write changes the row. Answers whether the note exists. Both
     * parts of the statement read the same snapshot, so a note inserted by another session while this runs
     * is neither updated nor reported: the answer and the write agree.
     */
    @SqlQuery("""
            WITH applied AS (
              UPDATE notes SET content = :content, updated_at = :updatedAt
              WHERE id = :id AND creator = :creator AND deleted_at IS NULL AND updated_at < :updatedAt
              RETURNING id)
            SELECT EXISTS (SELECT 1 FROM applied)
                OR EXISTS (SELECT 1 FROM notes WHERE id = :id AND creator = :creator AND deleted_at IS NULL)""")
    boolean updateIfNewer(@BindMethods Note note);

    /**
     * Insert, or overwrite only with a newer version of the same account's note; never over a tombstone.
     * A delete of the same note at the same moment takes the row's lock too, so one of the two waits for
     * the other and sees what it did.
     */
    @SqlUpdate(NoteSql.UPSERT)
    void upsert(@BindMethods Note note);

    /** Turns the note into a tombstone, or leaves one where there is no note yet. */
    @SqlUpdate(NoteSql.TOMBSTONE)
    int delete(@Bind("creator") UUID creator, @Bind("id") UUID id, @Bind("now") long now);

    @SqlUpdate(NoteSql.REMOVE_MOVED)
    int removeMoved(@BindMethods Note moved);

    @SqlQuery("""
            SELECT id, creator, created_at, updated_at, content FROM notes
            WHERE creator = :creator AND deleted_at IS NULL AND id COLLATE "C" > :after
            ORDER BY id COLLATE "C" LIMIT :limit""")
    List<Note> page(@Bind("creator") UUID creator, @Bind("after") String after, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT DISTINCT creator COLLATE "C" FROM notes
            WHERE creator COLLATE "C" > :after AND deleted_at IS NULL ORDER BY 1 LIMIT :limit""")
    List<UUID> accounts(@Bind("after") String after, @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM notes WHERE creator = :creator AND deleted_at IS NULL")
    long count(@Bind("creator") UUID creator);

    @SqlQuery("SELECT count(*) FROM notes WHERE deleted_at IS NULL")
    long total();

    @SqlQuery("SELECT 1")
    int ping();
}
