package social.chorus.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Runs jOOQ work off the event loop. JDBC blocks and Java 17 has no virtual threads, so every
 * query runs on a worker pool sized to the connection pool: a worker never waits for a
 * connection another worker holds, and the event loop never waits at all.
 */
public final class Db implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 3;

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

    /**
     * Runs the work in one transaction: committed if it returns, rolled back if it throws. A
     * transaction the database chose as a deadlock victim is rolled back whole, so it is run
     * again (a few times) rather than failing a request that did nothing wrong.
     */
    public <T> Future<T> tx(Work<T> work) {
        return workers.executeBlocking(() -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return database.dsl().transactionResult(configuration -> work.run(configuration.dsl()));
                } catch (DataAccessException e) {
                    if (attempt >= MAX_ATTEMPTS || !isDeadlock(e)) {
                        throw e;
                    }
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                }
            }
        }, false);
    }

    /** MariaDB reports a deadlock victim as SQLState 40001 (error 1213); H2 uses 40001 as well. */
    static boolean isDeadlock(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("40001".equals(sql.getSQLState())
                    || sql.getErrorCode() == 1213)) {
                return true;
            }
        }
        return false;
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
