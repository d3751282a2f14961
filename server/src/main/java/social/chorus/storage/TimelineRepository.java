package social.chorus.storage;

import static social.chorus.schema.Tables.ACCOUNT_BLOCK;
import static social.chorus.schema.Tables.FOLLOW;
import static social.chorus.schema.Tables.MEDIA_ATTACHMENT;
import static social.chorus.schema.Tables.STATUS;
import static social.chorus.schema.Tables.STATUS_MENTION;
import static social.chorus.schema.Tables.STATUS_TAG;

import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import social.chorus.model.Status;
import social.chorus.model.Visibility;
import social.chorus.storage.StatusRepository.PageQuery;

/**
 * Timeline queries: the visibility and block rules are part of the SQL, so a page is exactly
 * {@code limit} statuses the viewer may see (no filtering after the fact that would shorten it).
 * Pages are by status id (time-sortable): newest first, or forward from min_id.
 */
public final class TimelineRepository {

    /** Which statuses by origin: all, only this instance's, only other servers'. */
    public enum Origin { ALL, LOCAL, REMOTE }

    /**
     * The viewer's own statuses and those of accounts they follow (accepted): public, unlisted and
     * followers-only, and direct ones only when the viewer wrote or is mentioned in them.
     *
     * <p>Followed accounts' boosts are theirs (authored by the booster), so they come in by the
     * same rule; the boosted status must be public or unlisted and its author not blocked either
     * way.
     *
     * <p>The boosted status and the viewer's mention are joined by primary key (one lookup per
     * row read), not tested with EXISTS: MariaDB turns such an EXISTS into a semi-join that
     * materialises every public status of the table (seconds per page on a million statuses), or
     * every status that ever mentioned the viewer, for each page.
     */
    public List<Status> home(DSLContext dsl, long viewerId, PageQuery page) {
        social.chorus.schema.tables.Status original = STATUS.as("original");
        Condition authors = STATUS.ACCOUNT_ID.eq(viewerId).or(STATUS.ACCOUNT_ID.in(
                DSL.select(FOLLOW.TARGET_ACCOUNT_ID).from(FOLLOW)
                        .where(FOLLOW.ACCOUNT_ID.eq(viewerId))
                        .and(FOLLOW.STATE.eq("accepted"))));
        // Every author here is the viewer or followed, so followers-only is visible; direct needs more.
        Condition visible = STATUS.VISIBILITY.ne(Visibility.DIRECT.apiName())
                .or(STATUS.ACCOUNT_ID.eq(viewerId))
                .or(STATUS_MENTION.STATUS_ID.isNotNull());
        Condition boostVisible = STATUS.REBLOG_OF_ID.isNull()
                .or(original.VISIBILITY.in(Visibility.PUBLIC.apiName(), Visibility.UNLISTED.apiName())
                        .and(notBlocked(viewerId, original.ACCOUNT_ID)));
        // At most one row of each joined table per status (primary keys), so no status repeats.
        Table<?> from = STATUS.leftJoin(original).on(original.ID.eq(STATUS.REBLOG_OF_ID))
                .leftJoin(STATUS_MENTION).on(STATUS_MENTION.STATUS_ID.eq(STATUS.ID))
                .and(STATUS_MENTION.ACCOUNT_ID.eq(viewerId));
        return page(dsl, from, authors.and(visible).and(notBlocked(viewerId)).and(boostVisible), page);
    }

    /** Public statuses by origin; a signed-in viewer does not see authors they block or who block them. */
    public List<Status> publicTimeline(DSLContext dsl, Long viewerId, Origin origin, PageQuery page) {
        return page(dsl, STATUS, publicOnly(viewerId, origin), page);
    }

    /** Public statuses tagged {@code tag} (lower case, as tags are stored). */
    public List<Status> tagged(DSLContext dsl, Long viewerId, String tag, Origin origin, PageQuery page) {
        Condition tagged = STATUS.ID.in(DSL.select(STATUS_TAG.STATUS_ID).from(STATUS_TAG)
                .where(STATUS_TAG.NAME.eq(tag)));
        return page(dsl, STATUS, publicOnly(viewerId, origin).and(tagged), page);
    }

    /**
     * An account's statuses and boosts of the given visibilities, newest first. {@code excludeReplies}
     * keeps self-replies (threads), as Mastodon's does; {@code onlyMedia} keeps statuses with media. A signed-in viewer does not see boosts of
     * posts whose author blocks them or whom they block.
     */
    public List<Status> byAccount(DSLContext dsl, Long viewerId, long accountId, Set<Visibility> visible,
            StatusRepository.AccountFilter filter, PageQuery page) {
        Condition c = STATUS.ACCOUNT_ID.eq(accountId)
                .and(STATUS.VISIBILITY.in(visible.stream().map(Visibility::apiName).toList()));
        if (viewerId != null) {
            social.chorus.schema.tables.Status original = STATUS.as("original");
            c = c.and(STATUS.REBLOG_OF_ID.isNull().or(DSL.exists(DSL.selectOne().from(original)
                    .where(original.ID.eq(STATUS.REBLOG_OF_ID)).and(notBlocked(viewerId, original.ACCOUNT_ID)))));
        }
        if (filter.excludeReplies()) {
            c = c.and(STATUS.IN_REPLY_TO_URI.isNull().or(STATUS.IN_REPLY_TO_ACCOUNT_ID.eq(accountId)));
        }
        if (filter.excludeReblogs()) {
            c = c.and(STATUS.REBLOG_OF_ID.isNull());
        }
        if (filter.onlyMedia()) {
            // A lookup in the attachments' (status_id, position) key per status the scan passes.
            c = c.and(DSL.exists(DSL.selectOne().from(MEDIA_ATTACHMENT)
                    .where(MEDIA_ATTACHMENT.STATUS_ID.eq(STATUS.ID))));
        }
        return page(dsl, STATUS, c, page);
    }

    /** Public statuses, never boosts (as Mastodon's public and hashtag timelines). */
    private static Condition publicOnly(Long viewerId, Origin origin) {
        Condition c = STATUS.VISIBILITY.eq(Visibility.PUBLIC.apiName()).and(STATUS.REBLOG_OF_ID.isNull());
        c = switch (origin) {
            case ALL -> c;
            case LOCAL -> c.and(STATUS.LOCAL.isTrue());
            case REMOTE -> c.and(STATUS.LOCAL.isFalse());
        };
        return viewerId == null ? c : c.and(notBlocked(viewerId));
    }

    /** The status's author neither blocks the viewer nor is blocked by them. */
    static Condition notBlocked(long viewerId) {
        return notBlocked(viewerId, STATUS.ACCOUNT_ID);
    }

    /**
     * Two NOT EXISTS, one per direction, rather than one with an OR inside: each is then a single
     * lookup in the (account_id, target_account_id) unique key, where the OR made MariaDB check
     * "range for each record" against the whole block table.
     */
    private static Condition notBlocked(long viewerId, Field<Long> author) {
        return DSL.notExists(DSL.selectOne().from(ACCOUNT_BLOCK)
                        .where(ACCOUNT_BLOCK.ACCOUNT_ID.eq(viewerId)).and(ACCOUNT_BLOCK.TARGET_ACCOUNT_ID.eq(author)))
                .and(DSL.notExists(DSL.selectOne().from(ACCOUNT_BLOCK)
                        .where(ACCOUNT_BLOCK.ACCOUNT_ID.eq(author)).and(ACCOUNT_BLOCK.TARGET_ACCOUNT_ID.eq(viewerId))));
    }

    /**
     * One page: ids below max_id and above since_id, newest first; with min_id, the statuses just
     * after it (ascending, so a client can walk forward without gaps), still presented newest first.
     *
     * <p>The rows are chosen by id alone and read whole only for the page (a derived table joined
     * back by primary key): the scan passes over many rows that fail the conditions (a hundred per
     * shown status when followed accounts are quiet), and selecting every column there made
     * MariaDB unpack each one's text columns, doubling the cost of the scan.
     */
    private static List<Status> page(DSLContext dsl, Table<?> from, Condition c, PageQuery page) {
        if (page.maxId() != null) {
            c = c.and(STATUS.ID.lt(page.maxId()));
        }
        if (page.sinceId() != null) {
            c = c.and(STATUS.ID.gt(page.sinceId()));
        }
        boolean forward = page.minId() != null;
        if (forward) {
            c = c.and(STATUS.ID.gt(page.minId()));
        }
        Table<?> chosen = dsl.select(STATUS.ID).from(from).where(c)
                .orderBy(forward ? STATUS.ID.asc() : STATUS.ID.desc()).limit(page.limit()).asTable("page");
        Field<Long> chosenId = chosen.field(STATUS.ID.getName(), Long.class);
        return dsl.select(STATUS.fields()).from(STATUS).join(chosen).on(STATUS.ID.eq(chosenId))
                .orderBy(STATUS.ID.desc()).fetch(TimelineRepository::toStatus);
    }

    private static Status toStatus(Record r) {
        return StatusRepository.toStatus(r.into(STATUS));
    }
}
