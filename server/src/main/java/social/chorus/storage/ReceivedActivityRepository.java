package social.chorus.storage;

import static social.chorus.schema.Tables.RECEIVED_ACTIVITY;

import java.time.Clock;
import org.jooq.DSLContext;

/** Ids of inbound activities already handled, so a redelivery changes nothing. */
public final class ReceivedActivityRepository {
    private final Clock clock;

    public ReceivedActivityRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the id inside the handling transaction. False when it was already there; a racing
     * duplicate inserted meanwhile surfaces as a unique-key violation and rolls the second one back.
     */
    public boolean markReceived(DSLContext tx, String uri) {
        if (tx.fetchExists(RECEIVED_ACTIVITY, RECEIVED_ACTIVITY.URI.eq(uri))) {
            return false;
        }
        tx.insertInto(RECEIVED_ACTIVITY)
                .set(RECEIVED_ACTIVITY.URI, uri)
                .set(RECEIVED_ACTIVITY.RECEIVED_AT, Timestamps.toDb(clock.instant()))
                .execute();
        return true;
    }
}
