package dev.notely.store.sqlite;

import dev.notely.store.Failures;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * Whether a kit database file can be read, checked before the kit starts anything (SPEC §17): a file whose
 * header or pages were overwritten would otherwise start a kit that fails later, with a misleading cause.
 * Opens the file read-only and runs SQLite's {@code quick_check}, which reads every page once.
 */
public final class SqliteFileCheck {

    private SqliteFileCheck() {
    }

    /** What is wrong with {@code file}, or empty when it is a readable SQLite database or does not exist yet. */
    public static Optional<String> problem(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isReadable(file)) {
            return Optional.of("the kit may not read it (check its owner and permissions)");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(SqliteDatabase.BUSY_TIMEOUT_MILLIS);
        try (Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("PRAGMA quick_check(1)")) {
            String result = rows.next() ? rows.getString(1) : "no answer to quick_check";
            // quick_check answers over several lines ("*** in database main ***", then the damage): one line here
            return "ok".equalsIgnoreCase(result) ? Optional.empty()
                    : Optional.of(result.replace("*** in database main ***", "").strip().replaceAll("\\s*\\n\\s*", "; "));
        } catch (SQLException | RuntimeException e) {
            return Optional.of(Failures.rootMessage(e));
        }
    }
}
