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

    /** The version of the newest applied migration, or "empty" before the first. */
    public String currentVersion() {
        MigrationInfo current = flyway().info().current();
        return current == null ? "empty" : current.getVersion().getVersion();
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(database.dataSource())
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(false)
                // A database created by a newer Chorus must not be run by an older one.
                .validateMigrationNaming(true)
                .loggers("slf4j")
                .load();
    }

    private static String describe(FlywayException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Flyway's messages span many lines with separators; an operator wants one paragraph.
        return message.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.matches("-+"))
                .reduce((a, b) -> a + (a.endsWith(".") || a.endsWith(":") ? " " : ". ") + b)
                .orElse(message);
    }
}
