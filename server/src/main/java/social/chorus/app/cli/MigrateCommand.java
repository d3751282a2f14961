package social.chorus.app.cli;

import java.io.PrintStream;
import social.chorus.app.DatabaseStartup;
import social.chorus.app.ExitCode;
import social.chorus.app.config.ChorusConfig;
import social.chorus.app.config.JdbcUrls;
import social.chorus.storage.Database;
import social.chorus.storage.Migrations;

/** Applies pending migrations without serving, so an operator can migrate before a rolling restart. */
final class MigrateCommand {
    private final PrintStream out;

    MigrateCommand(PrintStream out) {
        this.out = out;
    }

    ExitCode run(ChorusConfig config) {
        try (Database database = DatabaseStartup.open(config)) {
            Migrations.Report report = DatabaseStartup.migrate(database);
            out.printf("%s %s at %s: applied %d migration(s); schema version %s.%n", database.kind().displayName(),
                    database.version(), JdbcUrls.redact(config.db().url()), report.applied(), report.schemaVersion());
            return ExitCode.OK;
        }
    }
}
