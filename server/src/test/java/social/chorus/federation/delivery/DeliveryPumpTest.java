package social.chorus.federation.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.TestDatabase;
import social.chorus.testing.TestClock;

/**
 * The started worker drains a queue larger than one batch without waiting for its timer: a wake
 * (what a commit of new deliveries sends) claims a batch, and every full batch leads to the next.
 */
class DeliveryPumpTest {
    private static final Duration NEVER = Duration.ofHours(1);

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aWakeDrainsSeveralBatchesWithoutATick(TestDatabase.Kind kind) throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            // The timer would first fire in an hour: only the wake and full batches can send anything.
            DeliveryWorker worker = rig.node.worker(new DeliveryWorker.Options(20, NEVER, Duration.ofMinutes(2), 4,
                    Duration.ofSeconds(2), CircuitBreaker.Options.DEFAULT));
            worker.start();
            try {
                // The start's own look finds nothing; waited for, since a slow one could otherwise find
                // the jobs queued below and send them before the wake.
                awaitClaims(worker, 1);
                List<String> ids = new ArrayList<>();
                for (int host = 0; host < 50; host++) {
                    // 150 jobs on 50 hosts (*.localhost is loopback), 3 each: within the per-host cap.
                    ids.addAll(rig.enqueue(3, "http://h" + host + ".localhost:" + rig.wm.port() + "/inbox"));
                }
                assertThat(rig.wm.getAllServeEvents()).isEmpty();
                worker.wake();

                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (rig.stats().pending() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                // Described job by job, so that a failure says whether a claim, a send or a done-mark was lost.
                assertThat(rig.unfinished()).isEmpty();
                assertThat(rig.receivedPerActivity()).containsOnlyKeys(ids)
                        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
                for (String id : ids) {
                    assertThat(rig.job(id).getState()).isEqualTo("done");
                    assertThat(rig.job(id).getAttempts()).isEqualTo(1);
                }
            } finally {
                worker.stop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFailedClaimIsTriedAgainBeforeTheTick(TestDatabase.Kind kind) throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            DeliveryWorker worker = rig.node.worker(new DeliveryWorker.Options(20, NEVER, Duration.ofMinutes(2), 4,
                    Duration.ofSeconds(2), CircuitBreaker.Options.DEFAULT));
            List<String> ids = rig.enqueue(3, rig.inbox());
            // The queue's table is away when the worker starts: its first claim fails.
            rig.node.db.tx(dsl -> dsl.execute("ALTER TABLE delivery RENAME TO delivery_away")).await();
            worker.start();
            try {
                awaitClaims(worker, 1); // the first claim has failed, not merely not happened yet
                assertThat(rig.wm.getAllServeEvents()).isEmpty();
                rig.node.db.tx(dsl -> dsl.execute("ALTER TABLE delivery_away RENAME TO delivery")).await();

                // Without a timer of its own the worker would look again only at the tick, an hour away.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!rig.unfinished().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(rig.unfinished()).isEmpty();
                assertThat(rig.receivedPerActivity()).containsOnlyKeys(ids);
            } finally {
                worker.stop();
            }
        }
    }

    private static void awaitClaims(DeliveryWorker worker, int claims) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (worker.claimsFinished() < claims && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(worker.claimsFinished()).as("claims finished").isGreaterThanOrEqualTo(claims);
    }

    /**
     * A claim passes over rows other transactions hold (SKIP LOCKED); coming back empty while due
     * jobs are held elsewhere (a done-mark update that locked what it scanned, another process's
     * claim) is not "nothing left". The worker looks again shortly instead of waiting for its tick.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void dueJobsHeldByAnotherTransactionAreClaimedOnceReleased(TestDatabase.Kind kind) throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            List<String> ids = rig.enqueue(3, rig.inbox());
            DeliveryRig.Node other = rig.anotherNode(clock);
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            io.vertx.core.Future<Object> holder = other.db.tx(dsl -> {
                dsl.selectFrom(social.chorus.schema.Tables.DELIVERY).forUpdate().fetch();
                held.countDown();
                release.await();
                return null;
            });
            assertThat(held.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            DeliveryWorker worker = rig.node.worker(new DeliveryWorker.Options(20, NEVER, Duration.ofMinutes(2), 4,
                    Duration.ofSeconds(2), CircuitBreaker.Options.DEFAULT));
            worker.start();
            try {
                // The start's look finds every due row held: an empty claim.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (worker.claimsFinished() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(worker.claimsFinished()).isPositive();
                assertThat(rig.wm.getAllServeEvents()).isEmpty();
                release.countDown();
                holder.await();

                deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!rig.unfinished().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(rig.unfinished()).isEmpty();
                assertThat(rig.receivedPerActivity()).containsOnlyKeys(ids);
            } finally {
                release.countDown();
                worker.stop();
            }
        }
    }
}
