package social.chorus.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.jooq.DSLContext;

/**
 * Runs jOOQ work off the event loop. JDBC blocks and Java 17 has no virtual threads, so every
 * query runs on a worker pool sized to the connection pool: a worker never waits for a
 * connection another worker holds, and the event loop never waits at all.
 */
public final class Db implements AutoCloseable {
    /** Database work: runs on a worker thread with a DSLContext bound to one connection or transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DSLContext dsl) throws Exception;
    }

    private final Database database;
    private final WorkerExecutor workers;

    public Db(Vertx vertx, Database database, int poolSize) {
        this.database = database;
        this.workers = vertx.createSharedWorkerExecutor("chorus-db", poolSize);
    }

    /** Runs the work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> Future<T> tx(Work<T> work) {
        return workers.executeBlocking(
                () -> database.dsl().transactionResult(configuration -> work.run(configuration.dsl())), false);
    }

    /** Runs read-only or single-statement work without an explicit transaction. */
    public <T> Future<T> read(Work<T> work) {
        return workers.executeBlocking(() -> work.run(database.dsl()), false);
    }

    public DbKind kind() {
        return database.kind();
    }

    public String version() {
        return database.version();
    }

    @Override
    public void close() {
        workers.close();
    }
}
