package social.chorus.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import social.chorus.app.ExitCode;
import social.chorus.app.config.ConfigLoader;

/** {@code java -jar chorus.jar admin …}: operator commands, in the spirit of tootctl. */
public final class AdminCli {
    static final String USAGE = """
            Usage: java -jar chorus.jar [--config FILE] admin COMMAND

            Commands:
              migrate         Apply pending database migrations and print the schema version.
              check-config    Validate the configuration and print each setting with its source.
            """ + AccountCommands.USAGE + FederationCommands.USAGE;

    private final ConfigLoader configLoader;
    private final PrintStream out;
    private final PrintStream err;

    public AdminCli(ConfigLoader configLoader, PrintStream out, PrintStream err) {
        this.configLoader = configLoader;
        this.out = out;
        this.err = err;
    }

    /** Runs one command; configuration and database problems surface as exceptions the launcher reports. */
    public ExitCode run(List<String> args, Optional<Path> configFile) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return ExitCode.USAGE;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            if ("account".equals(command)) {
                return new AccountCommands(out).run(rest, configLoader.load(configFile).config());
            }
            if ("federation".equals(command)) {
                return new FederationCommands(out, java.time.Clock.systemUTC()).run(rest,
                        configLoader.load(configFile).config());
            }
            if (!rest.isEmpty()) {
                throw new Options.UsageException("admin " + command + " takes no arguments, got: "
                        + String.join(" ", rest));
            }
            return simple(command, configFile);
        } catch (Options.UsageException e) {
            err.println("chorus: " + e.getMessage() + ".");
            err.print(USAGE);
            return ExitCode.USAGE;
        } catch (CommandException e) {
            err.println("chorus: command failed: " + e.getMessage());
            return ExitCode.COMMAND_FAILED;
        }
    }

    private ExitCode simple(String command, Optional<Path> configFile) {
        return switch (command) {
            case "migrate" -> new MigrateCommand(out).run(configLoader.load(configFile).config());
            case "check-config" -> new CheckConfigCommand(out).run(configLoader.load(configFile));
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                yield ExitCode.OK;
            }
            default -> {
                err.println("chorus: unknown admin command '" + command + "'.");
                err.print(USAGE);
                yield ExitCode.USAGE;
            }
        };
    }
}
