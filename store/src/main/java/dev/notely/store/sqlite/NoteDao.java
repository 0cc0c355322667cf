package dev.notely.store.sqlite;

import dev.notely.store.Note;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the {@code notes} table. Ids are stored as text, times as epoch milliseconds. */
@RegisterRowMapper(NoteDao.NoteMapper.class)
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
    List<String> listIds(@Bind("creator") String creator);

    @SqlQuery("SELECT id, creator, created_at, updated_at, content FROM notes WHERE id = :id AND creator = :creator")
    Optional<Note> find(@Bind("creator") String creator, @Bind("id") String id);

    @SqlUpdate("""
            INSERT INTO notes (id, creator, created_at, updated_at, content)
            VALUES (:id, :creator, :createdAt, :updatedAt, :content)""")
    void insert(@Bind("id") String id, @Bind("creator") String creator, @Bind("createdAt") long createdAt,
                @Bind("updatedAt") long updatedAt, @Bind("content") String content);

    /** Last write wins: only a strictly newer write changes the row. */
    @SqlUpdate("""
            UPDATE notes SET content = :content, updated_at = :updatedAt
            WHERE id = :id AND creator = :creator AND updated_at < :updatedAt""")
    int updateIfNewer(@Bind("id") String id, @Bind("creator") String creator, @Bind("updatedAt") long updatedAt,
                      @Bind("content") String content);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM notes WHERE id = :id AND creator = :creator)")
    boolean exists(@Bind("creator") String creator, @Bind("id") String id);

    /** Insert, or overwrite only with a newer version of the same account's note. */
    @SqlUpdate("""
            INSERT INTO notes (id, creator, created_at, updated_at, content)
            VALUES (:id, :creator, :createdAt, :updatedAt, :content)
            ON CONFLICT (id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at
            WHERE excluded.updated_at > notes.updated_at AND notes.creator = excluded.creator""")
    void upsert(@Bind("id") String id, @Bind("creator") String creator, @Bind("createdAt") long createdAt,
                @Bind("updatedAt") long updatedAt, @Bind("content") String content);

    @SqlUpdate("DELETE FROM notes WHERE id = :id AND creator = :creator")
    int delete(@Bind("creator") String creator, @Bind("id") String id);

    @SqlQuery("SELECT count(*) FROM notes WHERE creator = :creator")
    long count(@Bind("creator") String creator);

    @SqlQuery("SELECT count(*) FROM notes")
    long total();

    @SqlQuery("SELECT 1")
    int ping();

    @SqlQuery("PRAGMA synchronous")
    int synchronousSetting();

    final class NoteMapper implements RowMapper<Note> {
        @Override
        public Note map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Note(UUID.fromString(rs.getString("id")), UUID.fromString(rs.getString("creator")),
                    Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                    rs.getString("content"));
        }
    }
}
