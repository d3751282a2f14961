package social.chorus.storage;

import static social.chorus.schema.Tables.ACCOUNT;
import static social.chorus.schema.Tables.STATUS;
import static social.chorus.schema.Tables.STATUS_EDIT;
import static social.chorus.schema.Tables.STATUS_MENTION;
import static social.chorus.schema.Tables.STATUS_TAG;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import social.chorus.model.Account;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusEdit;
import social.chorus.model.Visibility;
import social.chorus.schema.tables.records.StatusEditRecord;
import social.chorus.schema.tables.records.StatusRecord;

/**
 * Statuses (local and remote), their mentions, hashtags and edit history. The
 * counts that profiles and statuses show (statuses_count, replies_count) are kept in step here,
 * in the caller's transaction, so nothing ever counts rows to show them.
 */
public final class StatusRepository {
    private final Clock clock;

    public StatusRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * Inserts a status with its mentions and tags, counts it on its author and, for a reply to a
     * stored status, on the parent. The id comes with the status (time-sortable, made by the caller).
     *
     * <p>The author's count is raised first: that takes the author's row lock before the status
     * insert takes its shared foreign-key lock on the same row, so two posts of one author queue
     * instead of deadlocking (each holding the shared lock and waiting for the exclusive one). A
     * new status has no mentions or tags yet, so they are inserted in one statement each, without
     * the reads and deletes an edit needs (a delete of nothing still takes gap locks, on which
     * concurrent inserts of new statuses deadlocked on MariaDB).
     */
    public Status insert(DSLContext dsl, Status s, Collection<Long> mentionIds, Collection<String> tags) {
        adjustStatusesCount(dsl, s.accountId(), 1);
        StatusRecord r = dsl.newRecord(STATUS);
        r.setId(s.id());
        r.setUri(s.uri());
        r.setUrl(s.url());
        r.setAccountId(s.accountId());
        r.setLocal(s.local());
        r.setInReplyToId(s.reply().inReplyToId());
        r.setInReplyToUri(s.reply().inReplyToUri());
        r.setInReplyToAccountId(s.reply().inReplyToAccountId());
        r.setConversation(s.conversation());
        r.setVisibility(s.visibility().apiName());
        fillContent(r, s.content());
        r.setApplicationId(s.applicationId());
        r.setRepliesCount(0);
        r.setReblogsCount(0);
        r.setFavouritesCount(0);
        r.setCreatedAt(Timestamps.toDb(s.createdAt()));
        r.setEditedAt(Timestamps.toDb(s.editedAt()));
        r.setUpdatedAt(Timestamps.toDb(clock.instant()));
        r.setReblogOfId(s.reblogOfId());
        // A plain insert: store() would also read the row back (the id is ours, nothing to learn).
        // Boosts count among the booster's statuses, as Mastodon counts them (counted above).
        dsl.insertInto(STATUS).set(r).execute();
        insertMentions(dsl, s.id(), Set.copyOf(mentionIds));
        insertTags(dsl, s.id(), Set.copyOf(tags));
        if (s.reply().inReplyToId() != null) {
            adjustRepliesCount(dsl, s.reply().inReplyToId(), 1);
        }
        if (s.reblogOfId() != null) {
            adjustReblogsCount(dsl, s.reblogOfId(), 1);
        }
        return toStatus(r);
    }

    /**
     * Removes a status (mentions, tags, history, likes and its boosts go with it; replies stay)
     * and uncounts it: on its author, on the status it answered or boosted, and on the accounts
     * whose boosts of it the database removes with it.
     */
    public boolean delete(DSLContext dsl, Status s) {
        // Locking read: the latest committed boosts, whatever the transaction's snapshot.
        List<Long> boosters = dsl.select(STATUS.ACCOUNT_ID).from(STATUS).where(STATUS.REBLOG_OF_ID.eq(s.id()))
                .forUpdate().fetch(STATUS.ACCOUNT_ID);
        if (dsl.deleteFrom(STATUS).where(STATUS.ID.eq(s.id())).execute() == 0) {
            return false;
        }
        adjustStatusesCount(dsl, s.accountId(), -1);
        boosters.forEach(a -> adjustStatusesCount(dsl, a, -1));
        if (s.reply().inReplyToId() != null) {
            adjustRepliesCount(dsl, s.reply().inReplyToId(), -1);
        }
        if (s.reblogOfId() != null) {
            adjustReblogsCount(dsl, s.reblogOfId(), -1);
        }
        return true;
    }

    /**
     * The account's boost of a status, if it boosted it. A locking read: it sees the latest
     * committed boost even where the transaction's snapshot is older (MariaDB's repeatable
     * read), so "already boosted?" holds under concurrent requests.
     */
    public Optional<Status> findReblog(DSLContext dsl, long accountId, long statusId) {
        return dsl.selectFrom(STATUS).where(STATUS.REBLOG_OF_ID.eq(statusId)).and(STATUS.ACCOUNT_ID.eq(accountId))
                .forUpdate().fetchOptional().map(StatusRepository::toStatus);
    }

    /** By uri, as a locking read (see {@link #findReblog}). */
    public Optional<Status> findByUriForUpdate(DSLContext dsl, String uri) {
        return dsl.selectFrom(STATUS).where(STATUS.URI.eq(uri)).forUpdate().fetchOptional()
                .map(StatusRepository::toStatus);
    }

    /** Of these statuses, the ids the account has boosted. */
    public Set<Long> reblogged(DSLContext dsl, long accountId, Collection<Long> statusIds) {
        return statusIds.isEmpty() ? Set.of()
                : Set.copyOf(dsl.select(STATUS.REBLOG_OF_ID).from(STATUS).where(STATUS.ACCOUNT_ID.eq(accountId))
                        .and(STATUS.REBLOG_OF_ID.in(statusIds)).fetch(STATUS.REBLOG_OF_ID));
    }

    /**
     * The boosts of a status, newest first, paged by the boost's id ({@code before} exclusive,
     * null for the newest): whose they are is their account id.
     */
    public List<Status> reblogsOf(DSLContext dsl, long statusId, Long before, int limit) {
        Condition c = STATUS.REBLOG_OF_ID.eq(statusId);
        if (before != null) {
            c = c.and(STATUS.ID.lt(before));
        }
        return dsl.selectFrom(STATUS).where(c).orderBy(STATUS.ID.desc()).limit(limit).fetch(StatusRepository::toStatus);
    }

    /**
     * Removes every status of an account (a deleted remote actor's), one by one through
     * {@link #delete} so that the reply counts of the posts they answered drop with them.
     */
    public int deleteByAccount(DSLContext dsl, long accountId) {
        int n = 0;
        for (Status s : dsl.selectFrom(STATUS).where(STATUS.ACCOUNT_ID.eq(accountId)).orderBy(STATUS.ID)
                .fetch(StatusRepository::toStatus)) {
            n += delete(dsl, s) ? 1 : 0;
        }
        return n;
    }

    /**
     * Links the stored replies that name {@code parent} by uri but were stored before it (a reply
     * that arrived first, a chain fetched from the bottom up) and counts them on it.
     *
     * @return how many replies were linked
     */
    public int linkReplies(DSLContext dsl, Status parent) {
        Condition waiting = STATUS.IN_REPLY_TO_URI.eq(parent.uri()).and(STATUS.IN_REPLY_TO_ID.isNull())
                .and(STATUS.ID.ne(parent.id()));
        int linked = dsl.update(STATUS).set(STATUS.IN_REPLY_TO_ID, parent.id())
                .set(STATUS.IN_REPLY_TO_ACCOUNT_ID, parent.accountId()).where(waiting).execute();
        if (linked > 0) {
            adjustRepliesCount(dsl, parent.id(), linked);
        }
        return linked;
    }

    /** A status by its uri, else by its url (the page a person would paste into a search). */
    public Optional<Status> findByUriOrUrl(DSLContext dsl, String uriOrUrl) {
        Optional<Status> byUri = findByUri(dsl, uriOrUrl);
        return byUri.isPresent() ? byUri
                : dsl.selectFrom(STATUS).where(STATUS.URL.eq(uriOrUrl)).orderBy(STATUS.ID).limit(1).fetchOptional()
                        .map(StatusRepository::toStatus);
    }

    public Optional<Status> findById(DSLContext dsl, long id) {
        return dsl.selectFrom(STATUS).where(STATUS.ID.eq(id)).fetchOptional().map(StatusRepository::toStatus);
    }

    /** Locks the row: edits and deletes of one status queue up instead of losing a version. */
    public Optional<Status> findByIdForUpdate(DSLContext dsl, long id) {
        return dsl.selectFrom(STATUS).where(STATUS.ID.eq(id)).forUpdate().fetchOptional()
                .map(StatusRepository::toStatus);
    }

    public Optional<Status> findByUri(DSLContext dsl, String uri) {
        return dsl.selectFrom(STATUS).where(STATUS.URI.eq(uri)).fetchOptional().map(StatusRepository::toStatus);
    }

    public List<Status> findByIds(DSLContext dsl, Collection<Long> ids) {
        return ids.isEmpty() ? List.of()
                : dsl.selectFrom(STATUS).where(STATUS.ID.in(ids)).fetch(StatusRepository::toStatus);
    }

    /** Direct replies to any of {@code parentIds}, oldest first. */
    public List<Status> repliesTo(DSLContext dsl, Collection<Long> parentIds, int limit) {
        return parentIds.isEmpty() ? List.of()
                : dsl.selectFrom(STATUS).where(STATUS.IN_REPLY_TO_ID.in(parentIds)).orderBy(STATUS.ID)
                        .limit(limit).fetch(StatusRepository::toStatus);
    }

    /** Bounds of a page of ids, exclusive; {@code ascending} when paging forward from min_id. */
    public record PageQuery(Long maxId, Long sinceId, Long minId, int limit) {
    }

    /**
     * Which of an account's statuses a list leaves out: replies to others, boosts, and with
     * {@code onlyMedia} every status without media (boosts too: their media are another's).
     */
    public record AccountFilter(boolean excludeReplies, boolean excludeReblogs, boolean onlyMedia) {
        public static final AccountFilter ALL = new AccountFilter(false, false, false);

        public AccountFilter(boolean excludeReplies, boolean excludeReblogs) {
            this(excludeReplies, excludeReblogs, false);
        }
    }

    public List<Account> mentions(DSLContext dsl, long statusId) {
        return dsl.select(ACCOUNT.fields()).from(STATUS_MENTION).join(ACCOUNT).on(ACCOUNT.ID.eq(STATUS_MENTION.ACCOUNT_ID))
                .where(STATUS_MENTION.STATUS_ID.eq(statusId)).orderBy(ACCOUNT.ID)
                .fetch(AccountRepository::toAccount);
    }

    public boolean mentions(DSLContext dsl, long statusId, long accountId) {
        return dsl.fetchExists(STATUS_MENTION,
                STATUS_MENTION.STATUS_ID.eq(statusId).and(STATUS_MENTION.ACCOUNT_ID.eq(accountId)));
    }

    /**
     * The mentioned accounts of many statuses in one query (a page's worth), each list ordered as
     * {@link #mentions(DSLContext, long)} orders it; statuses without mentions are absent.
     */
    public Map<Long, List<Account>> mentionsOf(DSLContext dsl, Collection<Long> statusIds) {
        Map<Long, List<Account>> out = new HashMap<>();
        if (!statusIds.isEmpty()) {
            dsl.select(STATUS_MENTION.STATUS_ID).select(ACCOUNT.fields()).from(STATUS_MENTION).join(ACCOUNT)
                    .on(ACCOUNT.ID.eq(STATUS_MENTION.ACCOUNT_ID)).where(STATUS_MENTION.STATUS_ID.in(statusIds))
                    .orderBy(STATUS_MENTION.STATUS_ID, ACCOUNT.ID)
                    .forEach(r -> out.computeIfAbsent(r.get(STATUS_MENTION.STATUS_ID), k -> new ArrayList<>())
                            .add(AccountRepository.toAccount(r)));
        }
        return out;
    }

    /** The tags of many statuses in one query, each list ordered by name; statuses without tags are absent. */
    public Map<Long, List<String>> tagsOf(DSLContext dsl, Collection<Long> statusIds) {
        Map<Long, List<String>> out = new HashMap<>();
        if (!statusIds.isEmpty()) {
            dsl.select(STATUS_TAG.STATUS_ID, STATUS_TAG.NAME).from(STATUS_TAG).where(STATUS_TAG.STATUS_ID.in(statusIds))
                    .orderBy(STATUS_TAG.STATUS_ID, STATUS_TAG.NAME)
                    .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        }
        return out;
    }

    public List<String> tags(DSLContext dsl, long statusId) {
        return dsl.select(STATUS_TAG.NAME).from(STATUS_TAG).where(STATUS_TAG.STATUS_ID.eq(statusId))
                .orderBy(STATUS_TAG.NAME).fetch(STATUS_TAG.NAME);
    }

    /** Adds mentions that are not there yet (an edit never silently drops who could see a status). */
    public void addMentions(DSLContext dsl, long statusId, Collection<Long> accountIds) {
        for (long accountId : Set.copyOf(accountIds)) {
            if (!mentions(dsl, statusId, accountId)) {
                dsl.insertInto(STATUS_MENTION, STATUS_MENTION.STATUS_ID, STATUS_MENTION.ACCOUNT_ID)
                        .values(statusId, accountId).execute();
            }
        }
    }

    public void replaceTags(DSLContext dsl, long statusId, Collection<String> tags) {
        dsl.deleteFrom(STATUS_TAG).where(STATUS_TAG.STATUS_ID.eq(statusId)).execute();
        insertTags(dsl, statusId, Set.copyOf(tags));
    }

    private static void insertTags(DSLContext dsl, long statusId, Set<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(STATUS_TAG, STATUS_TAG.STATUS_ID, STATUS_TAG.NAME);
        for (String tag : tags) {
            insert = insert.values(statusId, tag);
        }
        insert.execute();
    }

    private static void insertMentions(DSLContext dsl, long statusId, Set<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(STATUS_MENTION, STATUS_MENTION.STATUS_ID, STATUS_MENTION.ACCOUNT_ID);
        for (long accountId : accountIds) {
            insert = insert.values(statusId, accountId);
        }
        insert.execute();
    }

    /**
     * Replaces the content of a status, keeping the version it replaces in its history; returns
     * the status as it is now.
     */
    public Status edit(DSLContext dsl, Status before, StatusContent content, Instant editedAt) {
        StatusEditRecord e = dsl.newRecord(STATUS_EDIT);
        e.setStatusId(before.id());
        e.setText(before.content().text());
        e.setContent(before.content().html());
        e.setSpoilerText(before.content().spoilerText());
        e.setSensitive(before.content().sensitive());
        e.setLanguage(before.content().language());
        e.setCreatedAt(Timestamps.toDb(before.editedAt() != null ? before.editedAt() : before.createdAt()));
        e.setEditedAt(Timestamps.toDb(editedAt));
        e.store();
        StatusRecord r = dsl.selectFrom(STATUS).where(STATUS.ID.eq(before.id())).fetchSingle();
        fillContent(r, content);
        r.setEditedAt(Timestamps.toDb(editedAt));
        r.setUpdatedAt(Timestamps.toDb(clock.instant()));
        r.store();
        return toStatus(r);
    }

    /** Earlier versions, oldest first. */
    public List<StatusEdit> edits(DSLContext dsl, long statusId) {
        return dsl.selectFrom(STATUS_EDIT).where(STATUS_EDIT.STATUS_ID.eq(statusId)).orderBy(STATUS_EDIT.ID)
                .fetch(r -> new StatusEdit(r.getStatusId(),
                        new StatusContent(r.getText(), r.getContent(), r.getSpoilerText(), r.getSensitive(),
                                r.getLanguage()),
                        Timestamps.fromDb(r.getCreatedAt()), Timestamps.fromDb(r.getEditedAt())));
    }

    private static void adjustStatusesCount(DSLContext dsl, long accountId, int delta) {
        dsl.update(ACCOUNT).set(ACCOUNT.STATUSES_COUNT, DSL.greatest(ACCOUNT.STATUSES_COUNT.plus(delta), DSL.inline(0)))
                .where(ACCOUNT.ID.eq(accountId)).execute();
    }

    private static void adjustReblogsCount(DSLContext dsl, long statusId, int delta) {
        dsl.update(STATUS).set(STATUS.REBLOGS_COUNT, DSL.greatest(STATUS.REBLOGS_COUNT.plus(delta), DSL.inline(0)))
                .where(STATUS.ID.eq(statusId)).execute();
    }

    /** Concurrent likes of one status add up: the count is changed in place, never read and written back. */
    static void adjustFavouritesCount(DSLContext dsl, long statusId, int delta) {
        dsl.update(STATUS)
                .set(STATUS.FAVOURITES_COUNT, DSL.greatest(STATUS.FAVOURITES_COUNT.plus(delta), DSL.inline(0)))
                .where(STATUS.ID.eq(statusId)).execute();
    }

    private static void adjustRepliesCount(DSLContext dsl, long statusId, int delta) {
        dsl.update(STATUS).set(STATUS.REPLIES_COUNT, DSL.greatest(STATUS.REPLIES_COUNT.plus(delta), DSL.inline(0)))
                .where(STATUS.ID.eq(statusId)).execute();
    }

    private static void fillContent(StatusRecord r, StatusContent c) {
        r.setText(c.text());
        r.setContent(c.html());
        r.setSpoilerText(c.spoilerText() == null ? "" : c.spoilerText());
        r.setSensitive(c.sensitive());
        r.setLanguage(c.language());
    }

    static Status toStatus(StatusRecord r) {
        return new Status(r.getId(), r.getUri(), r.getUrl(), r.getAccountId(), r.getLocal(),
                new Status.Reply(r.getInReplyToId(), r.getInReplyToUri(), r.getInReplyToAccountId()),
                r.getConversation(), Visibility.fromApiName(r.getVisibility()).orElse(Visibility.DIRECT),
                new StatusContent(r.getText(), r.getContent(), r.getSpoilerText(), r.getSensitive(), r.getLanguage()),
                r.getApplicationId(),
                new Status.Counts(r.getRepliesCount(), r.getReblogsCount(), r.getFavouritesCount()),
                Timestamps.fromDb(r.getCreatedAt()), Timestamps.fromDb(r.getEditedAt()), r.getReblogOfId());
    }
}
