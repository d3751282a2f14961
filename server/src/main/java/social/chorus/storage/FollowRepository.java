package social.chorus.storage;

import static social.chorus.schema.Tables.ACCOUNT;
import static social.chorus.schema.Tables.FOLLOW;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.schema.tables.records.FollowRecord;

/** Follow relations between any two accounts. */
public final class FollowRepository {
    private final Clock clock;

    public FollowRepository(Clock clock) {
        this.clock = clock;
    }

    public Follow insert(DSLContext dsl, long accountId, long targetId, String uri, Follow.State state) {
        lockAccounts(dsl, accountId, targetId);
        FollowRecord r = dsl.newRecord(FOLLOW);
        r.setAccountId(accountId);
        r.setTargetAccountId(targetId);
        r.setUri(uri);
        r.setState(state.name().toLowerCase(Locale.ROOT));
        r.setCreatedAt(Timestamps.toDb(clock.instant()));
        r.setUpdatedAt(r.getCreatedAt());
        r.store();
        if (state == Follow.State.ACCEPTED) {
            adjustCounts(dsl, accountId, targetId, 1);
        }
        return toFollow(r);
    }

    public Optional<Follow> find(DSLContext dsl, long accountId, long targetId) {
        return dsl.selectFrom(FOLLOW).where(pair(accountId, targetId)).fetchOptional().map(FollowRepository::toFollow);
    }

    public Optional<Follow> findByUri(DSLContext dsl, String uri) {
        return dsl.selectFrom(FOLLOW).where(FOLLOW.URI.eq(uri)).fetchOptional().map(FollowRepository::toFollow);
    }

    public boolean accept(DSLContext dsl, long followId) {
        FollowRecord r = dsl.selectFrom(FOLLOW).where(FOLLOW.ID.eq(followId)).fetchOne();
        if (r == null) {
            return false;
        }
        lockAccounts(dsl, r.getAccountId(), r.getTargetAccountId());
        // Re-read under the account locks: a racing accept or delete may have won meanwhile.
        r = dsl.selectFrom(FOLLOW).where(FOLLOW.ID.eq(followId)).fetchOne();
        if (r == null || !"pending".equals(r.getState())) {
            return false;
        }
        dsl.update(FOLLOW).set(FOLLOW.STATE, "accepted").set(FOLLOW.UPDATED_AT, Timestamps.toDb(clock.instant()))
                .where(FOLLOW.ID.eq(followId)).execute();
        adjustCounts(dsl, r.getAccountId(), r.getTargetAccountId(), 1);
        return true;
    }

    public boolean delete(DSLContext dsl, long accountId, long targetId) {
        lockAccounts(dsl, accountId, targetId);
        FollowRecord r = dsl.selectFrom(FOLLOW).where(pair(accountId, targetId)).forUpdate().fetchOne();
        if (r == null) {
            return false;
        }
        r.delete();
        if ("accepted".equals(r.getState())) {
            adjustCounts(dsl, accountId, targetId, -1);
        }
        return true;
    }

    /**
     * Locks both accounts, lower id first. Every transaction that changes follows between two
     * accounts takes this lock before it reads or writes a follow row, so such transactions queue
     * instead of deadlocking: inserting a follow takes shared locks on both accounts (foreign keys)
     * and gap locks on the follow keys, and the count update then needs exclusive account locks;
     * two of them interleaved deadlock on InnoDB. Taking the same locks again later is free.
     */
    public void lockPair(DSLContext dsl, long a, long b) {
        lockAccounts(dsl, a, b);
    }

    private static void lockAccounts(DSLContext dsl, long a, long b) {
        dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ID.in(a, b)).orderBy(ACCOUNT.ID).forUpdate().fetch();
    }

    /**
     * Keeps the stored counts in step with accepted follows, in the same transaction, so that
     * profiles never need a COUNT over the follow table. A remote account's counts are replaced
     * by its server's own figures whenever it is fetched again.
     */
    private static void adjustCounts(DSLContext dsl, long followerId, long targetId, int delta) {
        dsl.update(ACCOUNT).set(ACCOUNT.FOLLOWING_COUNT, DSL.greatest(ACCOUNT.FOLLOWING_COUNT.plus(delta), DSL.inline(0)))
                .where(ACCOUNT.ID.eq(followerId)).execute();
        dsl.update(ACCOUNT).set(ACCOUNT.FOLLOWERS_COUNT, DSL.greatest(ACCOUNT.FOLLOWERS_COUNT.plus(delta), DSL.inline(0)))
                .where(ACCOUNT.ID.eq(targetId)).execute();
    }

    /** Removes every follow to or from {@code accountId}, keeping the other sides' counts right. */
    public void removeAllOf(DSLContext dsl, long accountId) {
        var pairs = dsl.select(FOLLOW.ACCOUNT_ID, FOLLOW.TARGET_ACCOUNT_ID).from(FOLLOW)
                .where(FOLLOW.ACCOUNT_ID.eq(accountId).or(FOLLOW.TARGET_ACCOUNT_ID.eq(accountId))).fetch();
        pairs.forEach(p -> delete(dsl, p.value1(), p.value2()));
    }

    public int countFollowers(DSLContext dsl, long accountId) {
        return dsl.fetchCount(FOLLOW, FOLLOW.TARGET_ACCOUNT_ID.eq(accountId).and(FOLLOW.STATE.eq("accepted")));
    }

    public int countFollowing(DSLContext dsl, long accountId) {
        return dsl.fetchCount(FOLLOW, FOLLOW.ACCOUNT_ID.eq(accountId).and(FOLLOW.STATE.eq("accepted")));
    }

    /**
     * Where a post of {@code accountId} goes to reach its remote followers: each accepted remote
     * follower's shared inbox when its server has one, else its own inbox, each once.
     */
    public List<String> remoteFollowerInboxes(DSLContext dsl, long accountId) {
        var inbox = DSL.coalesce(ACCOUNT.SHARED_INBOX_URL, ACCOUNT.INBOX_URL);
        return dsl.selectDistinct(inbox).from(FOLLOW).join(ACCOUNT).on(ACCOUNT.ID.eq(FOLLOW.ACCOUNT_ID))
                .where(FOLLOW.TARGET_ACCOUNT_ID.eq(accountId).and(FOLLOW.STATE.eq("accepted"))
                        .and(ACCOUNT.DOMAIN.ne("")).and(inbox.isNotNull()))
                .fetch(inbox);
    }

    /** Whether any local account follows {@code accountId} (accepted): its posts then concern us. */
    public boolean hasLocalFollowers(DSLContext dsl, long accountId) {
        return dsl.fetchExists(dsl.selectOne().from(FOLLOW).join(ACCOUNT).on(ACCOUNT.ID.eq(FOLLOW.ACCOUNT_ID))
                .where(FOLLOW.TARGET_ACCOUNT_ID.eq(accountId).and(FOLLOW.STATE.eq("accepted"))
                        .and(ACCOUNT.DOMAIN.eq(""))));
    }

    /** A page of accounts, newest follow first, for collections and the client API. */
    public record Page(List<Account> accounts, Optional<Long> nextMaxId) {
    }

    /** Accepted followers of {@code accountId}; {@code maxFollowId} pages backwards (exclusive). */
    public Page followers(DSLContext dsl, long accountId, Optional<Long> maxFollowId, int limit) {
        return page(dsl, FOLLOW.TARGET_ACCOUNT_ID.eq(accountId).and(FOLLOW.STATE.eq("accepted")),
                FOLLOW.ACCOUNT_ID, maxFollowId, limit);
    }

    public Page following(DSLContext dsl, long accountId, Optional<Long> maxFollowId, int limit) {
        return page(dsl, FOLLOW.ACCOUNT_ID.eq(accountId).and(FOLLOW.STATE.eq("accepted")),
                FOLLOW.TARGET_ACCOUNT_ID, maxFollowId, limit);
    }

    /** How many follow requests wait for {@code accountId}'s answer. */
    public int countPendingRequests(DSLContext dsl, long accountId) {
        return dsl.fetchCount(FOLLOW, FOLLOW.TARGET_ACCOUNT_ID.eq(accountId).and(FOLLOW.STATE.eq("pending")));
    }

    /** Follow requests waiting for {@code accountId}'s answer. */
    public Page pendingRequests(DSLContext dsl, long accountId, Optional<Long> maxFollowId, int limit) {
        return page(dsl, FOLLOW.TARGET_ACCOUNT_ID.eq(accountId).and(FOLLOW.STATE.eq("pending")),
                FOLLOW.ACCOUNT_ID, maxFollowId, limit);
    }

    private Page page(DSLContext dsl, Condition where, org.jooq.TableField<FollowRecord, Long> other,
            Optional<Long> maxFollowId, int limit) {
        Condition c = maxFollowId.map(max -> where.and(FOLLOW.ID.lt(max))).orElse(where);
        var rows = dsl.select(FOLLOW.ID).select(ACCOUNT.fields()).from(FOLLOW).join(ACCOUNT).on(ACCOUNT.ID.eq(other))
                .where(c).orderBy(FOLLOW.ID.desc()).limit(limit + 1).fetch();
        List<Account> accounts = rows.stream().limit(limit).map(AccountRepository::toAccount).toList();
        Optional<Long> next = rows.size() > limit ? Optional.of(rows.get(limit - 1).get(FOLLOW.ID)) : Optional.empty();
        return new Page(accounts, next);
    }

    private static Condition pair(long accountId, long targetId) {
        return FOLLOW.ACCOUNT_ID.eq(accountId).and(FOLLOW.TARGET_ACCOUNT_ID.eq(targetId));
    }

    private static Follow toFollow(FollowRecord r) {
        return new Follow(r.getId(), r.getAccountId(), r.getTargetAccountId(), r.getUri(),
                Follow.State.valueOf(r.getState().toUpperCase(Locale.ROOT)), Timestamps.fromDb(r.getCreatedAt()));
    }
}
