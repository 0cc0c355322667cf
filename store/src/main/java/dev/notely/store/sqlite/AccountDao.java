package dev.notely.store.sqlite;

import dev.notely.store.Account;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the {@code accounts} table. */
@RegisterRowMapper(AccountDao.AccountMapper.class)
interface AccountDao {

    @SqlUpdate("""
            CREATE TABLE IF NOT EXISTS accounts (
              id           TEXT PRIMARY KEY,
              name         TEXT NOT NULL,
              is_migrating INTEGER NOT NULL DEFAULT 0,
              shard        TEXT
            )""")
    void createTable();

    @SqlQuery("SELECT id, name, is_migrating, shard FROM accounts ORDER BY rowid")
    List<Account> list();

    @SqlQuery("SELECT id, name, is_migrating, shard FROM accounts WHERE id = :id")
    Optional<Account> find(@Bind("id") String id);

    @SqlUpdate("INSERT INTO accounts (id, name, is_migrating, shard) VALUES (:id, :name, :migrating, :shard)")
    void insert(@Bind("id") String id, @Bind("name") String name, @Bind("migrating") boolean migrating,
                @Bind("shard") String shard);

    @SqlUpdate("UPDATE accounts SET name = :name, is_migrating = :migrating, shard = :shard WHERE id = :id")
    int update(@Bind("id") String id, @Bind("name") String name, @Bind("migrating") boolean migrating,
               @Bind("shard") String shard);

    @SqlQuery("SELECT 1")
    int ping();

    final class AccountMapper implements RowMapper<Account> {
        @Override
        public Account map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Account(UUID.fromString(rs.getString("id")), rs.getString("name"),
                    rs.getInt("is_migrating") != 0, rs.getString("shard"));
        }
    }
}
