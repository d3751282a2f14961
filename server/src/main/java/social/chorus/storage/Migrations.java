package social.chorus.storage;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema's Flyway migrations. The shared folder holds DDL that runs unchanged on
 * MariaDB and on H2 in MariaDB mode (and that jOOQ's code generator can read); a database-specific
 * statement goes in {@code db/vendor/<kind>} under a version number of its own.
 */
public final class Migrations {
    public static final String SHARED_LOCATION = "classpath:db/migration";

    /** What a migration run did. */
    public record Report(int applied, String schemaVersion) {
    }

    private final Database database;
    private final List<String> locations;

    public Migrations(Database database) {
        this(database, List.of(SHARED_LOCATION, "classpath:db/vendor/" + database.kind().id()));
    }

    /** With explicit locations, so tests can add a migration of their own. */
    public Migrations(Database database, List<String> locations) {
        this.database = database;
        this.locations = List.copyOf(locations);
    }

    /**
     * Applies pending migrations; a no-op when the schema is current.
     *
     * @throws MigrationException naming the failing migration and the database's complaint
     */
    public Report migrate() {
        try {
            MigrateResult result = flyway().migrate();
            return new Report(result.migrationsExecuted, currentVersion());
        } catch (FlywayException e) {
            throw new MigrationException(describe(e), e);
        }
    }

    /** The version of the newest successfully applied migration, or "empty" before the first. */
    public String currentVersion() {
        String version = "empty";
        for (MigrationInfo info : flyway().info().applied()) {
            if (info.getVersion() != null && !info.getState().isFailed()) {
                version = info.getVersion().getVersion();
            }
        }
        return version;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(database.dataSource())
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(false)
                .validateMigrationNaming(true)
                // Flyway ignores migrations newer than it knows by default; a database migrated by a
                // newer Chorus must instead refuse to run under an older one.
                .ignoreMigrationPatterns("")
                .loggers("slf4j")
                .load();
    }

    private static String describe(FlywayException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Flyway's messages span many lines with separators; an operator wants one paragraph.
        return message.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.matches("-+"))
                // Flyway appends product marketing to some errors; operators need only the facts.
                .filter(line -> !line.startsWith("Need more flexibility") && !line.contains("red-gate.com"))
                .reduce((a, b) -> a + (a.endsWith(".") || a.endsWith(":") ? " " : ". ") + b)
                .orElse(message);
    }
}
