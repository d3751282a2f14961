package social.chorus.storage;

import static social.chorus.schema.Tables.DELIVERY;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import social.chorus.schema.tables.records.DeliveryRecord;

/** The durable outbound queue. Several processes may share it: claims skip rows others hold. */
public final class DeliveryRepository {
    /** One claimed POST: who signs it, where it goes, what it carries, and how often it was tried. */
    public record Job(long id, long senderAccountId, String inboxUrl, String activityUri, String payload,
            int attempts) {
    }

    /**
     * Queue depth and age, for the operator: pending jobs (in flight included), failed ones, jobs a
     * worker holds right now, and when the longest-waiting due job became due.
     */
    public record Stats(int pending, int failed, int inFlight, Optional<Instant> oldestDue) {
    }

    /** Rows per multi-row INSERT: large enough to save round trips, small enough for any packet limit. */
    private static final int INSERT_CHUNK = 200;

    private final Clock clock;

    public DeliveryRepository(Clock clock) {
        this.clock = clock;
    }

    public long insert(DSLContext tx, long senderAccountId, String inboxUrl, String activityUri, String payload) {
        DeliveryRecord r = tx.newRecord(DELIVERY);
        Instant now = clock.instant();
        r.setSenderAccountId(senderAccountId);
        r.setInboxUrl(inboxUrl);
        r.setActivityUri(activityUri);
        r.setPayload(payload);
        r.setState("pending");
        r.setAttempts(0);
        r.setNextAttemptAt(Timestamps.toDb(now));
        r.setCreatedAt(Timestamps.toDb(now));
        r.setUpdatedAt(Timestamps.toDb(now));
        r.store();
        return r.getId();
    }

    /**
     * Queues one activity for many inboxes (a post to its followers' servers), in multi-row
     * INSERTs: a thousand inboxes cost a few statements, not a thousand round trips.
     */
    public void insertAll(DSLContext tx, long senderAccountId, Collection<String> inboxUrls, String activityUri,
            String payload) {
        LocalDateTime now = Timestamps.toDb(clock.instant());
        List<String> all = List.copyOf(inboxUrls);
        for (int from = 0; from < all.size(); from += INSERT_CHUNK) {
            var insert = tx.insertInto(DELIVERY, DELIVERY.SENDER_ACCOUNT_ID, DELIVERY.INBOX_URL, DELIVERY.ACTIVITY_URI,
                    DELIVERY.PAYLOAD, DELIVERY.STATE, DELIVERY.ATTEMPTS, DELIVERY.NEXT_ATTEMPT_AT, DELIVERY.CREATED_AT,
                    DELIVERY.UPDATED_AT);
            for (String inbox : all.subList(from, Math.min(all.size(), from + INSERT_CHUNK))) {
                insert = insert.values(senderAccountId, inbox, activityUri, payload, "pending", 0, now, now, now);
            }
            insert.execute();
        }
    }

    /**
     * Claims up to {@code limit} due jobs: each gets its attempt counted and is hidden from other
     * workers for {@code lease}. A worker that dies mid-send leaves the job to be claimed again
     * when the lease ends (at-least-once delivery).
     */
    public List<Job> claimDue(DSLContext tx, int limit, Duration lease) {
        Instant now = clock.instant();
        List<DeliveryRecord> due = tx.selectFrom(DELIVERY)
                .where(DELIVERY.STATE.eq("pending").and(DELIVERY.NEXT_ATTEMPT_AT.le(Timestamps.toDb(now))))
                .orderBy(DELIVERY.NEXT_ATTEMPT_AT, DELIVERY.ID)
                .limit(limit)
                .forUpdate().skipLocked()
                .fetch();
        if (due.isEmpty()) {
            return List.of();
        }
        tx.update(DELIVERY)
                .set(DELIVERY.ATTEMPTS, DELIVERY.ATTEMPTS.plus(1))
                .set(DELIVERY.NEXT_ATTEMPT_AT, Timestamps.toDb(now.plus(lease)))
                .set(DELIVERY.CLAIMED_UNTIL, Timestamps.toDb(now.plus(lease)))
                .set(DELIVERY.UPDATED_AT, Timestamps.toDb(now))
                .where(DELIVERY.ID.in(due.stream().map(DeliveryRecord::getId).toList()))
                .execute();
        return due.stream().map(r -> new Job(r.getId(), r.getSenderAccountId(), r.getInboxUrl(), r.getActivityUri(),
                r.getPayload(), r.getAttempts() + 1)).toList();
    }

    /**
     * Whether any job is due, by a plain read that takes no locks: after a claim came back empty,
     * it tells "nothing to do" from "due jobs that other transactions hold".
     */
    public boolean anyDue(DSLContext dsl) {
        return dsl.fetchExists(DELIVERY, DELIVERY.STATE.eq("pending")
                .and(DELIVERY.NEXT_ATTEMPT_AT.le(Timestamps.toDb(clock.instant()))));
    }

    public void markDone(DSLContext tx, long id, int status) {
        finish(tx, id, "done", status, null);
    }

    /** Marks jobs that were all answered with {@code status} done, in one statement. */
    public void markAllDone(DSLContext tx, Collection<Long> ids, int status) {
        tx.update(DELIVERY)
                .set(DELIVERY.STATE, "done")
                .setNull(DELIVERY.CLAIMED_UNTIL)
                .set(DELIVERY.LAST_STATUS, status)
                .setNull(DELIVERY.LAST_ERROR)
                .set(DELIVERY.UPDATED_AT, Timestamps.toDb(clock.instant()))
                .where(DELIVERY.ID.in(ids))
                .execute();
    }

    public void markFailed(DSLContext tx, long id, Integer status, String error) {
        finish(tx, id, "failed", status, error);
    }

    public void scheduleRetry(DSLContext tx, long id, Instant at, Integer status, String error) {
        tx.update(DELIVERY)
                .set(DELIVERY.NEXT_ATTEMPT_AT, Timestamps.toDb(at))
                .setNull(DELIVERY.CLAIMED_UNTIL)
                .set(DELIVERY.LAST_STATUS, status)
                .set(DELIVERY.LAST_ERROR, truncate(error))
                .set(DELIVERY.UPDATED_AT, Timestamps.toDb(clock.instant()))
                .where(DELIVERY.ID.eq(id))
                .execute();
    }

    /**
     * Gives a claimed job back without it counting as an attempt (its host is paused or busy): due
     * again at {@code at}.
     */
    public void release(DSLContext tx, Collection<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        tx.update(DELIVERY)
                .set(DELIVERY.ATTEMPTS, DELIVERY.ATTEMPTS.minus(1))
                .set(DELIVERY.NEXT_ATTEMPT_AT, Timestamps.toDb(at))
                .setNull(DELIVERY.CLAIMED_UNTIL)
                .set(DELIVERY.UPDATED_AT, Timestamps.toDb(clock.instant()))
                .where(DELIVERY.ID.in(ids))
                .execute();
    }

    public Stats stats(DSLContext dsl) {
        LocalDateTime now = Timestamps.toDb(clock.instant());
        int pending = dsl.fetchCount(DELIVERY, DELIVERY.STATE.eq("pending"));
        int failed = dsl.fetchCount(DELIVERY, DELIVERY.STATE.eq("failed"));
        int inFlight = dsl.fetchCount(DELIVERY, DELIVERY.STATE.eq("pending").and(DELIVERY.CLAIMED_UNTIL.gt(now)));
        Optional<Instant> oldest = Optional.ofNullable(dsl.select(DSL.min(DELIVERY.NEXT_ATTEMPT_AT)).from(DELIVERY)
                .where(DELIVERY.STATE.eq("pending")).and(DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .fetchOne(0, LocalDateTime.class))
                .map(Timestamps::fromDb);
        return new Stats(pending, failed, inFlight, oldest);
    }

    /** Deletes up to {@code limit} jobs that were delivered and last tried before {@code before}. */
    public Pruned pruneDone(DSLContext tx, Instant before, int limit) {
        return prune(tx, "done", before, limit);
    }

    /** Deletes up to {@code limit} jobs that were given up on and last tried before {@code before}. */
    public Pruned pruneFailed(DSLContext tx, Instant before, int limit) {
        return prune(tx, "failed", before, limit);
    }

    /**
     * Finished jobs by their last attempt, oldest first; pending jobs are never touched, however
     * old. A finished job's next_attempt_at is the end of the lease of its last attempt (set when
     * it was claimed; finishing leaves it), so it lies within about one lease of when the job
     * finished, and the queue's own index (state, next_attempt_at) finds these rows without a
     * second index on updated_at to maintain at every claim of the busiest table. Ids first, then
     * a DELETE by id that checks the same condition again: MariaDB has no LIMIT in an IN subquery,
     * and a short transaction per chunk holds few locks.
     */
    private Pruned prune(DSLContext tx, String finalState, Instant before, int limit) {
        Condition old = DELIVERY.STATE.eq(finalState).and(DELIVERY.NEXT_ATTEMPT_AT.lt(Timestamps.toDb(before)));
        List<Long> ids = tx.select(DELIVERY.ID).from(DELIVERY).where(old).orderBy(DELIVERY.NEXT_ATTEMPT_AT)
                .limit(limit).fetch(DELIVERY.ID);
        if (ids.isEmpty()) {
            return Pruned.NONE;
        }
        return new Pruned(ids.size(), tx.deleteFrom(DELIVERY).where(DELIVERY.ID.in(ids)).and(old).execute());
    }

    private void finish(DSLContext tx, long id, String state, Integer status, String error) {
        tx.update(DELIVERY)
                .set(DELIVERY.STATE, state)
                .setNull(DELIVERY.CLAIMED_UNTIL)
                .set(DELIVERY.LAST_STATUS, status)
                .set(DELIVERY.LAST_ERROR, truncate(error))
                .set(DELIVERY.UPDATED_AT, Timestamps.toDb(clock.instant()))
                .where(DELIVERY.ID.eq(id))
                .execute();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
