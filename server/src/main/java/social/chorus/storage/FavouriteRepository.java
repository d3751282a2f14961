package social.chorus.storage;

import static social.chorus.schema.Tables.FAVOURITE;
import static social.chorus.schema.Tables.LOCAL_USER;
import static social.chorus.schema.Tables.STATUS;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import social.chorus.model.Favourite;
import social.chorus.model.Visibility;
import social.chorus.schema.tables.records.FavouriteRecord;

/**
 * Likes of statuses. Every insert and delete changes the status's favourites_count in the same
 * transaction, so the count never needs the rows counted.
 */
public final class FavouriteRepository {
    private final Clock clock;

    public FavouriteRepository(Clock clock) {
        this.clock = clock;
    }

    /** Stores a like and counts it. The caller has checked that the pair and the uri are new. */
    public Favourite insert(DSLContext dsl, long id, long accountId, long statusId, String uri) {
        FavouriteRecord r = dsl.newRecord(FAVOURITE);
        r.setId(id);
        r.setAccountId(accountId);
        r.setStatusId(statusId);
        r.setUri(uri);
        r.setCreatedAt(Timestamps.toDb(clock.instant()));
        r.store();
        StatusRepository.adjustFavouritesCount(dsl, statusId, 1);
        return toFavourite(r);
    }

    /** Removes a like and uncounts it; false when it was already gone. */
    public boolean delete(DSLContext dsl, Favourite f) {
        if (dsl.deleteFrom(FAVOURITE).where(FAVOURITE.ID.eq(f.id())).execute() == 0) {
            return false;
        }
        StatusRepository.adjustFavouritesCount(dsl, f.statusId(), -1);
        return true;
    }

    /** Every like of an account (a remote actor that deleted itself), each uncounted. */
    public int deleteByAccount(DSLContext dsl, long accountId) {
        int n = 0;
        for (Favourite f : dsl.selectFrom(FAVOURITE).where(FAVOURITE.ACCOUNT_ID.eq(accountId))
                .fetch(FavouriteRepository::toFavourite)) {
            n += delete(dsl, f) ? 1 : 0;
        }
        return n;
    }

    /**
     * A locking read: it sees the latest committed like even where the transaction's snapshot is
     * older (MariaDB's repeatable read), so "already liked?" holds under concurrent requests.
     */
    public Optional<Favourite> findForUpdate(DSLContext dsl, long accountId, long statusId) {
        return dsl.selectFrom(FAVOURITE).where(FAVOURITE.ACCOUNT_ID.eq(accountId)).and(FAVOURITE.STATUS_ID.eq(statusId))
                .forUpdate().fetchOptional().map(FavouriteRepository::toFavourite);
    }

    /** A locking read by the Like's id (see {@link #findForUpdate}). */
    public Optional<Favourite> findByUriForUpdate(DSLContext dsl, String uri) {
        return dsl.selectFrom(FAVOURITE).where(FAVOURITE.URI.eq(uri)).forUpdate().fetchOptional()
                .map(FavouriteRepository::toFavourite);
    }

    public Optional<Favourite> find(DSLContext dsl, long accountId, long statusId) {
        return dsl.selectFrom(FAVOURITE).where(FAVOURITE.ACCOUNT_ID.eq(accountId)).and(FAVOURITE.STATUS_ID.eq(statusId))
                .fetchOptional().map(FavouriteRepository::toFavourite);
    }

    public Optional<Favourite> findByUri(DSLContext dsl, String uri) {
        return dsl.selectFrom(FAVOURITE).where(FAVOURITE.URI.eq(uri)).fetchOptional()
                .map(FavouriteRepository::toFavourite);
    }

    /** Of these statuses, the ids the account has liked. */
    public Set<Long> favourited(DSLContext dsl, long accountId, Collection<Long> statusIds) {
        return statusIds.isEmpty() ? Set.of()
                : Set.copyOf(dsl.select(FAVOURITE.STATUS_ID).from(FAVOURITE).where(FAVOURITE.ACCOUNT_ID.eq(accountId))
                        .and(FAVOURITE.STATUS_ID.in(statusIds)).fetch(FAVOURITE.STATUS_ID));
    }

    /** The likes of a status, newest first, paged by like id ({@code before} exclusive, null: newest). */
    public List<Favourite> ofStatus(DSLContext dsl, long statusId, Long before, int limit) {
        Condition c = FAVOURITE.STATUS_ID.eq(statusId);
        if (before != null) {
            c = c.and(FAVOURITE.ID.lt(before));
        }
        return dsl.selectFrom(FAVOURITE).where(c).orderBy(FAVOURITE.ID.desc()).limit(limit)
                .fetch(FavouriteRepository::toFavourite);
    }

    /**
     * An account's likes of statuses of the given visibilities, leaving out (for a signed-in
     * {@code viewerId}) authors the viewer blocks or is blocked by. The rules are in the SQL, so a
     * page is full when there is enough to fill it. Paged by like id as Mastodon pages favourites:
     * newest first below max_id and above since_id; with min_id, the likes just after it.
     */
    public List<Favourite> ofAccount(DSLContext dsl, long accountId, Set<Visibility> visible, Long viewerId,
            StatusRepository.PageQuery page) {
        Condition c = FAVOURITE.ACCOUNT_ID.eq(accountId)
                .and(STATUS.VISIBILITY.in(visible.stream().map(Visibility::apiName).toList()));
        if (viewerId != null) {
            c = c.and(TimelineRepository.notBlocked(viewerId));
        }
        if (page.maxId() != null) {
            c = c.and(FAVOURITE.ID.lt(page.maxId()));
        }
        if (page.sinceId() != null) {
            c = c.and(FAVOURITE.ID.gt(page.sinceId()));
        }
        if (page.minId() != null) {
            List<Favourite> asc = new java.util.ArrayList<>(dsl.select(FAVOURITE.fields()).from(FAVOURITE)
                    .join(STATUS).on(STATUS.ID.eq(FAVOURITE.STATUS_ID))
                    .where(c.and(FAVOURITE.ID.gt(page.minId()))).orderBy(FAVOURITE.ID.asc()).limit(page.limit())
                    .fetch(r -> toFavourite(r.into(FAVOURITE))));
            java.util.Collections.reverse(asc);
            return asc;
        }
        return dsl.select(FAVOURITE.fields()).from(FAVOURITE)
                .join(STATUS).on(STATUS.ID.eq(FAVOURITE.STATUS_ID))
                .where(c).orderBy(FAVOURITE.ID.desc()).limit(page.limit())
                .fetch(r -> toFavourite(r.into(FAVOURITE)));
    }

    /** Whether a local person hides their liked posts from others (false for anyone else). */
    public boolean hidesFavourites(DSLContext dsl, long accountId) {
        return dsl.select(LOCAL_USER.HIDE_FAVOURITES).from(LOCAL_USER).where(LOCAL_USER.ACCOUNT_ID.eq(accountId))
                .fetchOptional(LOCAL_USER.HIDE_FAVOURITES).orElse(false);
    }

    public void setHideFavourites(DSLContext dsl, long accountId, boolean hide) {
        dsl.update(LOCAL_USER).set(LOCAL_USER.HIDE_FAVOURITES, hide).where(LOCAL_USER.ACCOUNT_ID.eq(accountId))
                .execute();
    }

    private static Favourite toFavourite(FavouriteRecord r) {
        return new Favourite(r.getId(), r.getAccountId(), r.getStatusId(), r.getUri(),
                Timestamps.fromDb(r.getCreatedAt()));
    }
}
