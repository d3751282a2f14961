package social.chorus.process.interaction;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.Favourite;
import social.chorus.model.Status;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.process.ClientError;
import social.chorus.process.status.StatusAccess;
import social.chorus.process.status.StatusViews;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.StatusRepository.PageQuery;

/**
 * Who liked or boosted a status, the signed-in person's likes, and the liked posts on a profile.
 * Lists page by the like's (or boost's) id, newest first, as Mastodon pages them.
 */
public final class InteractionQueries {
    public static final int DEFAULT_LIMIT = 40;
    public static final int MAX_LIMIT = 80;

    private final Db db;
    private final StatusRepository statuses;
    private final FavouriteRepository favourites;
    private final AccountRepository accounts;
    private final StatusAccess access;
    private final StatusViews views;

    public InteractionQueries(Db db, StatusRepository statuses, FavouriteRepository favourites,
            AccountRepository accounts, StatusAccess access, StatusViews views) {
        this.db = db;
        this.statuses = statuses;
        this.favourites = favourites;
        this.accounts = accounts;
        this.access = access;
        this.views = views;
    }

    /** An account in a list, with the id of the like or boost that put it there (the page cursor). */
    public record Actor(long cursor, Account account) {
    }

    /** A liked status, with the like's id (the page cursor). */
    public record Liked(long cursor, StatusView status) {
    }

    /** Accounts that liked a status the viewer can see (else 404); a boost's are its original's. */
    public Future<List<Actor>> favouritedBy(Long viewerId, long statusId, Long maxId, int limit) {
        return db.read(dsl -> {
            Status s = visibleOriginal(dsl, viewerId, statusId);
            List<Actor> out = new ArrayList<>();
            for (Favourite f : favourites.ofStatus(dsl, s.id(), maxId, bounded(limit))) {
                accounts.findById(dsl, f.accountId()).ifPresent(a -> out.add(new Actor(f.id(), a)));
            }
            return out;
        });
    }

    /** Accounts that boosted a status the viewer can see (else 404). */
    public Future<List<Actor>> rebloggedBy(Long viewerId, long statusId, Long maxId, int limit) {
        return db.read(dsl -> {
            Status s = visibleOriginal(dsl, viewerId, statusId);
            List<Actor> out = new ArrayList<>();
            for (Status boost : statuses.reblogsOf(dsl, s.id(), maxId, bounded(limit))) {
                if (access.canSee(dsl, boost, viewerId)) {
                    accounts.findById(dsl, boost.accountId()).ifPresent(a -> out.add(new Actor(boost.id(), a)));
                }
            }
            return out;
        });
    }

    /** The signed-in person's own likes, every visibility (they could see each when they liked it). */
    public Future<List<Liked>> favourites(long viewerId, PageQuery page) {
        return db.read(dsl -> liked(dsl, viewerId, EnumSet.allOf(Visibility.class), null, viewerId, page));
    }

    /**
     * The posts an account liked, as its profile shows them to {@code viewerId} (null: anonymous):
     * public and unlisted ones whose authors and the viewer do not block each other. Only local
     * accounts have a list (what remote people like is their server's to show); one whose owner
     * hides it is empty to everyone else. The owner sees all of their own.
     */
    public Future<List<Liked>> likedBy(Long viewerId, long accountId, PageQuery page) {
        return db.read(dsl -> {
            Account owner = accounts.findById(dsl, accountId).orElseThrow(() -> new ClientError(404, "Record not found"));
            if (viewerId != null && viewerId == owner.id()) {
                return liked(dsl, owner.id(), EnumSet.allOf(Visibility.class), null, viewerId, page);
            }
            if (!owner.local() || favourites.hidesFavourites(dsl, owner.id())) {
                return List.of();
            }
            return liked(dsl, owner.id(), EnumSet.of(Visibility.PUBLIC, Visibility.UNLISTED), viewerId, viewerId,
                    page);
        });
    }

    /** @param blockViewer whose blocks leave authors out (null: none); @param viewerId whose flags are shown */
    private List<Liked> liked(DSLContext dsl, long accountId, Set<Visibility> visible, Long blockViewer,
            Long viewerId, PageQuery page) {
        List<Favourite> found = favourites.ofAccount(dsl, accountId, visible, blockViewer, bounded(page));
        Map<Long, Status> byId = statuses.findByIds(dsl, found.stream().map(Favourite::statusId).toList()).stream()
                .collect(Collectors.toMap(Status::id, Function.identity()));
        List<Status> ordered = found.stream().map(f -> byId.get(f.statusId())).toList();
        List<StatusView> shown = views.views(dsl, ordered, viewerId);
        List<Liked> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            out.add(new Liked(found.get(i).id(), shown.get(i)));
        }
        return out;
    }

    private Status visibleOriginal(DSLContext dsl, Long viewerId, long statusId) {
        Status s = statuses.findById(dsl, statusId).filter(found -> access.canSee(dsl, found, viewerId))
                .orElseThrow(() -> new ClientError(404, "Record not found"));
        return s.isReblog() ? statuses.findById(dsl, s.reblogOfId()).orElse(s) : s;
    }

    private static int bounded(int limit) {
        return Math.max(1, Math.min(limit, MAX_LIMIT));
    }

    private static PageQuery bounded(PageQuery p) {
        return new PageQuery(p.maxId(), p.sinceId(), p.minId(), Math.max(1, Math.min(p.limit(), MAX_LIMIT)));
    }
}
