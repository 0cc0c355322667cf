package dev.notely.store.sql;

import java.sql.Types;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ObjectArgument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * How the kit's databases hold the domain's types: ids as text in their usual 36-character form, times
 * as integer milliseconds since the epoch. SQLite files and PostgreSQL tables use the same forms, so a
 * row copied from one backend to the other is the same row. Installed once on each database's JDBI, so
 * that DAOs bind and return {@link UUID} and {@link Instant} as they are and no call site converts them.
 * Changing a form here changes the stored data: data written by earlier versions must stay readable.
 */
public final class StoreTypes implements JdbiPlugin {

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.registerArgument(new UuidAsText());
        jdbi.registerArgument(new InstantAsEpochMillis());
        jdbi.registerColumnMapper(UUID.class, (row, column, context) -> {
            String text = row.getString(column);
            return text == null ? null : UUID.fromString(text);
        });
        jdbi.registerColumnMapper(Instant.class, (row, column, context) -> {
            long millis = row.getLong(column);
            return row.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }

    private static final class UuidAsText extends AbstractArgumentFactory<UUID> {

        UuidAsText() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(UUID value, ConfigRegistry config) {
            return ObjectArgument.of(value.toString(), Types.VARCHAR);
        }
    }

    private static final class InstantAsEpochMillis extends AbstractArgumentFactory<Instant> {

        InstantAsEpochMillis() {
            super(Types.BIGINT);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return ObjectArgument.of(value.toEpochMilli(), Types.BIGINT);
        }
    }
}
