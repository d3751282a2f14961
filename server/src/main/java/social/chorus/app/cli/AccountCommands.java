package social.chorus.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import social.chorus.app.ExitCode;
import social.chorus.app.config.ChorusConfig;
import social.chorus.model.Account;
import social.chorus.process.ClientError;
import social.chorus.process.account.SignUp;
import social.chorus.storage.AccountRepository.LocalAccount;

/** {@code admin account create|list|disable|enable|approve}. */
final class AccountCommands {
    static final String USAGE = """
              account create --username U --email E --password-file F [--admin] [--display-name N]
                              Create a local account, approved at once. F holds the password on its
                              first line (so it never appears in the process list or shell history).
              account list [--limit N]
                              List local accounts: id, username, e-mail, role and state.
              account disable U | account enable U
                              Stop or allow sign-in. The actor stays visible to other servers.
              account approve U
                              Approve a sign-up made while CHORUS_REGISTRATIONS=approval.
            """;

    private final PrintStream out;

    AccountCommands(PrintStream out) {
        this.out = out;
    }

    ExitCode run(List<String> args, ChorusConfig config) {
        if (args.isEmpty()) {
            throw new Options.UsageException("admin account needs a command: create, list, disable, enable or approve");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        // The whole command line is checked before the database is touched.
        Action action = switch (command) {
            case "create" -> {
                Options o = Options.parse(rest, Set.of("--username", "--email", "--password-file", "--display-name"),
                        Set.of("--admin"));
                SignUp signUp = new SignUp(o.required("--username"), o.required("--email"),
                        readPassword(Path.of(o.required("--password-file"))), o.value("--display-name").orElse(""),
                        "", o.flag("--admin") ? SignUp.Role.ADMIN : SignUp.Role.USER, SignUp.Origin.OPERATOR);
                yield ctx -> create(ctx, signUp);
            }
            case "list" -> {
                int limit = parseLimit(Options.parse(rest, Set.of("--limit"), Set.of()).value("--limit").orElse("1000"));
                yield ctx -> list(ctx, limit);
            }
            case "disable" -> {
                String username = single(rest);
                yield ctx -> report(ctx.services().accounts().setDisabled(username, true).await(), "disabled");
            }
            case "enable" -> {
                String username = single(rest);
                yield ctx -> report(ctx.services().accounts().setDisabled(username, false).await(), "enabled");
            }
            case "approve" -> {
                String username = single(rest);
                yield ctx -> report(ctx.services().accounts().approve(username).await(), "approved");
            }
            default -> throw new Options.UsageException("unknown account command '" + command + "'");
        };
        try (AdminContext ctx = new AdminContext(config)) {
            return action.run(ctx);
        } catch (ClientError e) {
            throw new CommandException(e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Action {
        ExitCode run(AdminContext ctx);
    }

    private ExitCode create(AdminContext ctx, SignUp signUp) {
        Account a = ctx.services().accounts().signUp(signUp).await();
        out.println("Created " + (signUp.role() == SignUp.Role.ADMIN ? "admin " : "") + "account " + a.acct()
                + " (id " + a.id() + "): " + a.uri());
        return ExitCode.OK;
    }

    private ExitCode list(AdminContext ctx, int limit) {
        List<LocalAccount> accounts = ctx.services().accounts().listLocal(limit, 0).await();
        out.printf("%-8s %-30s %-40s %-6s %s%n", "id", "username", "email", "role", "state");
        for (LocalAccount la : accounts) {
            String state = la.user().disabled() ? "disabled" : la.user().approved() ? "active" : "pending";
            out.printf("%-8d %-30s %-40s %-6s %s%n", la.account().id(), la.account().username(), la.user().email(),
                    la.user().admin() ? "admin" : "user", state);
        }
        return ExitCode.OK;
    }

    private ExitCode report(Account a, String what) {
        out.println("Account " + a.acct() + " " + what + ".");
        return ExitCode.OK;
    }

    private static String single(List<String> rest) {
        if (rest.size() != 1) {
            throw new Options.UsageException("expected exactly one username");
        }
        return rest.get(0);
    }

    private static int parseLimit(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Options.UsageException("--limit must be a positive whole number");
    }

    private static String readPassword(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new CommandException("The password file " + file + " is empty.");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw new CommandException("Cannot read the password file " + file + ": " + e.getClass().getSimpleName()
                    + ".");
        }
    }
}
