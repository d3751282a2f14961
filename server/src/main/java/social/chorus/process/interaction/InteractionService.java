package social.chorus.process.interaction;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.BoostActivity;
import social.chorus.model.Favourite;
import social.chorus.model.Interaction;
import social.chorus.model.LocalIds;
import social.chorus.model.OutgoingActivity;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.process.ClientError;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.Events;
import social.chorus.process.status.StatusAccess;
import social.chorus.process.status.StatusIds;
import social.chorus.process.status.StatusViews;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Db;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.StatusRepository;

/**
 * A local account likes and boosts statuses (and takes that back) through the client API. Each
 * change, its count on the status and its deliveries commit in one transaction; the status row
 * is locked first, so concurrent likes and boosts of one status queue up instead of racing.
 * Liking or boosting twice is one like or boost, and undoing what is not there is no error (as
 * Mastodon: both answer with the status). A boost of a boost is a boost of the original.
 */
public final class InteractionService {
    /** What the service needs. */
    public record Deps(Db db, Events events, Clock clock, LocalIds ids, StatusIds statusIds, StatusRepository statuses,
            FavouriteRepository favourites, AccountRepository accounts, BlockRepository blocks, StatusAccess access,
            StatusViews views, InteractionFanout fanout) {
    }

    private final Deps d;

    public InteractionService(Deps deps) {
        this.d = deps;
    }

    public Future<Interacted> favourite(long accountId, long statusId) {
        return d.events().tx((dsl, events) -> {
            Account me = local(dsl, accountId);
            Status s = target(dsl, me, statusId);
            Optional<Interaction> created = Optional.empty();
            if (d.favourites().findForUpdate(dsl, me.id(), s.id()).isEmpty()) {
                long id = d.statusIds().next();
                Favourite f = d.favourites().insert(dsl, id, me.id(), s.id(), me.uri() + "#likes/" + id);
                Account author = author(dsl, s);
                d.fanout().like(dsl, new OutgoingActivity.Like(f.uri(), me, author, s.uri()));
                created = Optional.of(new Interaction(Interaction.Kind.FAVOURITE, me.id(), s.id(), author.id()));
                events.emit(DomainEvent.interacted(created.get()));
            }
            return new Interacted(shown(dsl, s, me.id()), created);
        });
    }

    public Future<Interacted> unfavourite(long accountId, long statusId) {
        return d.events().tx((dsl, events) -> {
            Account me = local(dsl, accountId);
            // One's own like can always be taken back, even of a post no longer visible (an unfollow).
            Status s = original(dsl, d.statuses().findByIdForUpdate(dsl, statusId)
                    .filter(found -> d.access().canSee(dsl, found, me.id())
                            || d.favourites().find(dsl, me.id(), found.id()).isPresent())
                    .orElseThrow(() -> new ClientError(404, "Record not found")));
            Optional<Favourite> f = d.favourites().findForUpdate(dsl, me.id(), s.id());
            if (f.isPresent() && d.favourites().delete(dsl, f.get())) {
                d.fanout().like(dsl, new OutgoingActivity.UndoLike(f.get().uri() + "/undo", me, author(dsl, s),
                        f.get().uri(), s.uri()));
            }
            return new Interacted(shown(dsl, s, me.id()), Optional.empty());
        });
    }

    /**
     * Boosts a public or unlisted status ({@code visibility}: public, the default, or unlisted; a
     * boost is never more visible than what it boosts). Answers with the boost, which carries the
     * boosted status; a second boost answers with the first.
     */
    public Future<Interacted> reblog(long accountId, long statusId, String visibility) {
        Visibility wanted;
        try {
            wanted = boostVisibility(visibility);
        } catch (ClientError e) {
            return Future.failedFuture(e);
        }
        return d.events().tx((dsl, events) -> {
            Account me = local(dsl, accountId);
            Status s = target(dsl, me, statusId);
            if (s.visibility() != Visibility.PUBLIC && s.visibility() != Visibility.UNLISTED) {
                throw new ClientError(403, "This action is not allowed");
            }
            Optional<Status> earlier = d.statuses().findReblog(dsl, me.id(), s.id());
            if (earlier.isPresent()) {
                return new Interacted(d.views().view(dsl, earlier.get(), me.id()), Optional.empty());
            }
            Visibility vis = s.visibility() == Visibility.UNLISTED ? Visibility.UNLISTED : wanted;
            long id = d.statusIds().next();
            String uri = d.ids().actor(me.username()) + "/statuses/" + id + "/activity";
            Status boost = d.statuses().insert(dsl, new Status(id, uri, d.ids().profilePage(me.username()) + "/" + id,
                    me.id(), true, Status.Reply.NONE, d.ids().baseUrl() + "/contexts/" + id, vis,
                    new StatusContent(null, "", "", false, null), null, Status.Counts.ZERO, d.clock().instant(), null,
                    s.id()), java.util.List.of(), java.util.List.of());
            StatusView original = d.views().view(dsl, s, me.id());
            d.fanout().boost(dsl, new BoostActivity.Announce(me, boost, original));
            Interaction made = new Interaction(Interaction.Kind.REBLOG, me.id(), s.id(), s.accountId());
            events.emit(DomainEvent.interacted(made));
            return new Interacted(d.views().view(dsl, boost, me.id()), Optional.of(made));
        });
    }

    /** Takes a boost back; answers with the boosted status. */
    public Future<Interacted> unreblog(long accountId, long statusId) {
        return d.events().tx((dsl, events) -> {
            Account me = local(dsl, accountId);
            Status s = original(dsl, d.statuses().findByIdForUpdate(dsl, statusId)
                    .filter(found -> d.access().canSee(dsl, found, me.id())
                            || d.statuses().findReblog(dsl, me.id(), found.id()).isPresent())
                    .orElseThrow(() -> new ClientError(404, "Record not found")));
            Optional<Status> boost = d.statuses().findReblog(dsl, me.id(), s.id());
            if (boost.isPresent()) {
                StatusView original = d.views().view(dsl, s, me.id());
                if (d.statuses().delete(dsl, boost.get())) {
                    d.fanout().boost(dsl, new BoostActivity.UndoAnnounce(me, boost.get(), original));
                }
            }
            return new Interacted(shown(dsl, s, me.id()), Optional.empty());
        });
    }

    /**
     * The status a like or boost is about, locked: visible to the account (else 404), the
     * original when a boost is named, and not between accounts that block each other (403).
     */
    private Status target(DSLContext dsl, Account me, long statusId) {
        Status named = d.statuses().findById(dsl, statusId).filter(s -> d.access().canSee(dsl, s, me.id()))
                .orElseThrow(() -> new ClientError(404, "Record not found"));
        long originalId = named.isReblog() ? named.reblogOfId() : named.id();
        Status s = d.statuses().findByIdForUpdate(dsl, originalId)
                .orElseThrow(() -> new ClientError(404, "Record not found"));
        if (d.blocks().eitherBlocks(dsl, me.id(), s.accountId())) {
            throw new ClientError(403, "This action is not allowed");
        }
        return s;
    }

    private Status original(DSLContext dsl, Status s) {
        return s.isReblog() ? d.statuses().findByIdForUpdate(dsl, s.reblogOfId()).orElse(s) : s;
    }

    /** The status as it is now, counts included (re-read after the change). */
    private StatusView shown(DSLContext dsl, Status s, long viewerId) {
        return d.views().view(dsl, d.statuses().findById(dsl, s.id()).orElse(s), viewerId);
    }

    private Account local(DSLContext dsl, long accountId) {
        return d.accounts().findById(dsl, accountId).filter(Account::local)
                .orElseThrow(() -> ClientError.notFound("Account"));
    }

    private Account author(DSLContext dsl, Status s) {
        return d.accounts().findById(dsl, s.accountId()).orElseThrow();
    }

    private static Visibility boostVisibility(String name) {
        if (name == null || name.isBlank()) {
            return Visibility.PUBLIC;
        }
        Visibility v = Visibility.fromApiName(name.strip().toLowerCase(Locale.ROOT)).orElse(null);
        if (v != Visibility.PUBLIC && v != Visibility.UNLISTED) {
            throw new ClientError(422, "Validation failed: Visibility of a boost must be public or unlisted");
        }
        return v;
    }
}
