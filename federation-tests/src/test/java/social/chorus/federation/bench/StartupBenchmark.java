package social.chorus.federation.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import social.chorus.federation.rig.JarProcess;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.TestPorts;

/**
 * How long {@code java -jar chorus.jar} takes to answer /healthz and how much memory it holds when
 * idle, on each database, started exactly as a user starts it (no JVM flags). It prints figures and
 * does not judge them: timings depend on the machine, so a threshold here would only make the build
 * flaky. It fails only if the server does not become healthy.
 *
 * <p>Run: {@code ./mvnw -q -DskipTests install && ./mvnw -pl federation-tests verify -Dbenchmarks}.
 * Tune with {@code -Dchorus.bench.runs=N} and {@code -Dchorus.bench.idleSeconds=S}.
 */
@Tag("benchmark")
class StartupBenchmark {
    private static final long READY_GOAL_MS = 3_000;
    private static final long IDLE_RSS_GOAL_MB = 250;
    /** One table row; the header reuses it with every {@code d} turned into {@code s}. */
    private static final String ROW = "| %-8s | %12d | %6d | %6d | %13d | %10d | %6d | %6d | %s |";
    private static final Pattern SERVER_READY = Pattern.compile("ready in (\\d+) ms");

    /** One start: wall time to first 200, the server's own "ready in" figure, and RSS after idling. */
    private record Run(long readyMs, long serverReadyMs, long idleRssKb) {
    }

    @Test
    void startupTimeAndIdleMemory() {
        int runs = Integer.getInteger("chorus.bench.runs", 5);
        int idleSeconds = Integer.getInteger("chorus.bench.idleSeconds", 5);
        Path jar = JarProcess.chorusJar();
        String loadBefore = loadAverage();

        Map<TestDatabase.Kind, List<Run>> results = new EnumMap<>(TestDatabase.Kind.class);
        for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
            List<Run> kindRuns = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                kindRuns.add(measure(jar, kind, idleSeconds));
            }
            results.put(kind, kindRuns);
        }
        // stdout, not a logger: surefire forwards it to the console, where whoever ran the command reads it.
        String load = "1-minute load average " + loadBefore + " before, " + loadAverage() + " after";
        System.out.println(report(jar, runs, idleSeconds, load, results));
    }

    /**
     * A fresh database each run, so every run does the same work (the migrations of a first start)
     * and no run benefits from another's H2 file or schema.
     */
    private static Run measure(Path jar, TestDatabase.Kind kind, int idleSeconds) {
        try (TestDatabase db = TestDatabase.create(kind);
                JarProcess chorus = JarProcess.start(jar, JarProcess.serverEnv(TestPorts.free(), db.env()))) {
            JarProcess.Health health = chorus.awaitHealthy(Duration.ofSeconds(60), Duration.ofMillis(10));
            assertThat(health.status()).isEqualTo(200);
            sleep(Duration.ofSeconds(idleSeconds));
            assertThat(chorus.isAlive()).as("still running after idling\n%s", chorus.output()).isTrue();
            long rssKb = chorus.rssKb();
            chorus.terminate(Duration.ofSeconds(30));
            return new Run(health.sinceStart().toMillis(), serverReadyMs(chorus.stdout() + chorus.stderr()), rssKb);
        }
    }

    /** The server's own start-up time (database open to listening), without JVM start and class loading. */
    private static long serverReadyMs(String output) {
        Matcher m = SERVER_READY.matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String row(TestDatabase.Kind kind, List<Run> results) {
        List<Long> ready = results.stream().map(Run::readyMs).sorted().toList();
        List<Long> server = results.stream().map(Run::serverReadyMs).sorted().toList();
        List<Long> rssMb = results.stream().map(r -> Math.round(r.idleRssKb() / 1024.0)).sorted().toList();
        String each = String.join(" ", results.stream().map(r -> Long.toString(r.readyMs())).toList());
        return String.format(Locale.ROOT, ROW, kind, ready.get(0),
                median(ready), ready.get(ready.size() - 1), median(server), rssMb.get(0), median(rssMb),
                rssMb.get(rssMb.size() - 1), each);
    }

    private static String report(Path jar, int runs, int idleSeconds, String load,
            Map<TestDatabase.Kind, List<Run>> results) {
        StringBuilder out = new StringBuilder("\n=== Chorus startup benchmark ===\n");
        out.append(String.format(Locale.ROOT, "jar:     %s%n", jar));
        out.append(String.format(Locale.ROOT, "java:    %s (%s %s, %s), started with no JVM flags%n",
                JarProcess.javaExecutable(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor")));
        out.append(String.format(Locale.ROOT, "machine: %d CPUs, %s RAM (the JVM's default heap is a share of it)%n",
                Runtime.getRuntime().availableProcessors(), memTotal()));
        // Other work on the machine (a parallel build) slows start-up a lot; the load says how far to trust the run.
        out.append(String.format(Locale.ROOT, "load:    %s%n", load));
        out.append(String.format(Locale.ROOT,
                "method:  %d runs per database, fresh database each run (migrations applied at start);%n"
                        + "         ready = process start to first 200 on /healthz (polled every 10 ms);%n"
                        + "         server = the server's own 'ready in' log figure (no JVM start-up);%n"
                        + "         RSS = VmRSS after %d s idle%n%n", runs, idleSeconds));
        out.append(String.format(Locale.ROOT, ROW.replace('d', 's'), "database", "ready ms min", "median", "max",
                "server median", "RSS MB min", "median", "max", "ready ms per run")).append('\n');
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        results.forEach((kind, kindRuns) -> out.append(row(kind, kindRuns)).append('\n'));
        out.append(String.format(Locale.ROOT, "%nGoals (reported, not asserted): ready < %d ms;"
                + " idle RSS < %d MB on the embedded database (H2). Judged on the medians:%n", READY_GOAL_MS,
                IDLE_RSS_GOAL_MB));
        results.forEach((kind, kindRuns) -> {
            long ready = median(kindRuns.stream().map(Run::readyMs).sorted().toList());
            out.append(String.format(Locale.ROOT, "  %-8s ready %5d ms  %s%n", kind, ready,
                    ready < READY_GOAL_MS ? "met" : "NOT MET"));
        });
        long h2RssMb = median(results.get(TestDatabase.Kind.H2).stream()
                .map(r -> Math.round(r.idleRssKb() / 1024.0)).sorted().toList());
        out.append(String.format(Locale.ROOT, "  %-8s idle RSS %4d MB  %s%n", TestDatabase.Kind.H2, h2RssMb,
                h2RssMb < IDLE_RSS_GOAL_MB ? "met" : "NOT MET"));
        return out.toString();
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Math.round(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0) + " GB")
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
