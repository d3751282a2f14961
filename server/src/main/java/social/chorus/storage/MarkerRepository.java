package social.chorus.storage;

import static social.chorus.schema.Tables.READ_MARKER;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import social.chorus.schema.tables.records.ReadMarkerRecord;

/** Read positions per account and timeline ({@code home}, {@code notifications}). */
public final class MarkerRepository {
    /** A read position as stored. */
    public record Marker(String timeline, long lastReadId, int version, Instant updatedAt) {
    }

    private final Clock clock;

    public MarkerRepository(Clock clock) {
        this.clock = clock;
    }

    public List<Marker> find(DSLContext dsl, long accountId, List<String> timelines) {
        return dsl.selectFrom(READ_MARKER).where(READ_MARKER.ACCOUNT_ID.eq(accountId))
                .and(READ_MARKER.TIMELINE.in(timelines)).orderBy(READ_MARKER.TIMELINE)
                .fetch(MarkerRepository::toMarker);
    }

    /**
     * Sets the position; each change counts one more version. One statement (insert, or update
     * when the row exists), so that two apps saving at once for the first time do not collide.
     */
    public Marker save(DSLContext dsl, long accountId, String timeline, long lastReadId) {
        dsl.insertInto(READ_MARKER)
                .set(READ_MARKER.ACCOUNT_ID, accountId).set(READ_MARKER.TIMELINE, timeline)
                .set(READ_MARKER.LAST_READ_ID, lastReadId).set(READ_MARKER.VERSION, 1)
                .set(READ_MARKER.UPDATED_AT, Timestamps.toDb(clock.instant()))
                .onDuplicateKeyUpdate()
                .set(READ_MARKER.LAST_READ_ID, lastReadId)
                .set(READ_MARKER.VERSION, READ_MARKER.VERSION.plus(1))
                .set(READ_MARKER.UPDATED_AT, Timestamps.toDb(clock.instant()))
                .execute();
        return toMarker(dsl.selectFrom(READ_MARKER).where(READ_MARKER.ACCOUNT_ID.eq(accountId))
                .and(READ_MARKER.TIMELINE.eq(timeline)).fetchOne());
    }

    private static Marker toMarker(ReadMarkerRecord r) {
        return new Marker(r.getTimeline(), r.getLastReadId(), r.getVersion(), Timestamps.fromDb(r.getUpdatedAt()));
    }
}
