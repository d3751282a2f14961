package social.chorus.federation.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.schema.tables.records.DeliveryRecord;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.RemoteHostRepository.HostState;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.TestPorts;
import social.chorus.testing.TestClock;

/** The worker against real (loopback) inboxes and a clock the test moves, on both databases. */
class DeliveryWorkerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final DeliveryWorker.Options OPTIONS = new DeliveryWorker.Options(50, Duration.ofSeconds(1),
            Duration.ofMinutes(2), 4, Duration.ofSeconds(2), CircuitBreaker.Options.DEFAULT);

    private final TestClock clock = new TestClock(T0);
    private final TestPorts.ClosedPort closed = TestPorts.closed();

    @AfterEach
    void releasePort() {
        closed.close();
    }

    /** Nothing listens there, nor can for the whole test: every attempt is "connection refused". */
    private String closedInbox() {
        return "http://127.0.0.1:" + closed.port() + "/inbox";
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void backoffScheduleIsFollowedAgainstAnUnreachableHostThenTheJobIsGivenUp(TestDatabase.Kind kind) {
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            DeliveryWorker worker = rig.node.worker(OPTIONS);
            String id = rig.enqueue(1, closedInbox()).get(0);
            RetryPolicy policy = new RetryPolicy();
            for (int n = 1; n < RetryPolicy.MAX_ATTEMPTS; n++) {
                assertThat(worker.runOnce().await()).as("claimed at attempt %d", n).isEqualTo(1);
                DeliveryRecord job = rig.job(id);
                assertThat(job.getAttempts()).isEqualTo(n);
                assertThat(job.getState()).isEqualTo("pending");
                assertThat(job.getLastError()).isEqualTo("no answer");
                Instant next = DeliveryRig.instant(job.getNextAttemptAt());
                assertThat(next).as("retry after attempt %d", n).isEqualTo(clock.instant().plus(policy.backoff(n, 0.5)));

                // Not a moment early.
                clock.set(next.minusMillis(1));
                assertThat(worker.runOnce().await()).isZero();
                clock.set(next);
            }
            assertThat(Duration.between(T0, clock.instant())).isBetween(Duration.ofHours(40), Duration.ofHours(60));

            assertThat(worker.runOnce().await()).isEqualTo(1);
            DeliveryRecord last = rig.job(id);
            assertThat(last.getState()).isEqualTo("failed");
            assertThat(last.getAttempts()).isEqualTo(RetryPolicy.MAX_ATTEMPTS);
            assertThat(last.getLastError()).contains("no success after 17 attempts");
            clock.advance(Duration.ofDays(30));
            assertThat(worker.runOnce().await()).isZero();
            assertThat(rig.stats().failed()).isEqualTo(1);
            assertThat(rig.stats().pending()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aHostFailingOnSevenDaysIsSkippedUntilItAnswersAgain(TestDatabase.Kind kind) {
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(503)));
            String host = "127.0.0.1:" + rig.wm.port();
            DeliveryWorker worker = rig.node.worker(OPTIONS);
            String first = rig.enqueue(1, rig.inbox()).get(0);
            for (int day = 1; day <= 6; day++) {
                assertThat(worker.runOnce().await()).isEqualTo(1);
                // A second failure the same day changes nothing.
                clock.set(DeliveryRig.instant(rig.job(first).getNextAttemptAt()));
                assertThat(worker.runOnce().await()).isEqualTo(1);
                clock.advance(Duration.ofDays(1));
            }
            HostState six = rig.node.db.read(dsl -> rig.node.hosts.find(dsl, host)).await().orElseThrow();
            assertThat(six.failureDays()).isEqualTo(6);
            assertThat(HostHealth.available(six)).isTrue();

            Instant day7 = clock.instant();
            assertThat(worker.runOnce().await()).isEqualTo(1);
            HostState seven = rig.node.db.read(dsl -> rig.node.hosts.find(dsl, host)).await().orElseThrow();
            assertThat(seven.failureDays()).isEqualTo(7);
            assertThat(seven.unavailableSince()).contains(day7);
            int requestsSoFar = rig.wm.getAllServeEvents().size();

            // Its pending and new jobs are failed without a request, with the reason.
            String later = rig.enqueue(1, rig.inbox()).get(0);
            clock.advance(Duration.ofDays(1));
            assertThat(worker.runOnce().await()).isEqualTo(2);
            assertThat(rig.wm.getAllServeEvents()).hasSize(requestsSoFar);
            for (String id : List.of(first, later)) {
                assertThat(rig.job(id).getState()).isEqualTo("failed");
                assertThat(rig.job(id).getLastError()).contains("unavailable since " + day7)
                        .contains("7 distinct days");
            }

            // The host answers again (e.g. it contacts us): deliveries resume and the record is reset.
            rig.node.db.tx(dsl -> {
                rig.node.hosts.recordSuccess(dsl, host);
                return null;
            }).await();
            rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(202)));
            String revived = rig.enqueue(1, rig.inbox()).get(0);
            assertThat(worker.runOnce().await()).isEqualTo(1);
            assertThat(rig.job(revived).getState()).isEqualTo("done");
            HostState back = rig.node.db.read(dsl -> rig.node.hosts.find(dsl, host)).await().orElseThrow();
            assertThat(back.failureDays()).isZero();
            assertThat(HostHealth.available(back)).isTrue();
            assertThat(back.lastSuccessAt()).contains(clock.instant());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theBreakerPausesAHostThatFailsFastWithoutUsingUpAttempts(TestDatabase.Kind kind) {
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            DeliveryWorker worker = rig.node.worker(new DeliveryWorker.Options(1, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 4, Duration.ofSeconds(2),
                    new CircuitBreaker.Options(3, Duration.ofMinutes(1), Duration.ofMinutes(1))));
            List<String> ids = rig.enqueue(4, closedInbox());
            for (int i = 0; i < 3; i++) {
                assertThat(worker.runOnce().await()).isEqualTo(1);
                clock.advance(Duration.ofSeconds(1));
            }
            String fourth = ids.get(3);
            assertThat(rig.job(fourth).getAttempts()).isZero();
            Instant paused = clock.instant();
            assertThat(worker.runOnce().await()).isEqualTo(1);
            DeliveryRecord job = rig.job(fourth);
            assertThat(job.getAttempts()).as("a paused job keeps its attempts").isZero();
            assertThat(job.getState()).isEqualTo("pending");
            assertThat(DeliveryRig.instant(job.getNextAttemptAt()))
                    .isEqualTo(paused.minusSeconds(1).plus(Duration.ofMinutes(1)));
            assertThat(job.getLastStatus()).isNull();
            assertThat(job.getLastError()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aHostGetsAtMostCapPostsAtOnceWhileItsOtherLanesWaitForASlot(TestDatabase.Kind kind) {
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(202).withFixedDelay(200)));
            DeliveryWorker worker = rig.node.worker(new DeliveryWorker.Options(50, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 2, Duration.ofSeconds(3), CircuitBreaker.Options.DEFAULT));
            List<String> ids = rig.enqueue(10, rig.inbox());
            long started = System.nanoTime();
            assertThat(worker.runOnce().await()).isEqualTo(10);
            // Ten POSTs of 200 ms, never more than two at a time: at least five rounds.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
            assertThat(rig.wm.getAllServeEvents()).hasSize(10);
            assertThat(ids).allSatisfy(id -> assertThat(rig.job(id).getState()).isEqualTo("done"));
            assertThat(rig.stats().pending()).isZero();
            assertThat(rig.receivedPerActivity()).hasSize(10).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aLaneThatWaitedHalfItsLeaseIsGivenBackUnsent(TestDatabase.Kind kind) throws Exception {
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            // Each answer takes a second, so the first lane sends for three while the second waits.
            rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(202).withFixedDelay(1000)));
            DeliveryWorker worker = rig.node.worker(new DeliveryWorker.Options(50, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 1, Duration.ofSeconds(3), CircuitBreaker.Options.DEFAULT));
            List<String> ids = rig.enqueue(2 * DeliveryWorker.WAVES, rig.inbox());
            io.vertx.core.Future<Integer> run = worker.runOnce();
            // Once the first lane's first POST is in (the batch was claimed and dispatched at T0, so
            // the waiting lane's deadline is T0 plus half the lease), more than half the lease passes.
            // Waiting for that POST rather than for a fixed time: a slow claim would otherwise
            // dispatch after the clock moved, and both lanes would be in time.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (rig.wm.getAllServeEvents().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(rig.wm.getAllServeEvents()).as("the first lane's first POST").isNotEmpty();
            clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            assertThat(run.await()).isEqualTo(2 * DeliveryWorker.WAVES);
            assertThat(rig.wm.getAllServeEvents()).hasSize(DeliveryWorker.WAVES);
            long done = ids.stream().filter(id -> rig.job(id).getState().equals("done")).count();
            assertThat(done).isEqualTo(DeliveryWorker.WAVES);
            for (String id : ids) {
                DeliveryRecord job = rig.job(id);
                if (job.getState().equals("pending")) {
                    assertThat(job.getAttempts()).as("a job given back keeps its attempts").isZero();
                    assertThat(DeliveryRig.instant(job.getNextAttemptAt())).isEqualTo(T0.plusSeconds(3));
                }
            }
            assertThat(rig.stats().inFlight()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void jobsClaimedByAWorkerThatDiedAreDeliveredByAnotherAfterTheLease(TestDatabase.Kind kind) {
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            List<String> ids = rig.enqueue(10, rig.inbox());
            // The first process claims everything, then dies before sending or settling.
            DeliveryRig.Node dead = rig.anotherNode(clock);
            assertThat(dead.db.tx(dsl -> dead.deliveries.claimDue(dsl, 100, Duration.ofSeconds(30))).await())
                    .hasSize(10);
            dead.close();
            assertThat(rig.stats().inFlight()).isEqualTo(10);

            DeliveryWorker survivor = rig.node.worker(new DeliveryWorker.Options(50, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 16, Duration.ofSeconds(2), CircuitBreaker.Options.DEFAULT));
            assertThat(survivor.runOnce().await()).as("held by the lease").isZero();
            clock.advance(Duration.ofSeconds(30));
            assertThat(survivor.runOnce().await()).isEqualTo(10);

            assertThat(rig.receivedPerActivity()).containsOnlyKeys(ids).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            for (String id : ids) {
                assertThat(rig.job(id).getState()).isEqualTo("done");
                assertThat(rig.job(id).getAttempts()).isEqualTo(2); // the dead worker's claim counted
            }
            assertThat(rig.stats().inFlight()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void a410FromASharedInboxMarksTheHostGoneButFromAPersonalInboxOnlyFailsTheJob(TestDatabase.Kind kind) {
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            rig.wm.stubFor(post("/inbox").willReturn(aResponse().withStatus(410)));
            rig.wm.stubFor(post("/users/bob/inbox").willReturn(aResponse().withStatus(410)));
            String base = "http://127.0.0.1:" + rig.wm.port();
            String host = "127.0.0.1:" + rig.wm.port();
            rig.node.db.tx(dsl -> new AccountRepository(clock).upsertRemote(dsl, remoteWithSharedInbox(base)))
                    .await();
            DeliveryWorker worker = rig.node.worker(OPTIONS);

            String personal = rig.enqueue(1, base + "/users/bob/inbox").get(0);
            assertThat(worker.runOnce().await()).isEqualTo(1);
            assertThat(rig.job(personal).getState()).isEqualTo("failed");
            assertThat(rig.node.db.read(dsl -> rig.node.hosts.find(dsl, host)).await()).isEmpty();

            String shared = rig.enqueue(1, rig.inbox()).get(0);
            assertThat(worker.runOnce().await()).isEqualTo(1);
            assertThat(rig.job(shared).getLastError()).isEqualTo("refused with HTTP 410");
            HostState gone = rig.node.db.read(dsl -> rig.node.hosts.find(dsl, host)).await().orElseThrow();
            assertThat(gone.gone()).isTrue();

            int requests = rig.wm.getAllServeEvents().size();
            String next = rig.enqueue(1, base + "/users/bob/inbox").get(0);
            assertThat(worker.runOnce().await()).isEqualTo(1);
            assertThat(rig.wm.getAllServeEvents()).hasSize(requests);
            assertThat(rig.job(next).getLastError()).contains("is gone (410 from its shared inbox)");
        }
    }

    private static Account remoteWithSharedInbox(String base) {
        String uri = base + "/users/bob";
        return new Account(0, "bob", URI.create(base).getAuthority(), ActorType.PERSON, uri, base + "/@bob", "bob", "",
                new Account.ActorEndpoints(uri + "/inbox", uri + "/outbox", base + "/inbox", uri + "/followers",
                        uri + "/following"),
                new Account.PublicKey(uri + "#main-key", "-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"),
                null, new Account.AccountFlags(false, true, true), new Account.AccountCounts(0, 0, 0), null, null,
                Instant.parse("2026-11-01T00:00:00Z"));
    }
}
