package social.chorus.process.health;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import social.chorus.storage.Db;

/** Whether this instance can serve: today that means its database answers in time. */
public final class HealthService {
    /** Docker's and most load balancers' probes give up after a few seconds; answer before they do. */
    static final long DATABASE_TIMEOUT_MS = 2_000;

    /** The state of one check, safe to publish (no URL, no user). */
    public record Health(boolean healthy, String databaseKind, String databaseVersion, String problem) {
    }

    private final Db db;

    public HealthService(Db db) {
        this.db = db;
    }

    public Future<Health> check() {
        return db.read(dsl -> dsl.selectOne().fetchOne())
                .timeout(DATABASE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .map(ok -> new Health(true, db.kind().id(), db.version(), null))
                .recover(e -> Future.succeededFuture(new Health(false, db.kind().id(), db.version(),
                        e instanceof java.util.concurrent.TimeoutException
                                ? "database did not answer within " + DATABASE_TIMEOUT_MS + " ms"
                                : "database unreachable")));
    }
}
