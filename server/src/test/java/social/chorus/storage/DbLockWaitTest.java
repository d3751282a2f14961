package social.chorus.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.schema.Tables.INSTANCE_SETTING;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.TestDatabase;

/**
 * A transaction that finds a row locked by a slow one waits for it, on both databases, rather than
 * failing after a couple of seconds: on a busy machine writers of one row (an account's counts, a
 * host's failure record) queue up for longer than that. MariaDB waits 50 s by default; H2 gives up
 * after about 2 s unless told otherwise, with an error no caller retries.
 */
class DbLockWaitTest {
    /** Longer than H2's own lock timeout, well inside the one Chorus sets. */
    private static final long HELD_MILLIS = 3_000;

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aWriterWaitsForARowAnotherTransactionHoldsForSeconds(TestDatabase.Kind kind) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 2)) {
            new Migrations(database).migrate();
            db.tx(tx -> tx.insertInto(INSTANCE_SETTING).set(INSTANCE_SETTING.NAME, "lock.wait")
                    .set(INSTANCE_SETTING.VALUE, "0").execute()).await();

            CountDownLatch locked = new CountDownLatch(1);
            Future<Integer> slow = db.tx(tx -> {
                int n = set(tx, "slow");
                locked.countDown();
                Thread.sleep(HELD_MILLIS);
                return n;
            });
            assertThat(locked.await(30, TimeUnit.SECONDS)).as("the slow transaction holds the row").isTrue();
            long start = System.nanoTime();
            Future<Integer> waiting = db.tx(tx -> set(tx, "waited"));

            assertThat(waiting.await()).isEqualTo(1);
            assertThat(slow.await()).isEqualTo(1);
            assertThat((System.nanoTime() - start) / 1_000_000).as("it did wait for the lock")
                    .isGreaterThanOrEqualTo(HELD_MILLIS / 2);
            assertThat(db.read(dsl -> dsl.select(INSTANCE_SETTING.VALUE).from(INSTANCE_SETTING)
                    .where(INSTANCE_SETTING.NAME.eq("lock.wait")).fetchOne(INSTANCE_SETTING.VALUE)).await())
                    .isEqualTo("waited");
        } finally {
            vertx.close().await();
        }
    }

    private static int set(org.jooq.DSLContext tx, String value) {
        return tx.update(INSTANCE_SETTING).set(INSTANCE_SETTING.VALUE, value)
                .where(INSTANCE_SETTING.NAME.eq("lock.wait")).execute();
    }
}
