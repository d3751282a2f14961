package social.chorus.storage;

import static social.chorus.schema.Tables.ACCOUNT;
import static social.chorus.schema.Tables.LOCAL_USER;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.model.LocalKeys;
import social.chorus.model.LocalUser;
import social.chorus.schema.tables.records.AccountRecord;
import social.chorus.schema.tables.records.LocalUserRecord;

/** Accounts (local and remote actors) and the sign-in data of local ones. */
public final class AccountRepository {
    /** Everything needed to create a local account in one go. */
    public record NewLocalAccount(Account account, LocalKeys keys, LocalUser user) {
    }

    private final Clock clock;

    public AccountRepository(Clock clock) {
        this.clock = clock;
    }

    /** Inserts the account, its keys and its sign-in row; returns the account with its new id. */
    public Account insertLocal(DSLContext dsl, NewLocalAccount n) {
        Instant now = clock.instant();
        AccountRecord r = dsl.newRecord(ACCOUNT);
        fill(r, n.account());
        r.setPrivateKeyPem(n.keys().rsaPrivatePem());
        r.setEd25519Private(n.keys().ed25519Private());
        r.setCreatedAt(Timestamps.toDb(now));
        r.setUpdatedAt(Timestamps.toDb(now));
        r.store();
        LocalUserRecord u = dsl.newRecord(LOCAL_USER);
        u.setAccountId(r.getId());
        u.setEmail(n.user().email());
        u.setPasswordHash(n.user().passwordHash());
        u.setAdmin(n.user().admin());
        u.setApproved(n.user().approved());
        u.setDisabled(n.user().disabled());
        u.setCreatedAt(Timestamps.toDb(now));
        u.store();
        return toAccount(r);
    }

    /**
     * Inserts a local actor that has no sign-in row (the instance actor: it signs fetches but
     * nobody signs in as it); returns it with its new id.
     */
    public Account insertLocalActor(DSLContext dsl, Account account, LocalKeys keys) {
        Instant now = clock.instant();
        AccountRecord r = dsl.newRecord(ACCOUNT);
        fill(r, account);
        r.setPrivateKeyPem(keys.rsaPrivatePem());
        r.setEd25519Private(keys.ed25519Private());
        r.setCreatedAt(Timestamps.toDb(now));
        r.setUpdatedAt(Timestamps.toDb(now));
        r.store();
        return toAccount(r);
    }

    /** NodeInfo usage: people who can use the instance, how many signed in lately, local posts. */
    public record LocalUsage(int users, int activeMonth, int activeHalfyear, long localPosts) {
    }

    /**
     * Counts approved, not disabled local people (accounts of type Person with a sign-in row, so
     * never the instance actor), those of them who signed in since each instant, and the posts of
     * all local accounts.
     */
    public LocalUsage localUsage(DSLContext dsl, Instant activeMonthSince, Instant activeHalfyearSince) {
        Condition person = ACCOUNT.DOMAIN.eq("").and(ACCOUNT.ACTOR_TYPE.eq(ActorType.PERSON.asName()))
                .and(LOCAL_USER.APPROVED.isTrue()).and(LOCAL_USER.DISABLED.isFalse());
        var people = dsl.select(DSL.count(),
                        DSL.count().filterWhere(LOCAL_USER.LAST_SIGN_IN_AT.ge(Timestamps.toDb(activeMonthSince))),
                        DSL.count().filterWhere(LOCAL_USER.LAST_SIGN_IN_AT.ge(Timestamps.toDb(activeHalfyearSince))))
                .from(ACCOUNT).join(LOCAL_USER).on(LOCAL_USER.ACCOUNT_ID.eq(ACCOUNT.ID))
                .where(person).fetchSingle();
        BigDecimal posts = dsl.select(DSL.coalesce(DSL.sum(ACCOUNT.STATUSES_COUNT), BigDecimal.ZERO))
                .from(ACCOUNT).where(ACCOUNT.DOMAIN.eq("")).fetchSingle().value1();
        return new LocalUsage(people.value1(), people.value2(), people.value3(), posts.longValue());
    }

    /** Removes a remote actor and, by cascade, its follows and blocks. Local accounts are never removed here. */
    public boolean deleteRemote(DSLContext dsl, long id) {
        return dsl.deleteFrom(ACCOUNT).where(ACCOUNT.ID.eq(id).and(ACCOUNT.DOMAIN.ne(""))).execute() > 0;
    }

    /** The actor that publishes a key with this id, RSA or Ed25519. */
    public Optional<Account> findByKeyId(DSLContext dsl, String keyId) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.PUBLIC_KEY_ID.eq(keyId).or(ACCOUNT.ED25519_KEY_ID.eq(keyId)))
                .limit(1).fetchOptional().map(AccountRepository::toAccount);
    }

    public Optional<Account> findById(DSLContext dsl, long id) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional().map(AccountRepository::toAccount);
    }

    /** The account, its row locked until the transaction ends (to serialise changes that count per account). */
    public Optional<Account> findByIdForUpdate(DSLContext dsl, long id) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).forUpdate().fetchOptional()
                .map(AccountRepository::toAccount);
    }

    /** The ids of the local accounts among {@code uris}, in one query (unknown and remote ones left out). */
    public List<Long> localIdsByUri(DSLContext dsl, Collection<String> uris) {
        if (uris.isEmpty()) {
            return List.of();
        }
        return dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.URI.in(uris)).and(ACCOUNT.DOMAIN.eq(""))
                .orderBy(ACCOUNT.ID).fetch(ACCOUNT.ID);
    }

    /** Accounts by id, in one query (a page of statuses' authors); ids that are not found are absent. */
    public Map<Long, Account> findByIds(DSLContext dsl, Collection<Long> ids) {
        Map<Long, Account> out = new HashMap<>();
        if (!ids.isEmpty()) {
            dsl.selectFrom(ACCOUNT).where(ACCOUNT.ID.in(ids)).forEach(r -> out.put(r.getId(), toAccount(r)));
        }
        return out;
    }

    public Optional<Account> findByUri(DSLContext dsl, String uri) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.URI.eq(uri)).fetchOptional().map(AccountRepository::toAccount);
    }

    /** Case-insensitive, as usernames are (MariaDB's _ci collation, H2's IGNORECASE). */
    public Optional<Account> findByUsername(DSLContext dsl, String username, String domain) {
        return dsl.selectFrom(ACCOUNT)
                .where(ACCOUNT.USERNAME.eq(username).and(ACCOUNT.DOMAIN.eq(domain)))
                .fetchOptional().map(AccountRepository::toAccount);
    }

    /**
     * Inserts or refreshes a remote actor, keyed by its uri: profile, endpoints, keys, flags and
     * counts are replaced, fetched_at becomes now. Refuses (IllegalArgumentException) to touch a
     * local account. A different actor holding the same username@domain makes the unique key
     * fail; callers check {@link #findByUsername} first to say so clearly.
     */
    public Account upsertRemote(DSLContext dsl, Account remote) {
        if (remote.local()) {
            throw new IllegalArgumentException("upsertRemote is for remote actors only");
        }
        Instant now = clock.instant();
        AccountRecord r = dsl.selectFrom(ACCOUNT).where(ACCOUNT.URI.eq(remote.uri())).forUpdate().fetchOne();
        if (r == null) {
            r = dsl.newRecord(ACCOUNT);
            r.setCreatedAt(Timestamps.toDb(now));
        } else if (r.getDomain().isEmpty()) {
            throw new IllegalArgumentException("a local account has this uri");
        }
        fill(r, remote);
        r.setFetchedAt(Timestamps.toDb(now));
        r.setUpdatedAt(Timestamps.toDb(now));
        r.store();
        return toAccount(r);
    }

    /**
     * Records where a remote actor publishes its pinned posts (null: nowhere). Kept beside the
     * account rather than in {@link Account}: only pin handling reads it.
     */
    public void setFeaturedUrl(DSLContext dsl, long accountId, String featuredUrl) {
        dsl.update(ACCOUNT).set(ACCOUNT.FEATURED_URL, featuredUrl)
                .where(ACCOUNT.ID.eq(accountId).and(ACCOUNT.DOMAIN.ne(""))).execute();
    }

    /** The featured collection recorded for a remote actor, if any. */
    public Optional<String> featuredUrl(DSLContext dsl, long accountId) {
        return dsl.select(ACCOUNT.FEATURED_URL).from(ACCOUNT).where(ACCOUNT.ID.eq(accountId))
                .fetchOptional(ACCOUNT.FEATURED_URL).filter(java.util.Objects::nonNull);
    }

    public boolean emailTaken(DSLContext dsl, String email) {
        return dsl.fetchExists(LOCAL_USER, LOCAL_USER.EMAIL.eq(email));
    }

    public Optional<LocalUser> findLocalUser(DSLContext dsl, long accountId) {
        return dsl.selectFrom(LOCAL_USER).where(LOCAL_USER.ACCOUNT_ID.eq(accountId)).fetchOptional()
                .map(AccountRepository::toUser);
    }

    public Optional<LocalKeys> findLocalKeys(DSLContext dsl, long accountId) {
        return dsl.select(ACCOUNT.ID, ACCOUNT.PRIVATE_KEY_PEM, ACCOUNT.ED25519_PRIVATE).from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId).and(ACCOUNT.DOMAIN.eq("")))
                .fetchOptional(r -> new LocalKeys(r.value1(), r.value2(), r.value3()));
    }

    /** A local account with its sign-in data, for operator listings. */
    public record LocalAccount(Account account, LocalUser user) {
    }

    public List<LocalAccount> listLocal(DSLContext dsl, int limit, int offset) {
        return dsl.select().from(ACCOUNT).join(LOCAL_USER).on(LOCAL_USER.ACCOUNT_ID.eq(ACCOUNT.ID))
                .orderBy(ACCOUNT.ID).limit(limit).offset(offset)
                .fetch(r -> new LocalAccount(toAccount(r.into(ACCOUNT)), toUser(r.into(LOCAL_USER))));
    }

    public int countLocalUsers(DSLContext dsl) {
        return dsl.fetchCount(LOCAL_USER);
    }

    public boolean setDisabled(DSLContext dsl, long accountId, boolean disabled) {
        return dsl.update(LOCAL_USER).set(LOCAL_USER.DISABLED, disabled)
                .where(LOCAL_USER.ACCOUNT_ID.eq(accountId)).execute() > 0;
    }

    public boolean setApproved(DSLContext dsl, long accountId, boolean approved) {
        return dsl.update(LOCAL_USER).set(LOCAL_USER.APPROVED, approved)
                .where(LOCAL_USER.ACCOUNT_ID.eq(accountId)).execute() > 0;
    }

    public void recordSignIn(DSLContext dsl, long accountId, String rehashedPassword) {
        var update = dsl.update(LOCAL_USER).set(LOCAL_USER.LAST_SIGN_IN_AT, Timestamps.toDb(clock.instant()));
        if (rehashedPassword != null) {
            update = update.set(LOCAL_USER.PASSWORD_HASH, rehashedPassword);
        }
        update.where(LOCAL_USER.ACCOUNT_ID.eq(accountId)).execute();
    }

    /** A local person's own profile fields; a null argument leaves that field as it is. */
    public record ProfileChange(String displayName, String noteHtml, Boolean locked) {
    }

    public Optional<Account> updateProfile(DSLContext dsl, long accountId, ProfileChange change) {
        var update = dsl.update(ACCOUNT).set(ACCOUNT.UPDATED_AT, Timestamps.toDb(clock.instant()));
        if (change.displayName() != null) {
            update = update.set(ACCOUNT.DISPLAY_NAME, change.displayName());
        }
        if (change.noteHtml() != null) {
            update = update.set(ACCOUNT.NOTE, change.noteHtml());
        }
        if (change.locked() != null) {
            update = update.set(ACCOUNT.LOCKED, change.locked());
        }
        update.where(ACCOUNT.ID.eq(accountId).and(ACCOUNT.DOMAIN.eq(""))).execute();
        return findById(dsl, accountId);
    }

    /** Case-insensitive, as the e-mail column's unique key is. */
    public Optional<LocalUser> findLocalUserByEmail(DSLContext dsl, String email) {
        return dsl.selectFrom(LOCAL_USER).where(LOCAL_USER.EMAIL.eq(email)).fetchOptional()
                .map(AccountRepository::toUser);
    }

    /** Other servers we hold at least one actor of (the instance entity's domain_count). */
    public int countRemoteDomains(DSLContext dsl) {
        return dsl.select(DSL.countDistinct(ACCOUNT.DOMAIN)).from(ACCOUNT).where(ACCOUNT.DOMAIN.ne(""))
                .fetchSingle().value1();
    }

    private static void fill(AccountRecord r, Account a) {
        r.setUsername(a.username());
        r.setDomain(a.domain());
        r.setActorType(a.type().asName());
        r.setUri(a.uri());
        r.setUrl(a.url());
        r.setDisplayName(a.displayName());
        r.setNote(a.note());
        r.setInboxUrl(a.endpoints().inbox());
        r.setOutboxUrl(a.endpoints().outbox());
        r.setSharedInboxUrl(a.endpoints().sharedInbox());
        r.setFollowersUrl(a.endpoints().followers());
        r.setFollowingUrl(a.endpoints().following());
        r.setPublicKeyId(a.publicKey() == null ? null : a.publicKey().id());
        r.setPublicKeyPem(a.publicKey() == null ? null : a.publicKey().encoded());
        r.setEd25519KeyId(a.ed25519Key() == null ? null : a.ed25519Key().id());
        r.setEd25519Public(a.ed25519Key() == null ? null : a.ed25519Key().encoded());
        r.setLocked(a.flags().locked());
        r.setDiscoverable(a.flags().discoverable());
        r.setIndexable(a.flags().indexable());
        r.setFollowersCount(a.counts().followers());
        r.setFollowingCount(a.counts().following());
        r.setStatusesCount(a.counts().statuses());
        r.setFetchedAt(Timestamps.toDb(a.fetchedAt()));
    }

    static Account toAccount(Record rec) {
        AccountRecord r = rec.into(ACCOUNT);
        return new Account(r.getId(), r.getUsername(), r.getDomain(),
                ActorType.fromAsName(r.getActorType()).orElse(ActorType.PERSON), r.getUri(), r.getUrl(),
                r.getDisplayName(), r.getNote(),
                new Account.ActorEndpoints(r.getInboxUrl(), r.getOutboxUrl(), r.getSharedInboxUrl(),
                        r.getFollowersUrl(), r.getFollowingUrl()),
                r.getPublicKeyId() == null ? null : new Account.PublicKey(r.getPublicKeyId(), r.getPublicKeyPem()),
                r.getEd25519KeyId() == null ? null : new Account.PublicKey(r.getEd25519KeyId(), r.getEd25519Public()),
                new Account.AccountFlags(r.getLocked(), r.getDiscoverable(), r.getIndexable()),
                new Account.AccountCounts(r.getFollowersCount(), r.getFollowingCount(), r.getStatusesCount()),
                Timestamps.fromDb(r.getCreatedAt()), Timestamps.fromDb(r.getUpdatedAt()),
                Timestamps.fromDb(r.getFetchedAt()));
    }

    private static LocalUser toUser(Record rec) {
        LocalUserRecord u = rec.into(LOCAL_USER);
        return new LocalUser(u.getAccountId(), u.getEmail(), u.getPasswordHash(), u.getAdmin(), u.getApproved(),
                u.getDisabled(), Timestamps.fromDb(u.getCreatedAt()), Timestamps.fromDb(u.getLastSignInAt()));
    }
}
