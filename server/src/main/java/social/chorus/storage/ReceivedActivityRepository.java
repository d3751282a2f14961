package social.chorus.storage;

import static social.chorus.schema.Tables.RECEIVED_ACTIVITY;

import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Ids of inbound activities already handled, so a redelivery changes nothing. */
public final class ReceivedActivityRepository {
    private final Clock clock;

    public ReceivedActivityRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the id inside the handling transaction. False when it was already there, also when a
     * copy delivered at the same moment got there first: its insert holds the key until it commits,
     * ours then fails on the primary key, which means "already received", not a server error (the
     * failed statement alone is undone; the transaction goes on and changes nothing).
     */
    public boolean markReceived(DSLContext tx, String uri) {
        if (tx.fetchExists(RECEIVED_ACTIVITY, RECEIVED_ACTIVITY.URI.eq(uri))) {
            return false;
        }
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
}
