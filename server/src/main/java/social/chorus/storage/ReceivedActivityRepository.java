package social.chorus.storage;

import static social.chorus.schema.Tables.RECEIVED_ACTIVITY;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Ids of inbound activities already handled, so a redelivery changes nothing. */
public final class ReceivedActivityRepository {
    private final Clock clock;

    public ReceivedActivityRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the id inside the handling transaction, in one statement: false when it was already
     * there, also when a copy delivered at the same moment got there first (its insert holds the
     * key until it commits, ours then fails on the primary key). Either way the primary key says
     * "already received", not a server error: on MariaDB and H2 the failed statement alone is
     * undone, and the transaction goes on and changes nothing. A plain insert rather than INSERT
     * IGNORE, which on MariaDB would also turn an over-long id into a truncated, colliding key.
     */
    public boolean markReceived(DSLContext tx, String uri) {
        try {
            tx.insertInto(RECEIVED_ACTIVITY)
                    .set(RECEIVED_ACTIVITY.URI, uri)
                    .set(RECEIVED_ACTIVITY.RECEIVED_AT, Timestamps.toDb(clock.instant()))
                    .execute();
            return true;
        } catch (IntegrityConstraintViolationException e) {
            return false;
        }
    }

    /**
     * Forgets up to {@code limit} ids received before {@code before}, oldest first (by the index
     * on received_at). Only for ids older than any sender still retries (Mastodon gives up after
     * about two days): a copy of a forgotten id would be handled again, and a captured request
     * cannot be replayed that late, since signatures older than an hour are refused.
     */
    public Pruned pruneBefore(DSLContext tx, Instant before, int limit) {
        Condition old = RECEIVED_ACTIVITY.RECEIVED_AT.lt(Timestamps.toDb(before));
        List<String> uris = tx.select(RECEIVED_ACTIVITY.URI).from(RECEIVED_ACTIVITY).where(old)
                .orderBy(RECEIVED_ACTIVITY.RECEIVED_AT).limit(limit).fetch(RECEIVED_ACTIVITY.URI);
        if (uris.isEmpty()) {
            return Pruned.NONE;
        }
        return new Pruned(uris.size(),
                tx.deleteFrom(RECEIVED_ACTIVITY).where(RECEIVED_ACTIVITY.URI.in(uris)).and(old).execute());
    }
}
