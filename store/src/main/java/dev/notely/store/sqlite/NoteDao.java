package dev.notely.store.sqlite;

import dev.notely.store.Note;
import dev.notely.store.sql.NoteRowMapper;
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
 * a {@link Note} binds by its accessors' names.
 */
@RegisterRowMapper(NoteRowMapper.class)
interface NoteDao {

    @SqlUpdate("""
            CREATE TABLE IF NOT EXISTS notes (
              id         TEXT PRIMARY KEY,
              creator    TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              updated_at INTEGER NOT NULL,
              content    TEXT NOT NULL
            )""")
    void createTable();

    @SqlUpdate("CREATE INDEX IF NOT EXISTS notes_by_creator ON notes(creator)")
    void createCreatorIndex();

    @SqlQuery("SELECT id FROM notes WHERE creator = :creator ORDER BY created_at, id")
    List<UUID> listIds(@Bind("creator") UUID creator);

    @SqlQuery("SELECT id, creator, created_at, updated_at, content FROM notes WHERE id = :id AND creator = :creator")
    Optional<Note> find(@Bind("creator") UUID creator, @Bind("id") UUID id);

    @SqlUpdate("""
            INSERT INTO notes (id, creator, created_at, updated_at, content)
            VALUES (:id, :creator, :createdAt, :updatedAt, :content)""")
    void insert(@BindMethods Note note);

    /** Last write wins: only a strictly newer write changes the row. */
    @SqlUpdate("""
            UPDATE notes SET content = :content, updated_at = :updatedAt
            WHERE id = :id AND creator = :creator AND updated_at < :updatedAt""")
    int updateIfNewer(@BindMethods Note note);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM notes WHERE id = :id AND creator = :creator)")
    boolean exists(@Bind("creator") UUID creator, @Bind("id") UUID id);

    /** Insert, or overwrite only with a newer version of the same account's note. */
    @SqlUpdate("""
            INSERT INTO notes (id, creator, created_at, updated_at, content)
            VALUES (:id, :creator, :createdAt, :updatedAt, :content)
            ON CONFLICT (id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at
            WHERE excluded.updated_at > notes.updated_at AND notes.creator = excluded.creator""")
    void upsert(@BindMethods Note note);

    @SqlUpdate("DELETE FROM notes WHERE id = :id AND creator = :creator")
    int delete(@Bind("creator") UUID creator, @Bind("id") UUID id);

    @SqlQuery("SELECT count(*) FROM notes WHERE creator = :creator")
    long count(@Bind("creator") UUID creator);

    @SqlQuery("SELECT count(*) FROM notes")
    long total();

    @SqlQuery("SELECT 1")
    int ping();

    @SqlQuery("PRAGMA synchronous")
    int synchronousSetting();
}
