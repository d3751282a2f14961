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
        List<String> cpu, double mariadbCpuSeconds, Map<String, Integer> serverErrors,
        String loadAfter) {

    int acceptedTotal() {
        return warmUp.accepted() + result.accepted();
    }

    int requestsTotal() {
        return warmUp.requests() + result.requests();
    }
}
