package social.chorus.federation.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import social.chorus.testing.TestDatabase;

/** The inbox benchmark's printed report: setup, the results table, the ceiling, CPU, and the goals. */
final class InboxReport {
    /** Issue 4's goal for the inbox, set for Create(Note). */
    static final double GOAL_PER_SECOND = 1_500;
    static final double GOAL_P99_MS = 100;
    private static final String ROW =
            "| %-8s | %6d | %3d | %6.2f | %10.0f | %6.1f | %6.1f | %6.1f | %7.1f | %-10s | %-10s |%n";
    private static final String HEAD =
            "| %-8s | %6s | %3s | %6s | %10s | %6s | %6s | %6s | %7s | %-10s | %-10s |%n";

    private final StringBuilder out = new StringBuilder();

    private InboxReport() {
    }

    static String render(InboxWorkload workload, InboxSettings s, int actors, long keyMs, String loadBefore,
            Duration verifyTime, List<InboxRun> runs) {
        InboxReport r = new InboxReport();
        r.setup(workload, s, actors, keyMs, loadBefore, runs);
        r.results(runs);
        r.ceiling(verifyTime, runs);
        r.cpu(runs);
        r.goals(runs);
        return r.out.toString();
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args));
    }

    private void setup(InboxWorkload workload, InboxSettings s, int actors, long keyMs, String loadBefore,
            List<InboxRun> runs) {
        line("%n=== Chorus inbox benchmark: %s ===%n", workload.label);
        line("machine:  %s; client, server and MariaDB share it%n", BenchMachine.describe());
        line("java:     %s %s (%s), surefire's JVM flags%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor"));
        line("load:     1-minute load average %s before; after each database: %s%n", loadBefore,
                String.join(", ", runs.stream().map(r -> r.kind() + " " + r.loadAfter()).toList()));
        line("""
                workload: %s
                          N = %d, to one in-process instance, from %d remote actors on 10 hosts whose RSA-2048
                          keys are stored (generated in %d ms; never fetched), draft-cavage rsa-sha256 over
                          (request-target) host date digest content-type, signed just before the run.
                          C = %d concurrent client threads (closed loop, java.net.http HTTP/1.1 keep-alive).
                          Warm-up: %d requests (concurrency %d) with their own activity ids, not counted.
                deliveries: the delivery worker was stopped before the run (nothing sent); the actors'
                          inboxes point at %s (loopback, closed port) as a backstop.
                server:   CHORUS_DB_POOL_SIZE %s, Chorus log level %s (INFO: what the server logs per
                          request, to surefire's stdout pipe).
                """, workload.description, s.requests(), actors, keyMs, s.concurrency(), s.warmUp(),
                s.warmUpConcurrency(), BenchPeers.DEAD_INBOX, s.poolSize().map(p -> p + " (set)").orElse(runs.isEmpty() ? "?"
                        : runs.get(0).poolSize() + " (default)"), s.logLevel().orElse("INFO (shipped)"));
    }

    private void results(List<InboxRun> runs) {
        line("%n" + HEAD, "database", "N", "C", "wall s", "accepted/s", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "statuses", "warm-up statuses");
        line("|---|---|---|---|---|---|---|---|---|---|---|%n");
        for (InboxRun r : runs) {
            InboxLoad.Result x = r.result();
            line(ROW, r.kind(), x.requests(), x.concurrency(), x.wallNanos() / 1e9, x.acceptedPerSecond(),
                    x.percentileMs(50), x.percentileMs(90), x.percentileMs(99), x.maxMs(), x.statuses(),
                    r.warmUp().statuses());
        }
        line("%nHandled (warm-up + run): %s.%n", String.join("; ", runs.stream().map(r -> String.format(Locale.ROOT,
                "%s %d of %d answered 202, %s", r.kind(), r.acceptedTotal(), r.requestsTotal(),
                String.join(", ", r.handled().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .toList()))).toList()));
        for (InboxRun r : runs) {
            if (r.acceptedTotal() == r.requestsTotal() && r.serverErrors().isEmpty()) {
                continue;
            }
            line("NOT ALL ACCEPTED on %s. Server ERROR log events by root cause (warm-up and run):%n", r.kind());
            r.serverErrors().forEach((cause, n) -> line("  %5d x %s%n", n, cause));
            List<String> failures = new ArrayList<>(r.warmUp().failures());
            failures.addAll(r.result().failures());
            failures.stream().limit(3).forEach(f -> line("  e.g. %s%n", f));
        }
    }

    private void ceiling(Duration verifyTime, List<InboxRun> runs) {
        line("%nCeiling: the same signed requests parsed and verified with SignatureVerifier on one thread"
                + " for %d s%n(no HTTP, no database, no JSON-LD; measured right after each database's run)%n%n",
                verifyTime.toSeconds());
        line("| %-8s | %17s | %20s | %17s | %20s |%n", "database", "verify/s 1 thread", "with PEM decode each",
                "x cores (ceiling)", "accepted/s : verify/s");
        line("|---|---|---|---|---|%n");
        int cores = Runtime.getRuntime().availableProcessors();
        for (InboxRun r : runs) {
            line("| %-8s | %17.0f | %20.0f | %17.0f | %20s |%n", r.kind(), r.verifyPerSecond(),
                    r.verifyPemPerSecond(), r.verifyPerSecond() * cores, String.format(Locale.ROOT, "1 : %.0f",
                            r.verifyPerSecond() / Math.max(1e-9, r.result().acceptedPerSecond())));
        }
    }

    private void cpu(List<InboxRun> runs) {
        line("%nWhere this JVM's CPU went during the measured run (client threads included):%n");
        for (InboxRun r : runs) {
            line("%s %s, pool %d; the MariaDB server process (mariadbd) used %.2f s CPU meanwhile%n", r.kind(),
                    r.version(), r.poolSize(), r.mariadbCpuSeconds());
            r.cpu().forEach(l -> line("%s%n", l));
        }
        // CPU per request is steadier than throughput when other work shares the machine.
        line("%nCPU per measured request (server threads of this JVM, not the load generator's; plus mariadbd):%n");
        int cores = Runtime.getRuntime().availableProcessors();
        for (InboxRun r : runs) {
            // On H2 whatever mariadbd did meanwhile was someone else's work.
            double db = r.kind() == TestDatabase.Kind.MARIADB ? r.mariadbCpuMsPerRequest() : 0;
            double total = r.serverCpuMsPerRequest() + db;
            line("  %-8s %.2f ms JVM + %.2f ms mariadbd = %.2f ms: at most %.0f/s on %d cores with nothing else"
                    + " running%n", r.kind(), r.serverCpuMsPerRequest(), db, total,
                    cores * 1000 / Math.max(1e-9, total), cores);
        }
    }

    private void goals(List<InboxRun> runs) {
        line("%nGoals (reference, judged here, never asserted):%n"
                + "  issue 4 (set for Create(Note); Follow judged against it for comparison): >= %.0f accepted/s"
                + " on MariaDB, p99 < %.0f ms.%n", GOAL_PER_SECOND, GOAL_P99_MS);
        for (InboxRun r : runs) {
            double rate = r.result().acceptedPerSecond();
            double p99 = r.result().percentileMs(99);
            line("  %-8s %7.0f/s %s, p99 %6.1f ms %s%s%n", r.kind(), rate, rate >= GOAL_PER_SECOND ? "met"
                    : "NOT MET", p99, p99 < GOAL_P99_MS ? "met" : "NOT MET",
                    r.kind() == TestDatabase.Kind.MARIADB ? "" : "  (the goal names MariaDB; for comparison)");
        }
    }
}
