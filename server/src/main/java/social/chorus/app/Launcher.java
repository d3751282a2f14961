package social.chorus.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.app.cli.AdminCli;
import social.chorus.app.config.ConfigException;
import social.chorus.app.config.ConfigLoader;

/**
 * Reads the command line and either starts a server or runs an operator command. The environment
 * and the output streams are passed in, so tests drive it exactly as {@code java -jar} does.
 */
public final class Launcher {
    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    static final String USAGE = """
            Usage: java -jar chorus.jar [--config FILE] [COMMAND]

            Commands:
              serve                 Start the server (what runs when no command is given).
              admin migrate         Apply pending database migrations, print the schema version, exit.
              admin check-config    Validate the configuration and print each setting with its source.
              admin account …       Create, list, disable, enable or approve local accounts
                                    (java -jar chorus.jar admin help for details).
              help                  Print this text.
              version               Print the version.

            Settings come from built-in defaults, then the config file (--config FILE or
            CHORUS_CONFIG; KEY=value lines), then CHORUS_* environment variables.
            """;

    /** What {@link #run} ended with: a running server, or an exit code for a command that finished. */
    public sealed interface Outcome {
    }

    public record Serving(Chorus chorus) implements Outcome {
    }

    public record Exited(ExitCode code) implements Outcome {
    }

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public Launcher(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public Outcome run(String[] args) {
        List<String> words = new ArrayList<>();
        Optional<Path> configFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i])) {
                if (i + 1 >= args.length) {
                    return usageError("--config needs a file name.");
                }
                configFile = Optional.of(Path.of(args[++i]));
            } else if (args[i].startsWith("--config=")) {
                configFile = Optional.of(Path.of(args[i].substring("--config=".length())));
            } else {
                words.add(args[i]);
            }
        }
        String command = words.isEmpty() ? "serve" : words.get(0);
        try {
            return switch (command) {
                case "serve" -> words.size() == 1 || words.isEmpty() ? serve(configFile) : usageError(
                        "serve takes no arguments.");
                case "admin" -> new Exited(new AdminCli(new ConfigLoader(env), out, err)
                        .run(words.subList(1, words.size()), configFile));
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield new Exited(ExitCode.OK);
                }
                case "version", "--version" -> {
                    out.println("chorus " + version());
                    yield new Exited(ExitCode.OK);
                }
                default -> usageError("Unknown command '" + command + "'.");
            };
        } catch (StartupException e) {
            return fail(command, e.exitCode(), e.getMessage());
        } catch (ConfigException e) {
            return fail(command, ExitCode.CONFIG, e.getMessage());
        }
    }

    private Outcome serve(Optional<Path> configFile) {
        ConfigLoader.Loaded loaded = new ConfigLoader(env).load(configFile);
        Logging.apply(loaded.config().logLevel());
        loaded.warnings().forEach(log::warn);
        return new Serving(Chorus.start(loaded.config()));
    }

    private Outcome usageError(String problem) {
        err.println("chorus: " + problem);
        err.print(USAGE);
        return new Exited(ExitCode.USAGE);
    }

    private Outcome fail(String command, ExitCode code, String message) {
        err.println("chorus: " + ("serve".equals(command) ? "cannot start" : "command failed") + ": " + message);
        return new Exited(code);
    }

    static String version() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
