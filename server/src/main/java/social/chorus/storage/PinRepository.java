package social.chorus.storage;

import static social.chorus.schema.Tables.STATUS;
import static social.chorus.schema.Tables.STATUS_PIN;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/** Posts pinned to their author's profile. */
public final class PinRepository {
    private final Clock clock;

    public PinRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * @return false when it was pinned already. A pin another transaction inserted meanwhile is no
     *     error (the insert ignores a duplicate key rather than failing the caller's transaction).
     */
    public boolean pin(DSLContext dsl, long accountId, long statusId) {
        if (dsl.fetchExists(STATUS_PIN, STATUS_PIN.ACCOUNT_ID.eq(accountId).and(STATUS_PIN.STATUS_ID.eq(statusId)))) {
            return false;
        }
        return insert(dsl, accountId, statusId, clock.instant()) > 0;
    }

    private static int insert(DSLContext dsl, long accountId, long statusId, java.time.Instant at) {
        return dsl.insertInto(STATUS_PIN).set(STATUS_PIN.ACCOUNT_ID, accountId).set(STATUS_PIN.STATUS_ID, statusId)
                .set(STATUS_PIN.CREATED_AT, Timestamps.toDb(at)).onDuplicateKeyIgnore().execute();
    }

    public boolean unpin(DSLContext dsl, long accountId, long statusId) {
        return dsl.deleteFrom(STATUS_PIN).where(STATUS_PIN.ACCOUNT_ID.eq(accountId))
                .and(STATUS_PIN.STATUS_ID.eq(statusId)).execute() > 0;
    }

    /**
     * Makes {@code statusIds} the account's pins, in that order (first = shown first): a remote
     * account's featured collection as last read. Its pin times are made up to keep the order.
     */
    public void replace(DSLContext dsl, long accountId, List<Long> statusIds) {
        // Row by primary key only: a delete by account id would lock the key's gap (on MariaDB,
        // the end of the table for a new account), and two accounts' replaces inserting into the
        // gap the other holds deadlock.
        List<Long> current = dsl.select(STATUS_PIN.STATUS_ID).from(STATUS_PIN).where(STATUS_PIN.ACCOUNT_ID.eq(accountId))
                .fetch(STATUS_PIN.STATUS_ID);
        for (Long old : current) {
            if (!statusIds.contains(old)) {
                unpin(dsl, accountId, old);
            }
        }
        java.time.Instant now = clock.instant();
        for (int i = 0; i < statusIds.size(); i++) {
            long id = statusIds.get(i);
            if (current.contains(id)) {
                dsl.update(STATUS_PIN).set(STATUS_PIN.CREATED_AT, Timestamps.toDb(now.minusMillis(i)))
                        .where(STATUS_PIN.ACCOUNT_ID.eq(accountId)).and(STATUS_PIN.STATUS_ID.eq(id)).execute();
            } else if (dsl.fetchExists(STATUS, STATUS.ID.eq(id))) { // deleted since it was read: no pin
                insert(dsl, accountId, id, now.minusMillis(i));
            }
        }
    }

    public int count(DSLContext dsl, long accountId) {
        return dsl.fetchCount(STATUS_PIN, STATUS_PIN.ACCOUNT_ID.eq(accountId));
    }

    /** The account's pinned posts, most recently pinned first. */
    public List<Long> pinnedIds(DSLContext dsl, long accountId) {
        return dsl.select(STATUS_PIN.STATUS_ID).from(STATUS_PIN).where(STATUS_PIN.ACCOUNT_ID.eq(accountId))
                .orderBy(STATUS_PIN.CREATED_AT.desc(), STATUS_PIN.STATUS_ID.desc()).fetch(STATUS_PIN.STATUS_ID);
    }

    /** Which of {@code statusIds} the account has pinned. */
    public Set<Long> pinned(DSLContext dsl, long accountId, Collection<Long> statusIds) {
        if (statusIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(dsl.select(STATUS_PIN.STATUS_ID).from(STATUS_PIN)
                .where(STATUS_PIN.ACCOUNT_ID.eq(accountId)).and(STATUS_PIN.STATUS_ID.in(statusIds))
                .fetch(STATUS_PIN.STATUS_ID));
    }
}
