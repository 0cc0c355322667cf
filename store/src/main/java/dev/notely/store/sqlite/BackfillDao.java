package dev.notely.store.sqlite;

import dev.notely.store.sql.StoreTypes;
import dev.notely.store.sqlite.SqliteBackfillStore.AccountProgress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL for the backfill's two tables in {@code accounts.db}: {@code backfill_run}, one row saying whether
 * the backfill runs, and {@code backfill_accounts}, each account's place in the current pass. Ids are
 * stored as text ({@link StoreTypes}).
 */
@RegisterRowMapper(BackfillDao.ProgressMapper.class)
interface BackfillDao {

    /** Adds the tables to an {@code accounts.db} made before there was a backfill; harmless when they exist. */
    default void createTables() {
        createRunTable();
        createAccountTable();
    }

    @SqlUpdate("""
            CREATE TABLE IF NOT EXISTS backfill_run (
              id     INTEGER PRIMARY KEY CHECK (id = 1),
              state  TEXT NOT NULL,
              passes INTEGER NOT NULL DEFAULT 0
            )""")
    void createRunTable();

    @SqlUpdate("""
            CREATE TABLE IF NOT EXISTS backfill_accounts (
              account_id TEXT PRIMARY KEY,
              after_note TEXT,
              done       INTEGER NOT NULL DEFAULT 0,
              moved      INTEGER NOT NULL DEFAULT 0
            )""")
    void createAccountTable();

    @SqlQuery("SELECT state FROM backfill_run WHERE id = 1")
    Optional<String> state();

    @SqlUpdate("""
            INSERT INTO backfill_run (id, state) VALUES (1, :state)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state""")
    void setState(@Bind("state") String state);

    @SqlUpdate("""
            INSERT INTO backfill_run (id, state, passes) VALUES (1, :state, 1)
            ON CONFLICT (id) DO UPDATE SET state = excluded.state, passes = backfill_run.passes + 1""")
    void beginPass(@Bind("state") String state);

    @SqlQuery("SELECT COALESCE((SELECT passes FROM backfill_run WHERE id = 1), 0)")
    int passes();

    @SqlUpdate("DELETE FROM backfill_accounts")
    void forgetAccounts();

    /** One page done: the account's new place, whether it is done, and the notes the page moved added to its count. */
    @SqlUpdate("""
            INSERT INTO backfill_accounts (account_id, after_note, done, moved) VALUES (:account, :after, :done, :moved)
            ON CONFLICT (account_id) DO UPDATE SET after_note = excluded.after_note, done = excluded.done,
              moved = backfill_accounts.moved + excluded.moved""")
    void savePage(@Bind("account") UUID account, @Bind("after") UUID after, @Bind("done") boolean done,
                  @Bind("moved") int moved);

    @SqlQuery("SELECT account_id, after_note, done, moved FROM backfill_accounts")
    List<AccountProgress> progress();

    /** A row as an {@link AccountProgress}, its ids read by the column mapper of {@link StoreTypes}. */
    final class ProgressMapper implements RowMapper<AccountProgress> {

        @Override
        public RowMapper<AccountProgress> specialize(ResultSet rows, StatementContext context) {
            ColumnMapper<UUID> uuid = context.findColumnMapperFor(UUID.class).orElseThrow();
            return (row, ctx) -> new AccountProgress(uuid.map(row, "account_id", ctx),
                    Optional.ofNullable(uuid.map(row, "after_note", ctx)), row.getBoolean("done"), row.getLong("moved"));
        }

        @Override
        public AccountProgress map(ResultSet row, StatementContext context) throws SQLException {
            return specialize(row, context).map(row, context);
        }
    }
}
