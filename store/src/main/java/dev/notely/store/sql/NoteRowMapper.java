package dev.notely.store.sql;

import dev.notely.store.Note;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A {@code notes} row as a {@link Note}, in either backend: its ids and times read by the column mappers of
 * {@link StoreTypes}. Not {@code @RegisterConstructorMapper}: that matches columns to constructor
 * parameters anew for every query, which adds about as much to a point read as SQLite's own work.
 */
public final class NoteRowMapper implements RowMapper<Note> {

    @Override
    public RowMapper<Note> specialize(ResultSet rows, StatementContext context) {
        ColumnMapper<UUID> uuid = context.findColumnMapperFor(UUID.class).orElseThrow();
        ColumnMapper<Instant> instant = context.findColumnMapperFor(Instant.class).orElseThrow();
        return (row, ctx) -> new Note(uuid.map(row, "id", ctx), uuid.map(row, "creator", ctx),
                instant.map(row, "created_at", ctx), instant.map(row, "updated_at", ctx), row.getString("content"));
    }

    @Override
    public Note map(ResultSet row, StatementContext context) throws SQLException {
        return specialize(row, context).map(row, context);
    }
}
