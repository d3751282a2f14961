package social.chorus.federation.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.chorus.testing.TestDatabase;

/**
 * The inbox benchmark's knobs, from system properties ({@code -Dchorus.bench.inbox.*}). The
 * defaults are the issues' workload on a server started with Chorus's own defaults.
 *
 * @param requests measured requests (N)
 * @param concurrency client threads during the measured run (C)
 * @param warmUp requests sent first and not counted
 * @param warmUpConcurrency client threads during the warm-up (C unless set)
 * @param databases the databases to run on, in order
 * @param poolSize CHORUS_DB_POOL_SIZE for the instance; empty leaves Chorus's default
 * @param logLevel level for Chorus's loggers during the run; empty leaves the shipped INFO
 */
record InboxSettings(int requests, int concurrency, int warmUp, int warmUpConcurrency,
        List<TestDatabase.Kind> databases, Optional<Integer> poolSize, Optional<String> logLevel) {

    private static final String PREFIX = "chorus.bench.inbox.";

    static InboxSettings fromSystemProperties() {
        int concurrency = Integer.getInteger(PREFIX + "concurrency", 32);
        return new InboxSettings(
                Integer.getInteger(PREFIX + "requests", 2_000),
                concurrency,
                Integer.getInteger(PREFIX + "warmup", 1_000),
                Integer.getInteger(PREFIX + "warmup.concurrency", concurrency),
                Arrays.stream(System.getProperty(PREFIX + "databases", "MARIADB,H2").split(","))
                        .map(s -> TestDatabase.Kind.valueOf(s.strip().toUpperCase(Locale.ROOT))).toList(),
                Optional.ofNullable(Integer.getInteger(PREFIX + "poolSize")),
                Optional.ofNullable(System.getProperty(PREFIX + "logLevel")).filter(s -> !s.isBlank()));
    }
}
