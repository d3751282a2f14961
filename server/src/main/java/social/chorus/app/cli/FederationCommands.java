package social.chorus.app.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.chorus.app.ExitCode;
import social.chorus.app.FederationServices;
import social.chorus.app.config.ChorusConfig;
import social.chorus.storage.DeliveryRepository.Stats;
import social.chorus.storage.RemoteHostRepository.HostState;

/** {@code admin federation status|revive}: the delivery queue and the hosts it has given up on. */
final class FederationCommands {
    static final String USAGE = """
              federation status
                              Delivery queue: pending, in flight, failed (those still kept), the
                              oldest due job, and the hosts that are gone or unavailable (failed on
                              7 distinct days).
              federation revive HOST
                              Forget HOST's failures so deliveries to it are tried again.
            """;
    private static final int HOST_LIMIT = 200;

    private final PrintStream out;
    private final Clock clock;

    FederationCommands(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    ExitCode run(List<String> args, ChorusConfig config) {
        if (args.isEmpty()) {
            throw new Options.UsageException("admin federation needs a command: status or revive");
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        Action action = switch (command) {
            case "status" -> {
                if (!rest.isEmpty()) {
                    throw new Options.UsageException("federation status takes no arguments");
                }
                yield ctx -> status(ctx, config.retention().failedDeliveries());
            }
            case "revive" -> {
                if (rest.size() != 1 || rest.get(0).isBlank()) {
                    throw new Options.UsageException("expected exactly one host");
                }
                String host = rest.get(0).toLowerCase(Locale.ROOT);
                yield ctx -> revive(ctx, host);
            }
            default -> throw new Options.UsageException("unknown federation command '" + command + "'");
        };
        try (AdminContext ctx = new AdminContext(config)) {
            return action.run(ctx);
        }
    }

    @FunctionalInterface
    private interface Action {
        ExitCode run(AdminContext ctx);
    }

    /** Failed jobs are counted as long as housekeeping keeps them: {@code failedKept}. */
    private ExitCode status(AdminContext ctx, Duration failedKept) {
        FederationServices fed = ctx.services().federation();
        Stats stats = ctx.services().db().read(dsl -> fed.deliveries().stats(dsl)).await();
        List<HostState> down = ctx.services().db().read(dsl -> fed.remoteHosts().listUnavailable(dsl, HOST_LIMIT))
                .await();
        Instant now = clock.instant();
        out.println("Deliveries pending:   " + stats.pending());
        out.println("Deliveries in flight: " + stats.inFlight());
        out.println("Deliveries failed:    " + stats.failed() + " (kept " + age(failedKept)
                + " after their last attempt)");
        out.println("Oldest due job:       " + stats.oldestDue()
                .map(at -> at + " (waiting " + age(Duration.between(at, now)) + ")").orElse("none"));
        out.println("Unavailable hosts:    " + down.size() + (down.size() == HOST_LIMIT ? "+" : ""));
        for (HostState h : down) {
            Optional<Instant> since = h.unavailableSince().or(h::firstFailureAt);
            out.printf("  %-40s %-11s since %s, failed on %d distinct days%n", h.host(),
                    h.gone() ? "gone" : "unavailable", since.map(Instant::toString).orElse("?"), h.failureDays());
        }
        return ExitCode.OK;
    }

    private ExitCode revive(AdminContext ctx, String host) {
        FederationServices fed = ctx.services().federation();
        boolean known = ctx.services().db().tx(dsl -> {
            boolean exists = fed.remoteHosts().find(dsl, host).isPresent();
            fed.remoteHosts().forget(dsl, host);
            return exists;
        }).await();
        if (!known) {
            throw new CommandException("No delivery failures are recorded for " + host + ".");
        }
        out.println("Host " + host + " revived: its next deliveries will be tried.");
        return ExitCode.OK;
    }

    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172_800) {
            return s / 3600 + "h";
        }
        return s / 86_400 + "d";
    }
}
