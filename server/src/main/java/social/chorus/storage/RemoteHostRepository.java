package social.chorus.storage;

import static social.chorus.schema.Tables.ACCOUNT;
import static social.chorus.schema.Tables.REMOTE_HOST;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import social.chorus.schema.tables.records.RemoteHostRecord;

/**
 * Delivery health per remote host (see {@code HostHealth} for the rules). A row exists only for
 * hosts that have failed at least once; its absence means healthy.
 */
public final class RemoteHostRepository {
    /** One host's failure record: distinct failure days since the last success, and the verdicts. */
    public record HostState(String host, Optional<Instant> firstFailureAt, int failureDays,
            Optional<LocalDate> lastFailureDay, Optional<Instant> unavailableSince, boolean gone,
            Optional<Instant> lastSuccessAt) {
    }

    private final Clock clock;

    public RemoteHostRepository(Clock clock) {
        this.clock = clock;
    }

    public Optional<HostState> find(DSLContext dsl, String host) {
        return dsl.selectFrom(REMOTE_HOST).where(REMOTE_HOST.HOST.eq(host)).fetchOptional()
                .map(RemoteHostRepository::state);
    }

    /**
     * Reads the host's state with its row locked (created first if missing, so concurrent workers
     * in several processes serialise on it), applies {@code change} and stores the result.
     */
    public HostState update(DSLContext tx, String host, Function<HostState, HostState> change) {
        // Lock an existing row first: INSERT IGNORE on a present key takes a shared lock, and two
        // of those upgrading to the row lock would deadlock.
        RemoteHostRecord r = tx.selectFrom(REMOTE_HOST).where(REMOTE_HOST.HOST.eq(host)).forUpdate().fetchOne();
        if (r == null) {
            try {
                tx.insertInto(REMOTE_HOST)
                        .set(REMOTE_HOST.HOST, host)
                        .set(REMOTE_HOST.FAILURE_DAYS, 0)
                        .set(REMOTE_HOST.GONE, false)
                        .set(REMOTE_HOST.UPDATED_AT, Timestamps.toDb(clock.instant()))
                        .onDuplicateKeyIgnore()
                        .execute();
            } catch (IntegrityConstraintViolationException e) {
                // H2 emulates the IGNORE with a MERGE that a concurrent insert can still beat; the
                // failed statement alone is undone, and the row the other one made is used below.
            }
            r = tx.selectFrom(REMOTE_HOST).where(REMOTE_HOST.HOST.eq(host)).forUpdate().fetchSingle();
        }
        HostState next = change.apply(state(r));
        r.setFirstFailureAt(Timestamps.toDb(next.firstFailureAt().orElse(null)));
        r.setFailureDays(next.failureDays());
        r.setLastFailureDay(next.lastFailureDay().orElse(null));
        r.setUnavailableSince(Timestamps.toDb(next.unavailableSince().orElse(null)));
        r.setGone(next.gone());
        r.setLastSuccessAt(Timestamps.toDb(next.lastSuccessAt().orElse(null)));
        r.setUpdatedAt(Timestamps.toDb(clock.instant()));
        r.update();
        return next;
    }

    /**
     * A success from a host that has a record: the same reset as {@code HostHealth.afterSuccess},
     * as one statement, because it runs after every delivered job. No row, nothing to forgive.
     */
    public void recordSuccess(DSLContext tx, String host) {
        recordSuccess(tx, List.of(host));
    }

    /** {@link #recordSuccess(DSLContext, String)} for several hosts in one statement. */
    public void recordSuccess(DSLContext tx, Collection<String> hosts) {
        if (hosts.isEmpty()) {
            return;
        }
        tx.update(REMOTE_HOST)
                .setNull(REMOTE_HOST.FIRST_FAILURE_AT)
                .set(REMOTE_HOST.FAILURE_DAYS, 0)
                .setNull(REMOTE_HOST.LAST_FAILURE_DAY)
                .setNull(REMOTE_HOST.UNAVAILABLE_SINCE)
                .set(REMOTE_HOST.GONE, false)
                .set(REMOTE_HOST.LAST_SUCCESS_AT, Timestamps.toDb(clock.instant()))
                .set(REMOTE_HOST.UPDATED_AT, Timestamps.toDb(clock.instant()))
                .where(REMOTE_HOST.HOST.in(hosts))
                .execute();
    }

    /**
     * The host showed it is up by other means than a delivery (a signed request from it verified):
     * an unavailable or gone host becomes available with a clean record, as after a success. A
     * host that is merely failing keeps its count. Whether a row changed.
     */
    public boolean revive(DSLContext tx, String host) {
        return tx.update(REMOTE_HOST)
                .setNull(REMOTE_HOST.FIRST_FAILURE_AT)
                .set(REMOTE_HOST.FAILURE_DAYS, 0)
                .setNull(REMOTE_HOST.LAST_FAILURE_DAY)
                .setNull(REMOTE_HOST.UNAVAILABLE_SINCE)
                .set(REMOTE_HOST.GONE, false)
                .set(REMOTE_HOST.UPDATED_AT, Timestamps.toDb(clock.instant()))
                .where(REMOTE_HOST.HOST.eq(host))
                .and(REMOTE_HOST.GONE.isTrue().or(REMOTE_HOST.UNAVAILABLE_SINCE.isNotNull()))
                .execute() > 0;
    }

    /** The names of all gone or unavailable hosts (a few thousand at most on a large instance). */
    public java.util.Set<String> unavailableHostNames(DSLContext dsl) {
        return dsl.select(REMOTE_HOST.HOST).from(REMOTE_HOST)
                .where(REMOTE_HOST.GONE.isTrue().or(REMOTE_HOST.UNAVAILABLE_SINCE.isNotNull()))
                .fetchSet(REMOTE_HOST.HOST);
    }

    /** Drops the host's record (an operator's "try it again"): it is healthy until it fails anew. */
    public void forget(DSLContext tx, String host) {
        tx.deleteFrom(REMOTE_HOST).where(REMOTE_HOST.HOST.eq(host)).execute();
    }

    /** The hosts among {@code hosts} that are gone or unavailable, by host. */
    public Map<String, HostState> unavailable(DSLContext dsl, Collection<String> hosts) {
        if (hosts.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(REMOTE_HOST)
                .where(REMOTE_HOST.HOST.in(hosts))
                .and(REMOTE_HOST.GONE.isTrue().or(REMOTE_HOST.UNAVAILABLE_SINCE.isNotNull()))
                .fetch().stream().map(RemoteHostRepository::state)
                .collect(Collectors.toMap(HostState::host, Function.identity()));
    }

    /** Every gone or unavailable host, longest-lost first, for the operator. */
    public List<HostState> listUnavailable(DSLContext dsl, int limit) {
        return dsl.selectFrom(REMOTE_HOST)
                .where(REMOTE_HOST.GONE.isTrue().or(REMOTE_HOST.UNAVAILABLE_SINCE.isNotNull()))
                .orderBy(REMOTE_HOST.UNAVAILABLE_SINCE, REMOTE_HOST.HOST)
                .limit(limit)
                .fetch().stream().map(RemoteHostRepository::state).toList();
    }

    /** Whether {@code inboxUrl} is some known actor's shared inbox (a 410 there means the server is gone). */
    public boolean isSharedInbox(DSLContext dsl, String inboxUrl) {
        return dsl.fetchExists(ACCOUNT, ACCOUNT.SHARED_INBOX_URL.eq(inboxUrl));
    }

    private static HostState state(RemoteHostRecord r) {
        return new HostState(r.getHost(), Optional.ofNullable(Timestamps.fromDb(r.getFirstFailureAt())),
                r.getFailureDays(), Optional.ofNullable(r.getLastFailureDay()),
                Optional.ofNullable(Timestamps.fromDb(r.getUnavailableSince())), Boolean.TRUE.equals(r.getGone()),
                Optional.ofNullable(Timestamps.fromDb(r.getLastSuccessAt())));
    }
}
