package social.chorus.federation.bench;

import java.util.List;
import java.util.Locale;
import social.chorus.federation.bench.HomeTimelineBenchmark.Measured;
import social.chorus.federation.bench.HomeTimelineBenchmark.Run;

/** The home timeline benchmark's printed report: the dataset, a table per database, the plans, the goal. */
final class HomeReport {
    private static final String ROW = "| %-8s | %-19s | %-29s | %5d | %6.2f | %6.2f | %6.2f | %7.2f | %7d | %13s |%n";

    private final StringBuilder out = new StringBuilder();

    private HomeReport() {
    }

    static String render(HomeDataset d, long generateMs, int iterations, int warmup, List<Run> runs) {
        HomeReport r = new HomeReport();
        r.setup(d, generateMs, iterations, warmup, runs);
        for (Run run : runs) {
            r.results(run);
        }
        for (Run run : runs) {
            r.plans(run);
        }
        r.goal(runs);
        return r.out.toString();
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args));
    }

    private void setup(HomeDataset d, long generateMs, int iterations, int warmup, List<Run> runs) {
        line("%n=== Chorus home timeline benchmark ===%n");
        line("machine:  %s; benchmark, server and MariaDB share it%n", BenchMachine.describe());
        line("java:     %s %s%n", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        line("""
                dataset:  %,d statuses over 90 days (time-sortable ids) from %,d accounts (one in ten local,
                          the rest on 300 servers), activity skewed (rank r posts in proportion to 1/(r+20));
                          80%% public, 10%% unlisted, 7%% private, 3%% direct (each with 1-2 mentions), %,d
                          statuses with mentions, %,d with tags, %,d replies, %,d boosts; %,d follows of %d
                          other local people and of remote followers; %,d random blocks (generated in %d ms).
                viewers:  typical follows %,d (accepted; %d pending), whose posts are %.1f%% of all;
                          quiet follows %,d, whose posts are %.1f%% of all; each blocks 25 busy accounts and
                          is blocked by 15 (none followed), so boosts of their posts must be left out.
                timing:   TimelineService.home (the API's code: timeline query and the page's views) awaited
                          from one thread, limit 40; %d warm-up calls, then %,d timed calls per page shape.
                          Every page shape is first checked against the rules applied in memory.
                """, d.id.length, d.accounts(), d.mentions.size(), d.tags.size(), count(d.replyTo),
                count(d.reblogOf), d.otherFollows.size(), d.spec.otherViewers(), d.otherBlocks.size(), generateMs,
                d.typical.followed().size(), d.typical.pending().size(), 100 * d.followedShare(d.typical),
                d.quiet.followed().size(), 100 * d.followedShare(d.quiet), warmup, iterations);
        for (Run run : runs) {
            line("load:     %s %s: %,d statuses, %,d mentions, %,d tags, %,d follows, %,d blocks loaded in %.1f s;"
                    + " 1-minute load average after measuring %s%n", run.kind(), run.version(),
                    run.loaded().statuses(), run.loaded().mentions(), run.loaded().tags(), run.loaded().follows(),
                    run.loaded().blocks(), run.loaded().millis() / 1000.0, run.loadAverage());
        }
    }

    private static int count(int[] links) {
        int n = 0;
        for (int x : links) {
            n += x >= 0 ? 1 : 0;
        }
        return n;
    }

    private void results(Run run) {
        line("%n%s — ms per page of 40 (queries per page: statements for the timeline and its views;"
                + " handler reads: rows the engine read for the whole page, MariaDB only)%n", run.kind());
        line("| database | viewer (share)      | page                          |     N |    p50 |    p95 |"
                + "    p99 |     max | queries | handler reads |%n");
        line("|---|---|---|---|---|---|---|---|---|---|%n");
        for (Measured m : run.results()) {
            line(ROW, run.kind(), String.format(Locale.ROOT, "%s (%.1f%%)", m.viewer(), 100 * m.share()), m.shape(),
                    m.nanos().length, m.percentileMs(50), m.percentileMs(95), m.percentileMs(99),
                    m.percentileMs(100), m.cost().queries(),
                    m.cost().handlerReads() < 0 ? "-" : String.format(Locale.ROOT, "%,d", m.cost().handlerReads()));
        }
    }

    private void plans(Run run) {
        line("%n%s — the timeline statements' plans, as run (ANALYZE on MariaDB, EXPLAIN ANALYZE on H2)%n",
                run.kind());
        for (Measured m : run.results()) {
            line("  %s, %s:%n", m.viewer(), m.shape());
            m.cost().plans().forEach(p -> out.append(p));
        }
    }

    private void goal(List<Run> runs) {
        line("%nGoal: p99 of a 40-post page under %.0f ms (judged on MariaDB).%n", HomeTimelineBenchmark.GOAL_P99_MS);
        for (Run run : runs) {
            double worst = run.results().stream().mapToDouble(m -> m.percentileMs(99)).max().orElse(Double.NaN);
            line("  %s: worst p99 %.2f ms — %s%n", run.kind(), worst,
                    worst < HomeTimelineBenchmark.GOAL_P99_MS ? "met" : "NOT met");
        }
    }
}
