package social.chorus.app.cli;

import java.io.PrintStream;
import social.chorus.app.ExitCode;
import social.chorus.app.config.ConfigLoader;
import social.chorus.app.config.ConfigValue;
import social.chorus.app.config.JdbcUrls;
import social.chorus.app.config.Setting;

/** Prints the effective configuration; secrets are shown only as set or unset. Invalid values never get here. */
final class CheckConfigCommand {
    private final PrintStream out;

    CheckConfigCommand(PrintStream out) {
        this.out = out;
    }

    ExitCode run(ConfigLoader.Loaded loaded) {
        out.println("Configuration is valid.");
        out.println();
        for (ConfigValue v : loaded.values()) {
            out.printf("%-32s %-60s %s%n", v.setting().key(), shown(v), v.source().label());
        }
        for (String warning : loaded.warnings()) {
            out.println("warning: " + warning);
        }
        return ExitCode.OK;
    }

    private static String shown(ConfigValue v) {
        if (v.setting().secret()) {
            return v.raw().isEmpty() ? "(empty)" : "(set, hidden)";
        }
        return v.setting() == Setting.DB_URL ? JdbcUrls.redact(v.raw()) : v.raw();
    }
}
