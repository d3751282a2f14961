package social.chorus.federation.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;
import social.chorus.testing.TestClock;
import social.chorus.testing.TestDatabase;

/**
 * A delivered job whose done-mark cannot be written stays claimed and is sent again when its
 * lease ends: a duplicate at the receiver. So a failed write is tried again first. The failure is
 * made by an H2 trigger (MariaDB's triggers cannot refuse once and remember it: the count they
 * keep is rolled back with the statement they refuse).
 */
class DoneMarksTest {
    private static final DeliveryWorker.Options OPTIONS = new DeliveryWorker.Options(50, Duration.ofSeconds(1),
            Duration.ofMinutes(2), 4, Duration.ofSeconds(2), CircuitBreaker.Options.DEFAULT);

    /** Refuses the next {@link #refusals} updates that turn a delivery's state into "done". */
    public static final class RefuseDoneMarks implements Trigger {
        static final AtomicInteger refusals = new AtomicInteger();

        @Override
        public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
            boolean marksDone = oldRow != null && newRow != null && Arrays.asList(newRow).contains("done")
                    && !Arrays.asList(oldRow).contains("done");
            if (marksDone && refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SQLException("done-mark refused by the test", "HY000");
            }
        }
    }

    @Test
    void aDoneMarkThatFailsIsWrittenAgainRatherThanLeftToTheLease() {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T08:00:00Z"));
        try (DeliveryRig rig = new DeliveryRig(TestDatabase.Kind.H2, clock)) {
            rig.node.db.tx(dsl -> dsl.execute("CREATE TRIGGER refuse_done_marks BEFORE UPDATE ON delivery"
                    + " FOR EACH ROW CALL '" + RefuseDoneMarks.class.getName() + "'")).await();
            RefuseDoneMarks.refusals.set(1);
            List<String> ids = rig.enqueue(1, rig.inbox());

            assertThat(rig.node.worker(OPTIONS).runOnce().await()).isEqualTo(1);

            assertThat(RefuseDoneMarks.refusals.get()).as("the first write was refused").isZero();
            assertThat(rig.job(ids.get(0)).getState()).isEqualTo("done");
            assertThat(rig.job(ids.get(0)).getClaimedUntil()).isNull();
            assertThat(rig.receivedPerActivity()).containsExactly(entry(ids.get(0), 1));
        }
    }
}
