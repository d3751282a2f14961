package social.chorus.app;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.app.config.ChorusConfig;
import social.chorus.storage.Database;
import social.chorus.storage.DatabaseUnavailableException;
import social.chorus.storage.InstanceSettingRepository;
import social.chorus.storage.MigrationException;
import social.chorus.storage.Migrations;

/** Opening and migrating the database, shared by {@code serve} and {@code admin migrate}, with operator-facing errors. */
public final class DatabaseStartup {
    private static final Logger log = LoggerFactory.getLogger(DatabaseStartup.class);

    private DatabaseStartup() {
    }

    /** Creates the data directory an embedded database needs, then connects. */
    public static Database open(ChorusConfig config) {
        if (config.db().url().startsWith("jdbc:h2:file:")) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new StartupException(ExitCode.CONFIG, "Cannot create the data directory "
                        + config.dataDir().toAbsolutePath() + " (CHORUS_DATA_DIR): " + e + ".", e);
            }
        }
        try {
            return Database.open(config.db());
        } catch (DatabaseUnavailableException e) {
            throw new StartupException(ExitCode.DATABASE_UNREACHABLE, e.getMessage()
                    + ". Check CHORUS_DB_URL, CHORUS_DB_USER and CHORUS_DB_PASSWORD, and that the database server"
                    + " is running and accepts connections from this host.", e);
        }
    }

    /** Refuses a database that was created for another CHORUS_DOMAIN (see {@link DomainGuard}). */
    public static void checkDomain(Database database, String domain, Clock clock) {
        new DomainGuard(new InstanceSettingRepository(clock)).check(database.dsl(), domain);
    }

    public static Migrations.Report migrate(Database database) {
        try {
            Migrations.Report report = new Migrations(database).migrate();
            if (report.applied() > 0) {
                log.info("Applied {} database migration(s); schema version {}", report.applied(),
                        report.schemaVersion());
            }
            return report;
        } catch (MigrationException e) {
            throw new StartupException(ExitCode.MIGRATION_FAILED, "A database migration failed: " + e.getMessage()
                    + " MariaDB cannot roll back schema changes, so check the database before retrying;"
                    + " 'java -jar chorus.jar admin migrate' retries without serving.", e);
        }
    }
}
