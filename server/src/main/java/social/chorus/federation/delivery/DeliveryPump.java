package social.chorus.federation.delivery;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link DeliveryWorker} busy. It claims the next batch as soon as this process has room
 * for it (at most {@value #BATCHES_IN_FLIGHT} batches claimed and not yet settled) rather than one
 * batch per tick, so a post to a thousand servers drains at the speed of signing and sending, not
 * of the poll interval. It looks on every tick (jobs due for a retry, jobs other processes queued),
 * when this process commits new jobs, and, while the last claim found any, whenever jobs settle.
 *
 * <p>All its state is touched only on its own context (one event-loop thread), so it needs no locks.
 * Claims still go through the queue's {@code SKIP LOCKED}, so several processes share the work.
 */
final class DeliveryPump {
    private static final Logger log = LoggerFactory.getLogger(DeliveryPump.class);
    /** Enough to keep signing and sending busy while one batch's answers are awaited. */
    static final int BATCHES_IN_FLIGHT = 4;
    /**
     * How soon a failed claim (a deadlock victim more than once, a pool that timed out) is tried
     * again when the tick is further away: a burst being drained should not stall for a whole poll
     * interval because one transaction lost a race.
     */
    static final Duration CLAIM_RETRY = Duration.ofMillis(500);

    private final Vertx vertx;
    private final DeliveryWorker worker;
    private final int batch;
    private final Duration pollInterval;
    private volatile Context context;
    private volatile boolean stopped;
    private long timerId = -1;
    private int inFlight;
    private boolean claiming;
    private boolean lookAgain;
    private boolean backlog;
    private boolean lastClaimFound;
    /** Claims finished, found jobs or not (tests wait on it instead of guessing how long a claim takes). */
    private volatile int claimsFinished;

    DeliveryPump(Vertx vertx, DeliveryWorker worker, int batch, Duration pollInterval) {
        this.vertx = vertx;
        this.worker = worker;
        this.batch = batch;
        this.pollInterval = pollInterval;
    }

    void start() {
        context = vertx.getOrCreateContext();
        stopped = false;
        timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> wake());
        wake();
    }

    void stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** How many claims have finished so far, failed ones included. */
    int claimsFinished() {
        return claimsFinished;
    }

    /** Looks for due jobs now (from any thread). */
    void wake() {
        Context c = context;
        if (c != null && !stopped) {
            c.runOnContext(v -> pump());
        }
    }

    private void pump() {
        if (stopped) {
            return;
        }
        if (claiming) {
            lookAgain = true; // jobs committed while the claim ran may have been missed by it
            return;
        }
        int room = batch * BATCHES_IN_FLIGHT - inFlight;
        if (room <= 0) {
            return; // a settling batch pumps again
        }
        int want = Math.min(batch, room);
        claiming = true;
        lookAgain = false;
        worker.claim(want).onComplete(ar -> context.runOnContext(v -> claimed(ar, want)));
    }

    private void claimed(AsyncResult<DeliveryWorker.Claimed> ar, int want) {
        claiming = false;
        claimsFinished++; // written on this context only
        if (ar.failed()) {
            // Nothing was claimed: try again shortly (or at the next tick, if that comes first).
            log.warn("Could not claim deliveries: {}", ar.cause().toString());
            backlog = false;
            lastClaimFound = false;
            retrySoon();
            return;
        }
        DeliveryWorker.Claimed claimed = ar.result();
        inFlight += claimed.jobs().size();
        backlog = claimed.total() >= want;
        lastClaimFound = claimed.total() > 0;
        if (claimed.dueButHeld()) {
            // Empty only because other transactions held the due rows: a done-mark UPDATE that
            // scanned the table holds every row it read (MariaDB, REPEATABLE READ), another
            // process's claim holds its batch. Not "nothing left": look again shortly.
            retrySoon();
        }
        worker.dispatch(claimed, n -> context.runOnContext(v -> settled(n)));
        if (backlog || lookAgain) {
            pump();
        }
    }

    private void retrySoon() {
        if (CLAIM_RETRY.compareTo(pollInterval) < 0) {
            vertx.setTimer(CLAIM_RETRY.toMillis(), id -> pump());
        }
    }

    /**
     * Jobs settled: look again while the last claim found any. A claim can come back short while
     * more are due (SKIP LOCKED passes over rows another transaction holds, such as jobs being
     * marked done), so "not full" does not mean "nothing left"; only an empty claim stops the chain
     * until the next tick or wake, and one that was empty while due jobs were held elsewhere looks
     * again shortly.
     */
    private void settled(int jobs) {
        inFlight -= jobs;
        if (backlog || lastClaimFound) {
            pump();
        }
    }
}
