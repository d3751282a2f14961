package social.chorus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import social.chorus.app.config.DbConfig;

/**
 * A fresh, empty database for one test: an H2 file in a temporary directory, or a new database
 * on the MariaDB server (127.0.0.1:3306 as root by default; override with CHORUS_TEST_MARIADB_URL,
 * CHORUS_TEST_MARIADB_USER, CHORUS_TEST_MARIADB_PASSWORD). Dropped on {@link #close()}.
 * A MariaDB that cannot be reached fails the test: it is never skipped.
 */
public final class TestDatabase implements AutoCloseable {
    /** The databases every storage test runs against. */
    public enum Kind {
        H2, MARIADB
    }

    /** The flags Chorus adds to an H2 URL (ConfigResolver), so that repository tests see the same database. */
    private static final String H2_FLAGS =
            "MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;IGNORECASE=TRUE;DB_CLOSE_ON_EXIT=FALSE;"
                    + "LOCK_TIMEOUT=10000";

    private final Kind kind;
    private final DbConfig config;
    private final Path dataDir;
    private final String mariadbName;

    private TestDatabase(Kind kind, DbConfig config, Path dataDir, String mariadbName) {
        this.kind = kind;
        this.config = config;
        this.dataDir = dataDir;
        this.mariadbName = mariadbName;
    }

    public static TestDatabase create(Kind kind) {
        return kind == Kind.H2 ? h2() : mariadb();
    }

    public static TestDatabase h2() {
        try {
            Path dir = Files.createTempDirectory("chorus-h2-");
            String url = "jdbc:h2:file:" + dir.resolve("chorus") + ";" + H2_FLAGS;
            return new TestDatabase(Kind.H2, new DbConfig(url, "chorus", "", 4), dir, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestDatabase mariadb() {
        String name = "chorus_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = serverConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB for tests is not reachable at " + serverUrl()
                    + " (start it, or set CHORUS_TEST_MARIADB_URL): " + e.getMessage(), e);
        }
        String url = serverUrl() + name;
        try {
            Path dir = Files.createTempDirectory("chorus-mariadb-");
            return new TestDatabase(Kind.MARIADB, new DbConfig(url, user(), password(), 4), dir, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Kind kind() {
        return kind;
    }

    public DbConfig config() {
        return config;
    }

    /** A data directory for the instance using this database (holds the H2 file for H2). */
    public Path dataDir() {
        return dataDir;
    }

    /** The environment a Chorus process needs to use this database. */
    public Map<String, String> env() {
        return Map.of("CHORUS_DB_URL", config.url(), "CHORUS_DB_USER", config.user(), "CHORUS_DB_PASSWORD",
                config.password(), "CHORUS_DATA_DIR", dataDir.toString());
    }

    /** Runs SQL as the server's administrator, for tests that break things on purpose. */
    public void adminExecute(String sql) {
        try (Connection c = kind == Kind.H2 ? DriverManager.getConnection(config.url(), config.user(), "")
                : serverConnection(); Statement s = c.createStatement()) {
            if (kind == Kind.MARIADB) {
                s.execute("USE `" + mariadbName + "`");
            }
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (mariadbName != null) {
            try (Connection c = serverConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS `" + mariadbName + "`");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        deleteRecursively(dataDir);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static Connection serverConnection() throws SQLException {
        return DriverManager.getConnection(serverUrl(), user(), password());
    }

    static String serverUrl() {
        String url = System.getenv().getOrDefault("CHORUS_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
        return url.endsWith("/") ? url : url + "/";
    }

    private static String user() {
        return System.getenv().getOrDefault("CHORUS_TEST_MARIADB_USER", "root");
    }

    private static String password() {
        return System.getenv().getOrDefault("CHORUS_TEST_MARIADB_PASSWORD", "");
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
