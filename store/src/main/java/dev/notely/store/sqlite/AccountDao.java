package dev.notely.store.sqlite;

import dev.notely.store.Account;
import dev.notely.store.MigrationStage;
import dev.notely.store.sql.StoreTypes;
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
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL for the {@code accounts} table. Ids are stored as text ({@link StoreTypes}); an {@link Account} binds by
 * its accessors' names.
 */
@RegisterRowMapper(AccountDao.AccountMapper.class)
interface AccountDao {

    /** Creates the table, and adds {@code stage} to a table made before exercise 3. */
    default void createSchema() {
        createTable();
        if (!hasStageColumn()) {
            try {
                addStageColumn();
            } catch (RuntimeException e) {
                // Another process upgrading the same file at the same moment is fine.
                if (!hasStageColumn()) {
                    throw e;
                }
            }
        }
    }

    @SqlUpdate("""
            CREATE TABLE IF NOT EXISTS accounts (
              id           TEXT PRIMARY KEY,
              name         TEXT NOT NULL,
              is_migrating INTEGER NOT NULL DEFAULT 0,
              shard        TEXT,
              stage        TEXT NOT NULL DEFAULT 'off'
            )""")
    void createTable();

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM pragma_table_info('accounts') WHERE name = 'stage')")
    boolean hasStageColumn();

    @SqlUpdate("ALTER TABLE accounts ADD COLUMN stage TEXT NOT NULL DEFAULT 'off'")
    void addStageColumn();

    @SqlQuery("SELECT id, name, is_migrating, shard, stage FROM accounts ORDER BY rowid")
    List<Account> list();

    @SqlQuery("SELECT id, name, is_migrating, shard, stage FROM accounts WHERE id = :id")
    Optional<Account> find(@Bind("id") UUID id);

    @SqlUpdate("""
            INSERT INTO accounts (id, name, is_migrating, shard, stage)
            VALUES (:id, :name, :isMigrating, :shard, :stageLabel)""")
    void insert(@BindMethods Account account, @Bind("stageLabel") String stageLabel);

    @SqlUpdate("""
            UPDATE accounts SET name = :name, is_migrating = :isMigrating, shard = :shard, stage = :stageLabel
            WHERE id = :id""")
    int update(@BindMethods Account account, @Bind("stageLabel") String stageLabel);

    @SqlQuery("SELECT 1")
    int ping();

    /** A row as an {@link Account}, its id read by the column mapper of {@link StoreTypes}. */
    final class AccountMapper implements RowMapper<Account> {

        @Override
        public RowMapper<Account> specialize(ResultSet rows, StatementContext context) {
            ColumnMapper<UUID> uuid = context.findColumnMapperFor(UUID.class).orElseThrow();
            return (row, ctx) -> new Account(uuid.map(row, "id", ctx), row.getString("name"),
                    row.getBoolean("is_migrating"), row.getString("shard"), MigrationStage.parse(row.getString("stage")));
        }

        @Override
        public Account map(ResultSet row, StatementContext context) throws SQLException {
            return specialize(row, context).map(row, context);
        }
    }
}
