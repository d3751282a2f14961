package social.chorus.federation.bench;

import java.util.List;
import java.util.Map;
import social.chorus.testing.TestDatabase;

/**
 * One database's share of an inbox benchmark: the warm-up and the measured load, the verify
 * ceilings over the same signed requests, what the server stored (by name), and where the CPU went.
 */
record InboxRun(TestDatabase.Kind kind, String version, int poolSize, InboxLoad.Result warmUp,
        InboxLoad.Result result, double verifyPerSecond, double verifyPemPerSecond, Map<String, Integer> handled,
        List<String> cpu, double serverCpuSeconds, double mariadbCpuSeconds, Map<String, Integer> serverErrors,
        String loadAfter) {

    int acceptedTotal() {
        return warmUp.accepted() + result.accepted();
    }

    /** CPU milliseconds per measured request: this JVM's server threads, and the MariaDB server. */
    double serverCpuMsPerRequest() {
        return 1000 * serverCpuSeconds / Math.max(1, result.requests());
    }

    double mariadbCpuMsPerRequest() {
        return 1000 * mariadbCpuSeconds / Math.max(1, result.requests());
    }

    int requestsTotal() {
        return warmUp.requests() + result.requests();
    }
}
