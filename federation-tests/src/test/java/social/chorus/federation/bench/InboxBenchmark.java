package social.chorus.federation.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import social.chorus.app.Chorus;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.Keys;
import social.chorus.model.Account;
import social.chorus.process.account.SignUp;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * The inbox under load: signed deliveries from 100 remote actors whose keys are already stored,
 * posted concurrently to an in-process instance: accepted per second and p50/p99 latency; and,
 * over the same signed requests, how fast one thread verifies them with no HTTP or database (the
 * ceiling). Two workloads ({@link InboxWorkload}): issue 3's {@code Follow}s to a personal inbox,
 * and issue 4's public {@code Create(Note)}s to the shared inbox from followed actors. It prints
 * figures and judges them against the goals without asserting them (timings depend on the
 * machine); it fails only if the run did not work: a request not answered 202, or a delivery
 * whose effect is missing (an Accept not queued, a note not stored or not in the home timeline).
 *
 * <p>Run both: {@code ./mvnw -o -pl federation-tests -am verify -Dbenchmarks -Dtest=InboxBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (the server is built in the same reactor, so the run
 * cannot pick up another checkout's jar from a shared ~/.m2; without {@code -Dbenchmarks} the tag
 * filter leaves nothing to run); one: {@code -Dtest='InboxBenchmark#signedCreates*'} or
 * {@code #signedFollows*}. Knobs ({@code -Dchorus.bench.inbox.X}, see {@link InboxSettings}):
 * {@code requests} (2000), {@code concurrency} (32), {@code warmup} (1000: with 200 the JIT was still
 * compiling and CPU per request came out a quarter higher), {@code warmup.concurrency} (as concurrency),
 * {@code databases} (MARIADB,H2), {@code poolSize} and {@code logLevel} (server defaults).
 */
@Tag("benchmark")
class InboxBenchmark {
    private static final int ACTORS = 100;
    private static final Duration VERIFY_TIME = Duration.ofSeconds(2);

    @Test
    void signedFollowsFromCachedActors() {
        List<InboxRun> runs = run(InboxWorkload.FOLLOW);
        SoftAssertions worked = worked(runs);
        for (InboxRun r : runs) {
            worked.assertThat(r.handled().get("Accepts queued")).as("Accepts queued on %s: one per accepted Follow",
                    r.kind()).isEqualTo(r.acceptedTotal());
            worked.assertThat(r.handled().get("followers")).as("followers on %s", r.kind())
                    .isEqualTo(Math.min(ACTORS, r.requestsTotal()));
        }
        worked.assertAll();
    }

    @Test
    void signedCreatesFromFollowedActors() {
        List<InboxRun> runs = run(InboxWorkload.CREATE);
        SoftAssertions worked = worked(runs);
        for (InboxRun r : runs) {
            worked.assertThat(r.handled().get("remote statuses")).as("notes stored on %s: one per accepted Create",
                    r.kind()).isEqualTo(r.acceptedTotal());
            worked.assertThat(r.handled().get("home timeline page of 40")).as("home timeline on %s", r.kind())
                    .isEqualTo(Math.min(40, r.acceptedTotal()));
        }
        worked.assertAll();
    }

    private static List<InboxRun> run(InboxWorkload workload) {
        InboxSettings settings = InboxSettings.fromSystemProperties();
        String loadBefore = BenchMachine.loadAverage();
        long t0 = System.nanoTime();
        BenchPeers peers = BenchPeers.generate(ACTORS, new Keys());
        long keyMs = (System.nanoTime() - t0) / 1_000_000;

        List<InboxRun> runs = new ArrayList<>();
        for (TestDatabase.Kind kind : settings.databases()) {
            runs.add(measure(workload, kind, peers, settings));
        }
        // stdout, not a logger: surefire forwards it to the console, where whoever ran the command reads it.
        System.out.println(InboxReport.render(workload, settings, ACTORS, keyMs, loadBefore, VERIFY_TIME, runs));
        return runs;
    }

    /** Only whether the run worked, never how fast: every delivery answered 202. */
    private static SoftAssertions worked(List<InboxRun> runs) {
        SoftAssertions worked = new SoftAssertions();
        for (InboxRun r : runs) {
            worked.assertThat(r.warmUp().statuses()).as("warm-up statuses on %s (server errors %s)", r.kind(),
                    r.serverErrors()).containsOnlyKeys(202);
            worked.assertThat(r.result().statuses()).as("measured statuses on %s (server errors %s)", r.kind(),
                    r.serverErrors()).containsOnlyKeys(202);
        }
        return worked;
    }

    private static InboxRun measure(InboxWorkload workload, TestDatabase.Kind kind, BenchPeers peers,
            InboxSettings s) {
        Map<String, String> env = new HashMap<>();
        s.poolSize().ifPresent(p -> env.put("CHORUS_DB_POOL_SIZE", Integer.toString(p)));
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, env));
            Logger chorusLog = (Logger) LoggerFactory.getLogger("social.chorus");
            Level shippedLevel = chorusLog.getLevel();
            try {
                // No Accept is sent during the run: the queue fills and nothing drains it.
                chorus.services().federation().deliveryWorker().stop();
                Account me = chorus.services().accounts().signUp(new SignUp("bench", "bench@bench.invalid",
                        "a long enough password", "Bench", "", SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
                workload.prepare(chorus, me, peers.storeIn(chorus));
                // The instance's own URL (http://localhost:port): the inbox refuses a signed Host naming another server.
                URI inbox = workload.inbox(chorus, me);
                s.logLevel().ifPresent(level -> chorusLog.setLevel(Level.toLevel(level, shippedLevel)));

                InboxLoad.Result warmResult;
                InboxLoad.Result result;
                List<HttpRequestView> signed;
                List<String> cpu;
                double mariadbCpu;
                double serverCpu;
                Map<String, Integer> errors;
                try (ServerErrors serverErrors = ServerErrors.attach();
                        InboxLoad warmLoad = new InboxLoad(s.warmUpConcurrency());
                        InboxLoad load = new InboxLoad(s.concurrency())) {
                    // Signed just before sending: the Date must stay within the inbox's ±1 h window.
                    List<HttpRequest> warm = InboxLoad.toHttp(workload.sign(peers, inbox, me, "warmup", s.warmUp()));
                    signed = workload.sign(peers, inbox, me, "run", s.requests());
                    List<HttpRequest> measured = InboxLoad.toHttp(signed);
                    warmResult = warmLoad.run(warm);
                    ThreadCpu before = ThreadCpu.snapshot();
                    double mariadbBefore = BenchMachine.processCpuSeconds("mariadbd");
                    result = load.run(measured);
                    mariadbCpu = BenchMachine.processCpuSeconds("mariadbd") - mariadbBefore;
                    ThreadCpu after = ThreadCpu.snapshot();
                    cpu = after.busiestSince(before, 8);
                    serverCpu = after.serverCpuSecondsSince(before);
                    errors = serverErrors.causes();
                }
                String loadAfter = BenchMachine.loadAverage();

                double verify = VerifyCeiling.rate(signed, VerifyCeiling.decoded(peers.publicKeys()), VERIFY_TIME);
                double verifyPem = VerifyCeiling.rate(signed, VerifyCeiling.fromPem(peers.publicKeyPems()),
                        VERIFY_TIME);

                // Handled, not just answered (checked by the caller).
                return new InboxRun(kind, chorus.services().db().version(), chorus.config().db().poolSize(),
                        warmResult, result, verify, verifyPem, workload.handled(chorus, me), cpu, serverCpu, mariadbCpu, errors,
                        loadAfter);
            } finally {
                chorusLog.setLevel(shippedLevel);
                chorus.stop();
            }
        }
    }
}
