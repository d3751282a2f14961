package social.chorus.federation.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.schema.Tables.DELIVERY;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.schema.tables.records.DeliveryRecord;
import social.chorus.storage.RemoteHostRepository.HostState;
import social.chorus.testing.Fixtures;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.TestPorts;
import social.chorus.testing.TestClock;

/**
 * A host that stops answering altogether (connection refused), followed day by day with a clock
 * the test moves: its author posts every morning, every attempt waits exactly what
 * {@link RetryPolicy} says, the host is dropped on the seventh distinct day with a failure and not
 * a day before, its jobs are then failed unsent, and it gets deliveries again once it contacts us,
 * the first success wiping its record.
 */
class UnreachableHostTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    /** The breaker would pause the host now and then; here only the durable schedule is under test. */
    private static final DeliveryWorker.Options OPTIONS = new DeliveryWorker.Options(50, Duration.ofSeconds(1),
            Duration.ofMinutes(2), 4, Duration.ofSeconds(2),
            new CircuitBreaker.Options(1_000, Duration.ofMinutes(1), Duration.ofMinutes(1)));

    private final TestClock clock = new TestClock(T0);
    private final RetryPolicy policy = new RetryPolicy();

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void scheduleFollowedUnavailableOnTheSeventhDayRevivedWhenItAnswers(TestDatabase.Kind kind) {
        // Held until the host comes back: a port that was only free when chosen could be bound by
        // another process during the week of refusals, and the "dead" host would answer.
        TestPorts.ClosedPort down = TestPorts.closed();
        int port = down.port();
        String host = "127.0.0.1:" + port;
        String inbox = "http://" + host + "/inbox";
        try (down; DeliveryRig rig = new DeliveryRig(kind, clock)) {
            DeliveryWorker worker = rig.node.worker(OPTIONS);
            List<String> jobs = new ArrayList<>();
            Set<LocalDate> failingDays = new TreeSet<>();
            Instant nextPost = T0;
            int attemptsChecked = 0;
            while (failingDays.size() < HostHealth.UNAVAILABLE_AFTER_DAYS) {
                Instant nextRetry = nextDue(rig, jobs);
                Instant at = nextRetry.isBefore(nextPost) ? nextRetry : nextPost;
                if (at.equals(nextRetry) && at.isAfter(clock.instant())) {
                    clock.set(at.minusMillis(1));
                    assertThat(worker.runOnce().await()).as("nothing due a moment early").isZero();
                }
                clock.set(at);
                if (at.equals(nextPost)) {
                    jobs.addAll(rig.enqueue(1, inbox)); // the morning's post
                    nextPost = nextPost.plus(Duration.ofDays(1));
                }
                assertThat(worker.runOnce().await()).isPositive();
                failingDays.add(LocalDate.ofInstant(at, ZoneOffset.UTC));

                for (String id : jobs) {
                    DeliveryRecord job = rig.job(id);
                    if (!DeliveryRig.instant(job.getUpdatedAt()).equals(at) || !"pending".equals(job.getState())) {
                        continue; // not tried in this round, or given up
                    }
                    assertThat(job.getLastError()).isEqualTo("no answer");
                    assertThat(DeliveryRig.instant(job.getNextAttemptAt())).as("retry after attempt %d of %s",
                            job.getAttempts(), id).isEqualTo(at.plus(policy.backoff(job.getAttempts(), 0.5)));
                    attemptsChecked++;
                }
                HostState state = hostState(rig, host);
                assertThat(state.failureDays()).as("failure days on %s", at).isEqualTo(failingDays.size());
                assertThat(HostHealth.available(state)).as("available on day %d", failingDays.size())
                        .isEqualTo(failingDays.size() < HostHealth.UNAVAILABLE_AFTER_DAYS);
            }
            Instant droppedAt = clock.instant();
            assertThat(hostState(rig, host).unavailableSince()).contains(droppedAt);
            assertThat(attemptsChecked).isGreaterThan(30);
            // The first post ran out its 17 attempts over about two days before the host was dropped.
            assertThat(rig.job(jobs.get(0)).getState()).isEqualTo("failed");
            assertThat(rig.job(jobs.get(0)).getLastError()).contains("no success after 17 attempts");
            assertThat(rig.node.unavailable.contains(host)).isTrue();

            WireMockServer back = new WireMockServer(WireMockConfiguration.options().port(port));
            down.close();
            back.start();
            try {
                back.stubFor(post("/inbox").willReturn(aResponse().withStatus(202)));
                // Up again but not known to be: pending and new jobs are failed without a request.
                String meanwhile = rig.enqueue(1, inbox).get(0);
                clock.advance(Duration.ofDays(1));
                assertThat(worker.runOnce().await()).isGreaterThanOrEqualTo(2);
                assertThat(back.getAllServeEvents()).isEmpty();
                assertThat(rig.job(meanwhile).getState()).isEqualTo("failed");
                assertThat(rig.job(meanwhile).getLastError()).contains("unavailable since " + droppedAt)
                        .contains("7 distinct days");
                assertThat(rig.stats().pending()).isZero();

                // It contacts us with a verified signature: deliveries resume, the first success resets it.
                assertThat(rig.node.unavailable.contacted(Fixtures.remotePerson("someone", host)).await())
                        .containsExactly(host);
                String revived = rig.enqueue(1, inbox).get(0);
                assertThat(worker.runOnce().await()).isEqualTo(1);
                assertThat(rig.job(revived).getState()).isEqualTo("done");
                assertThat(back.getAllServeEvents()).hasSize(1);
                HostState now = hostState(rig, host);
                assertThat(HostHealth.available(now)).isTrue();
                assertThat(now.failureDays()).isZero();
                assertThat(now.lastSuccessAt()).contains(clock.instant());
                assertThat(rig.node.unavailable.contains(host)).isFalse();
            } finally {
                back.stop();
            }
        }
    }

    private static Instant nextDue(DeliveryRig rig, List<String> ids) {
        if (ids.isEmpty()) {
            return Instant.MAX;
        }
        return rig.node.db.read(dsl -> dsl.select(DELIVERY.NEXT_ATTEMPT_AT).from(DELIVERY)
                .where(DELIVERY.ACTIVITY_URI.in(ids)).and(DELIVERY.STATE.eq("pending"))
                .orderBy(DELIVERY.NEXT_ATTEMPT_AT).limit(1).fetchOptional(DELIVERY.NEXT_ATTEMPT_AT)).await()
                .map(DeliveryRig::instant).orElse(Instant.MAX);
    }

    private static HostState hostState(DeliveryRig rig, String host) {
        return rig.node.db.read(dsl -> rig.node.hosts.find(dsl, host)).await().orElseThrow();
    }
}
