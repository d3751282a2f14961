package social.chorus.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import social.chorus.app.config.DbConfig;
import social.chorus.app.config.JdbcUrls;

/**
 * The connection pool and the jOOQ context over it. Opening it is blocking and happens once, on
 * the main thread at start; all later work goes through {@link Db}, off the event loop.
 */
public final class Database implements AutoCloseable {
    private static final int LOGIN_TIMEOUT_SECONDS = 10;

    private final DbKind kind;
    private final String version;
    private final HikariDataSource pool;
    private final DSLContext dsl;

    private Database(DbKind kind, String version, HikariDataSource pool) {
        this.kind = kind;
        this.version = version;
        this.pool = pool;
        this.dsl = DSL.using(pool, kind.dialect(), new Settings().withExecuteLogging(false));
    }

    /**
     * Connects once directly (a clear error instead of a pool's retry loop and stack trace), then
     * opens the pool.
     *
     * @throws DatabaseUnavailableException with a message naming the URL without its password
     */
    public static Database open(DbConfig config) {
        DbKind kind = DbKind.fromUrl(config.url());
        String version;
        try (Connection probe = connectOnce(config)) {
            DatabaseMetaData meta = probe.getMetaData();
            version = meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The database at " + JdbcUrls.redact(config.url()) + " (user "
                    + config.user() + ") is not reachable: " + rootMessage(e), e);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("chorus-db");
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        // A request waits at most this long for a connection; past it the database is overloaded or gone.
        hikari.setConnectionTimeout(TimeUnit.SECONDS.toMillis(5));
        hikari.setValidationTimeout(TimeUnit.SECONDS.toMillis(2));
        hikari.setAutoCommit(true);
        statementCaches(kind, hikari);
        return new Database(kind, version, new HikariDataSource(hikari));
    }

    /**
     * Prepared statements parsed once per connection instead of once per execution: the inbox
     * runs the same dozen statements for every delivery. MariaDB prepares them on the server and
     * keeps them per connection (the driver then sends only the parameters); H2 keeps parsed
     * statements per session, 8 by default, fewer than one inbound Create uses.
     */
    private static void statementCaches(DbKind kind, HikariConfig hikari) {
        if (kind == DbKind.MARIADB) {
            hikari.addDataSourceProperty("useServerPrepStmts", "true");
            hikari.addDataSourceProperty("cachePrepStmts", "true");
            hikari.addDataSourceProperty("prepStmtCacheSize", "256");
        } else {
            hikari.addDataSourceProperty("QUERY_CACHE_SIZE", "64");
        }
    }

    private static Connection connectOnce(DbConfig config) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", config.user());
        props.setProperty("password", config.password());
        if (DbKind.fromUrl(config.url()) == DbKind.MARIADB) {
            props.setProperty("connectTimeout", String.valueOf(TimeUnit.SECONDS.toMillis(LOGIN_TIMEOUT_SECONDS)));
        }
        return DriverManager.getConnection(config.url(), props);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String outer = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String inner = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String message = outer.contains(inner) ? outer : outer + " (" + inner + ")";
        return message.strip().replaceAll("\\s+", " ");
    }

    public DbKind kind() {
        return kind;
    }

    /** The server's version string as its driver reports it, read at start. */
    public String version() {
        return version;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** For blocking code only: startup, the operator CLI and {@link Db}'s workers. */
    public DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        pool.close();
    }
}
