package social.chorus.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.LoggerFactory;

/**
 * Runs jOOQ work off the event loop. JDBC blocks and Java 17 has no virtual threads, so every
 * query runs on a worker pool sized to the connection pool: a worker never waits for a
 * connection another worker holds, and the event loop never waits at all.
 */
public final class Db implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 3;
    private static final String AFTER_COMMIT = "chorus.db.afterCommit";

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
                List<Runnable> committed = new ArrayList<>();
                try {
                    T result = database.dsl().transactionResult(configuration -> {
                        configuration.data(AFTER_COMMIT, committed);
                        return work.run(configuration.dsl());
                    });
                    committed.forEach(Db::runQuietly);
                    return result;
                } catch (DataAccessException e) {
                    if (attempt >= MAX_ATTEMPTS || !isDeadlock(e)) {
                        throw e;
                    }
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                }
            }
        }, false);
    }

    /**
     * Runs {@code action} once the transaction of {@link #tx} that {@code tx} belongs to has
     * committed, on the thread that committed it; never when it rolls back. For nudges such as
     * "new deliveries are queued" that must not be seen before the rows are. Outside such a
     * transaction it runs at once.
     */
    @SuppressWarnings("unchecked")
    public static void afterCommit(DSLContext tx, Runnable action) {
        Object actions = tx.configuration().data(AFTER_COMMIT);
        if (actions instanceof List<?> list) {
            ((List<Runnable>) list).add(action);
        } else {
            action.run();
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // The transaction is committed whatever a follow-up does.
            LoggerFactory.getLogger(Db.class).warn("An after-commit action failed: {}", e.toString());
        }
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
