package social.chorus.storage;

import static social.chorus.schema.Tables.NOTIFICATION;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import social.chorus.model.Notification;
import social.chorus.schema.tables.records.NotificationRecord;
import social.chorus.storage.StatusRepository.PageQuery;

/** Notifications of local accounts. */
public final class NotificationRepository {
    private final Clock clock;

    public NotificationRepository(Clock clock) {
        this.clock = clock;
    }

    public Notification insert(DSLContext dsl, long accountId, long fromAccountId, Notification.Type type,
            Long statusId) {
        NotificationRecord r = dsl.newRecord(NOTIFICATION);
        r.setAccountId(accountId);
        r.setFromAccountId(fromAccountId);
        r.setType(type.apiName());
        r.setStatusId(statusId);
        r.setCreatedAt(Timestamps.toDb(clock.instant()));
        r.store();
        return toNotification(r);
    }

    /**
     * Whether the same notification already exists: a redelivered activity, or a like that was
     * undone and done again, does not notify twice.
     */
    public boolean exists(DSLContext dsl, long accountId, long fromAccountId, Notification.Type type,
            Long statusId) {
        Condition c = NOTIFICATION.ACCOUNT_ID.eq(accountId).and(NOTIFICATION.FROM_ACCOUNT_ID.eq(fromAccountId))
                .and(NOTIFICATION.TYPE.eq(type.apiName()))
                .and(statusId == null ? NOTIFICATION.STATUS_ID.isNull() : NOTIFICATION.STATUS_ID.eq(statusId));
        return dsl.fetchExists(NOTIFICATION, c);
    }

    public Optional<Notification> find(DSLContext dsl, long accountId, long id) {
        return dsl.selectFrom(NOTIFICATION).where(NOTIFICATION.ID.eq(id)).and(NOTIFICATION.ACCOUNT_ID.eq(accountId))
                .fetchOptional().map(NotificationRepository::toNotification);
    }

    /** What a page of notifications is restricted to besides its cursor. */
    public record Filter(Set<Notification.Type> types, Long fromAccountId) {
        public static final Filter ALL = new Filter(Set.of(), null);
    }

    /** One page, newest first; with min_id, the notifications just after it (still newest first). */
    public List<Notification> page(DSLContext dsl, long accountId, Filter filter, PageQuery page) {
        Condition c = NOTIFICATION.ACCOUNT_ID.eq(accountId);
        if (!filter.types().isEmpty()) {
            c = c.and(NOTIFICATION.TYPE.in(filter.types().stream().map(Notification.Type::apiName).toList()));
        }
        if (filter.fromAccountId() != null) {
            c = c.and(NOTIFICATION.FROM_ACCOUNT_ID.eq(filter.fromAccountId()));
        }
        if (page.maxId() != null) {
            c = c.and(NOTIFICATION.ID.lt(page.maxId()));
        }
        if (page.sinceId() != null) {
            c = c.and(NOTIFICATION.ID.gt(page.sinceId()));
        }
        if (page.minId() != null) {
            List<Notification> asc = new ArrayList<>(dsl.selectFrom(NOTIFICATION)
                    .where(c.and(NOTIFICATION.ID.gt(page.minId()))).orderBy(NOTIFICATION.ID.asc())
                    .limit(page.limit()).fetch(NotificationRepository::toNotification));
            Collections.reverse(asc);
            return asc;
        }
        return dsl.selectFrom(NOTIFICATION).where(c).orderBy(NOTIFICATION.ID.desc()).limit(page.limit())
                .fetch(NotificationRepository::toNotification);
    }

    /** How many notifications are newer than {@code afterId}, counting at most {@code cap}. */
    public int countAfter(DSLContext dsl, long accountId, long afterId, int cap) {
        return dsl.fetchCount(dsl.select(NOTIFICATION.ID).from(NOTIFICATION)
                .where(NOTIFICATION.ACCOUNT_ID.eq(accountId)).and(NOTIFICATION.ID.gt(afterId)).limit(cap));
    }

    public boolean delete(DSLContext dsl, long accountId, long id) {
        return dsl.deleteFrom(NOTIFICATION).where(NOTIFICATION.ID.eq(id)).and(NOTIFICATION.ACCOUNT_ID.eq(accountId))
                .execute() > 0;
    }

    public int deleteAll(DSLContext dsl, long accountId) {
        return dsl.deleteFrom(NOTIFICATION).where(NOTIFICATION.ACCOUNT_ID.eq(accountId)).execute();
    }

    private static Notification toNotification(Record rec) {
        NotificationRecord r = rec.into(NOTIFICATION);
        return new Notification(r.getId(), r.getAccountId(), r.getFromAccountId(),
                Notification.Type.fromApiName(r.getType()).orElseThrow(), r.getStatusId(),
                Timestamps.fromDb(r.getCreatedAt()));
    }
}
