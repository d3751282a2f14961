package social.chorus.storage;

import static social.chorus.schema.Tables.STATUS_IDEMPOTENCY;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.impl.DSL;

/** Idempotency-Key uses of POST /api/v1/statuses ({@code status_idempotency}): which status a key created. */
public final class IdempotencyRepository {
    private final Clock clock;

    public IdempotencyRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * The status an idempotency key of this account already created since {@code notBefore}.
     * Locks the key's row (or its gap), so a racing request with the same key waits for this one.
     */
    public Optional<Long> find(DSLContext dsl, long accountId, String keyHash, Instant notBefore) {
        return dsl.select(STATUS_IDEMPOTENCY.STATUS_ID, STATUS_IDEMPOTENCY.CREATED_AT).from(STATUS_IDEMPOTENCY)
                .where(STATUS_IDEMPOTENCY.ACCOUNT_ID.eq(accountId).and(STATUS_IDEMPOTENCY.KEY_HASH.eq(keyHash)))
                .forUpdate().fetchOptional()
                .filter(r -> !Timestamps.fromDb(r.value2()).isBefore(notBefore))
                .map(r -> r.value1());
    }

    /** Remembers which status a key created, replacing an expired use of the same key. */
    public void remember(DSLContext dsl, long accountId, String keyHash, long statusId) {
        dsl.deleteFrom(STATUS_IDEMPOTENCY)
                .where(STATUS_IDEMPOTENCY.ACCOUNT_ID.eq(accountId).and(STATUS_IDEMPOTENCY.KEY_HASH.eq(keyHash)))
                .execute();
        dsl.insertInto(STATUS_IDEMPOTENCY, STATUS_IDEMPOTENCY.ACCOUNT_ID, STATUS_IDEMPOTENCY.KEY_HASH,
                STATUS_IDEMPOTENCY.STATUS_ID, STATUS_IDEMPOTENCY.CREATED_AT)
                .values(accountId, keyHash, statusId, Timestamps.toDb(clock.instant())).execute();
    }

    /**
     * Deletes up to {@code limit} key uses made before {@code before}, which {@link #find} no
     * longer returns once the window has passed. There is no index on created_at: pruned every
     * hour, the table holds about an hour of posts, and a scan without ORDER BY stops at the
     * limit.
     */
    public Pruned pruneBefore(DSLContext tx, Instant before, int limit) {
        Condition old = STATUS_IDEMPOTENCY.CREATED_AT.lt(Timestamps.toDb(before));
        Result<Record2<Long, String>> keys = tx.select(STATUS_IDEMPOTENCY.ACCOUNT_ID, STATUS_IDEMPOTENCY.KEY_HASH)
                .from(STATUS_IDEMPOTENCY).where(old).limit(limit).fetch();
        if (keys.isEmpty()) {
            return Pruned.NONE;
        }
        int deleted = tx.deleteFrom(STATUS_IDEMPOTENCY)
                .where(DSL.row(STATUS_IDEMPOTENCY.ACCOUNT_ID, STATUS_IDEMPOTENCY.KEY_HASH).in(keys)).and(old)
                .execute();
        return new Pruned(keys.size(), deleted);
    }
}
