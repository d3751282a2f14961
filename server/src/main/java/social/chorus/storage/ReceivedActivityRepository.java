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
}
