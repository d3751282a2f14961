package social.chorus.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static social.chorus.schema.Tables.INSTANCE_SETTING;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.testing.TestDatabase;

/** Actions registered in a transaction run once it has committed, and never when it rolls back. */
class DbAfterCommitTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void runsAfterTheCommitAndNeverAfterARollback(TestDatabase.Kind kind) {
        Vertx vertx = Vertx.vertx();
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 2)) {
            new Migrations(database).migrate();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());

            db.tx(tx -> {
                Db.afterCommit(tx, () -> seen.add("committed: " + db.read(dsl -> dsl.fetchCount(INSTANCE_SETTING,
                        INSTANCE_SETTING.NAME.eq("after.commit"))).toCompletionStage().toCompletableFuture().join()));
                tx.insertInto(INSTANCE_SETTING).set(INSTANCE_SETTING.NAME, "after.commit")
                        .set(INSTANCE_SETTING.VALUE, "1").execute();
                assertThat(seen).as("not before the commit").isEmpty();
                return null;
            }).await();
            // Another connection saw the row: the action ran after the commit, not merely at the end of the work.
            assertThat(seen).containsExactly("committed: 1");

            assertThatThrownBy(() -> db.tx(tx -> {
                Db.afterCommit(tx, () -> seen.add("rolled back"));
                throw new IllegalStateException("no");
            }).await()).hasMessageContaining("no");
            assertThat(seen).containsExactly("committed: 1");
        } finally {
            vertx.close().await();
        }
    }
}
