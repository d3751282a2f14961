package social.chorus.federation.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.TestDatabase;

/**
 * Two workers, each with its own Vert.x, connection pool and HTTP client over one database (as two
 * Chorus processes on one MariaDB), drain one queue: every activity reaches the inbox exactly once.
 */
class DeliveryTwoProcessesTest {
    private static final int JOBS = 200;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void twoProcessesDrainOneQueueWithoutADoubleSend(TestDatabase.Kind kind) throws Exception {
        Clock clock = Clock.systemUTC();
        try (DeliveryRig rig = new DeliveryRig(kind, clock)) {
            List<String> ids = rig.enqueue(JOBS, rig.inbox());
            DeliveryWorker.Options options = new DeliveryWorker.Options(20, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 8, Duration.ZERO, CircuitBreaker.Options.DEFAULT);
            DeliveryWorker one = rig.node.worker(options);
            DeliveryWorker two = rig.anotherNode(clock).worker(options);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> a = threads.submit(() -> drain(rig, one));
                Future<Integer> b = threads.submit(() -> drain(rig, two));
                int claimedByOne = a.get(120, TimeUnit.SECONDS);
                int claimedByTwo = b.get(120, TimeUnit.SECONDS);
                assertThat(claimedByOne).as("the first process took part").isPositive();
                assertThat(claimedByTwo).as("the second process took part").isPositive();
            } finally {
                threads.shutdownNow();
            }
            assertThat(rig.receivedPerActivity()).containsOnlyKeys(ids)
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            assertThat(rig.wm.getAllServeEvents()).hasSize(JOBS);
            assertThat(rig.stats().pending()).isZero();
            assertThat(rig.stats().failed()).isZero();
        }
    }

    /** Runs the worker until the queue is empty; the number of claims it made (requeued ones included). */
    private static int drain(DeliveryRig rig, DeliveryWorker worker) throws InterruptedException {
        int claimed = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
        while (rig.stats().pending() > 0 && System.nanoTime() < deadline) {
            int n = worker.runOnce().await();
            claimed += n;
            if (n == 0) {
                Thread.sleep(5); // the rest is leased by the other process
            }
        }
        return claimed;
    }
}
