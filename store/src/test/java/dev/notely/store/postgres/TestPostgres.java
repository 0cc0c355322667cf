package dev.notely.store.postgres;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema of its own for each test, on the server named by {@value #URL_VARIABLE} (for example
 * {@code jdbc:postgresql://127.0.0.1:5432/notely_test?user=notely_test&password=notely_test}), dropped with
 * everything in it after the test, so runs and tests never see each other's tables.
 *
 * <p>Where the variable is unset or the server cannot be reached, the test is skipped with the reason;
 * with {@code CI=true} it fails instead, so CI cannot pass without running the PostgreSQL tests.
 */
public final class TestPostgres implements BeforeEachCallback, AfterEachCallback {

    public static final String URL_VARIABLE = "NOTELY_TEST_POSTGRES_URL";

    private String schema;

    /** Whether the server can be used, and if not why; found out once per test JVM. */
    private static final class Server {
        static final String URL = System.getenv(URL_VARIABLE);
        static final String UNAVAILABLE = whyUnavailable();

        static {
            if (UNAVAILABLE != null && !onCi()) {
                // Surefire counts skipped tests without their reason: say it once, where the build prints.
                System.err.println("PostgreSQL store tests skipped: " + UNAVAILABLE);
            }
        }

        private static String whyUnavailable() {
            if (URL == null || URL.isBlank()) {
                return URL_VARIABLE + " is not set (to run them: " + URL_VARIABLE
                        + "=jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD)";
            }
            try (Connection ignored = connect()) {
                return null;
            } catch (SQLException e) {
                return "cannot reach " + PostgresDatabase.redacted(URL) + " (" + e.getMessage() + ")";
            }
        }

        static Connection connect() throws SQLException {
            DriverManager.setLoginTimeout(10);
            return DriverManager.getConnection(URL);
        }
    }

    /** Skips the calling test (fails it when {@code CI=true}) unless the test server can be used. */
    public static void requireServer() {
        String reason = Server.UNAVAILABLE;
        if (reason == null) {
            return;
        }
        if (onCi()) {
            fail("PostgreSQL store tests cannot run with CI=true: " + reason);
        }
        assumeTrue(false, "PostgreSQL store tests skipped: " + reason);
    }

    private static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        requireServer();
        schema = "notely_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = Server.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        if (schema != null) {
            try (Connection c = Server.connect(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
            schema = null;
        }
    }

    /** The test's URL: the server's, with the test's schema as the one its connections use. */
    public String url() {
        return withParameter(Server.URL, "currentSchema=" + schema);
    }

    /** The test server's URL with its credentials replaced by {@code user} and {@code password}. */
    public String urlWithLogin(String user, String password) {
        String base = PostgresDatabase.redacted(Server.URL);
        return base + "?user=" + user + "&password=" + password;
    }

    /** The schema this test's stores use. */
    public String schema() {
        return schema;
    }

    /** A plain connection to the test server, its default schema being the test's. */
    public Connection connect() throws SQLException {
        Connection c = Server.connect();
        c.setSchema(schema);
        return c;
    }

    static String withParameter(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }
}
