package social.chorus.process.housekeeping;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.app.config.ChorusConfig.Retention;
import social.chorus.process.status.StatusService;
import social.chorus.storage.Db;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.IdempotencyRepository;
import social.chorus.storage.Pruned;
import social.chorus.storage.ReceivedActivityRepository;
import social.chorus.storage.TombstoneRepository;

/**
 * Deletes rows that are only needed for a while and would otherwise pile up for ever: finished
 * deliveries (each holds its whole payload), ids of received activities, tombstones of other
 * servers' deleted posts, and Idempotency-Key uses past their hour. Pending deliveries and the
 * tombstones of this instance's own posts are never deleted.
 *
 * <p>Every process runs it, a minute after start and then hourly. Each table is pruned in chunks,
 * one short transaction each (ids of the oldest rows first, then a DELETE by id that checks the
 * age again), so no lock is held for long, and several processes on one database need no
 * coordination: a row two of them pick is deleted by one, and a process whose whole chunk another
 * one deleted first leaves the rest of that table to it.
 */
public final class Housekeeping {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    /** When passes run, and how many rows one transaction deletes at most. */
    public record Schedule(Duration firstRun, Duration every, int chunk) {
        /** Not in the start-up path, then hourly; a thousand rows per transaction. */
        public static final Schedule DEFAULT = new Schedule(Duration.ofMinutes(1), Duration.ofHours(1), 1000);

        public Schedule {
            if (firstRun.isNegative() || every.isZero() || every.isNegative() || chunk < 1) {
                throw new IllegalArgumentException(
                        "bad housekeeping schedule: " + firstRun + ", " + every + ", " + chunk);
            }
        }
    }

    /** What one pass deleted, by kind of row, in the order they were pruned. */
    public record Report(Map<String, Integer> deleted) {
        public int total() {
            return deleted.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int of(String what) {
            return deleted.getOrDefault(what, 0);
        }
    }

    public static final String DONE_DELIVERIES = "done deliveries";
    public static final String FAILED_DELIVERIES = "failed deliveries";
    public static final String RECEIVED_ACTIVITIES = "received activity ids";
    public static final String REMOTE_TOMBSTONES = "remote tombstones";
    public static final String IDEMPOTENCY_KEYS = "expired idempotency keys";

    /** One chunk of one table, in the caller's transaction. */
    @FunctionalInterface
    private interface Chunk {
        Pruned delete(DSLContext tx, int limit);
    }

    private record Table(String what, Chunk chunk) {
    }

    private final Vertx vertx;
    private final Db db;
    private final Clock clock;
    private final Retention retention;
    private final String localPrefix;
    private final DeliveryRepository deliveries;
    private final ReceivedActivityRepository received;
    private final TombstoneRepository tombstones;
    private final IdempotencyRepository idempotency;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private long timerId = -1;

    /** @param baseUrl this instance's base URL: tombstones of posts under it are its own */
    public Housekeeping(Vertx vertx, Db db, Clock clock, Retention retention, String baseUrl) {
        this.vertx = vertx;
        this.db = db;
        this.clock = clock;
        this.retention = retention;
        this.localPrefix = baseUrl + "/";
        this.deliveries = new DeliveryRepository(clock);
        this.received = new ReceivedActivityRepository(clock);
        this.tombstones = new TombstoneRepository(clock);
        this.idempotency = new IdempotencyRepository(clock);
    }

    /** Runs a pass after {@code firstRun}, then every {@code every}; a pass still going skips the next. */
    public void start(Schedule s) {
        this.stopped = false;
        timerId = vertx.setPeriodic(Math.max(1, s.firstRun().toMillis()), s.every().toMillis(), id -> tick(s.chunk()));
    }

    /** No new pass or chunk starts; a chunk under way finishes. */
    public void stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    private void tick(int chunk) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        runOnce(chunk).onComplete(r -> running.set(false));
    }

    /**
     * One pass over every table, one after the other, deleting at most {@code chunk} rows per
     * transaction; never fails (a table whose chunk fails is logged and left until the next pass).
     * Logs a line when it deleted something.
     */
    public Future<Report> runOnce(int chunk) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Instant doneBefore = now.minus(retention.doneDeliveries());
        Instant failedBefore = now.minus(retention.failedDeliveries());
        Instant receivedBefore = now.minus(retention.receivedActivities());
        Instant tombstonedBefore = now.minus(retention.remoteTombstones());
        Instant keyedBefore = now.minus(StatusService.IDEMPOTENCY_WINDOW);
        List<Table> tables = List.of(
                new Table(DONE_DELIVERIES, (tx, n) -> deliveries.pruneDone(tx, doneBefore, n)),
                new Table(FAILED_DELIVERIES, (tx, n) -> deliveries.pruneFailed(tx, failedBefore, n)),
                new Table(RECEIVED_ACTIVITIES, (tx, n) -> received.pruneBefore(tx, receivedBefore, n)),
                new Table(REMOTE_TOMBSTONES,
                        (tx, n) -> tombstones.pruneRemoteBefore(tx, tombstonedBefore, localPrefix, n)),
                new Table(IDEMPOTENCY_KEYS, (tx, n) -> idempotency.pruneBefore(tx, keyedBefore, n)));
        Map<String, Integer> deleted = new LinkedHashMap<>();
        Future<Void> pass = Future.succeededFuture();
        for (Table table : tables) {
            pass = pass.compose(v -> prune(table, chunk).map(n -> {
                deleted.put(table.what(), n);
                return null;
            }));
        }
        return pass.map(v -> {
            Report report = new Report(Collections.unmodifiableMap(deleted));
            if (report.total() > 0) {
                log.info("Housekeeping deleted {} in {} ms", deleted.entrySet().stream()
                        .filter(e -> e.getValue() > 0).map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ")), (System.nanoTime() - started) / 1_000_000);
            }
            return report;
        });
    }

    /** All old rows of one table, chunk after chunk; how many this process deleted. */
    private Future<Integer> prune(Table table, int chunk) {
        Promise<Integer> done = Promise.promise();
        nextChunk(table, chunk, 0, done);
        return done.future();
    }

    // Each chunk starts from the callback of the one before rather than from a composed future, so
    // a table of a million old rows is a thousand transactions, not a thousand nested futures.
    private void nextChunk(Table table, int limit, int soFar, Promise<Integer> done) {
        if (stopped) {
            done.complete(soFar); // shutting down: the pool is about to close
            return;
        }
        db.tx(tx -> table.chunk().delete(tx, limit)).onComplete(ar -> {
            if (ar.failed()) {
                if (!stopped) {
                    log.warn("Housekeeping could not prune {} (tried again at the next pass): {}", table.what(),
                            ar.cause().toString());
                }
                done.complete(soFar);
                return;
            }
            Pruned p = ar.result();
            int total = soFar + p.deleted();
            // A short chunk was the last. A chunk emptied by another process first means that
            // process is pruning this table now; leave the rest to it.
            if (p.found() == limit && p.deleted() > 0) {
                nextChunk(table, limit, total, done);
            } else {
                done.complete(total);
            }
        });
    }
}
