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

    /** Sets the position; each change counts one more version. The row is locked for the update. */
    public Marker save(DSLContext dsl, long accountId, String timeline, long lastReadId) {
        ReadMarkerRecord r = dsl.selectFrom(READ_MARKER).where(READ_MARKER.ACCOUNT_ID.eq(accountId))
                .and(READ_MARKER.TIMELINE.eq(timeline)).forUpdate().fetchOne();
        if (r == null) {
            r = dsl.newRecord(READ_MARKER);
            r.setAccountId(accountId);
            r.setTimeline(timeline);
            r.setVersion(0);
        }
        r.setLastReadId(lastReadId);
        r.setVersion(r.getVersion() + 1);
        r.setUpdatedAt(Timestamps.toDb(clock.instant()));
        r.store();
        return toMarker(r);
    }

    private static Marker toMarker(ReadMarkerRecord r) {
        return new Marker(r.getTimeline(), r.getLastReadId(), r.getVersion(), Timestamps.fromDb(r.getUpdatedAt()));
    }
}
