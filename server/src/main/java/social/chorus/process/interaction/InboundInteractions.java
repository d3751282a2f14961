package social.chorus.process.interaction;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.model.Account;
import social.chorus.model.Favourite;
import social.chorus.model.Interaction;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.Visibility;
import social.chorus.process.status.StatusAccess;
import social.chorus.process.status.StatusIds;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.TombstoneRepository;

/**
 * Likes and boosts that other servers send us, applied inside the inbox's transaction. The inbox
 * has checked the signature (the sender is the activity's actor) and the activity id's host;
 * these methods check state: the status is stored here, the sender may see it, its author does
 * not block the sender. What does not apply is ignored quietly (the sender gets 202), because a
 * like of a post we never stored is ordinary traffic, not an error.
 */
public final class InboundInteractions {
    private static final Logger log = LoggerFactory.getLogger(InboundInteractions.class);

    private final StatusRepository statuses;
    private final FavouriteRepository favourites;
    private final FollowRepository follows;
    private final BlockRepository blocks;
    private final TombstoneRepository tombstones;
    private final StatusAccess access;
    private final StatusIds ids;
    private final Clock clock;

    public InboundInteractions(Clock clock, StatusIds ids) {
        this.clock = clock;
        this.ids = ids;
        this.statuses = new StatusRepository(clock);
        this.favourites = new FavouriteRepository(clock);
        this.follows = new FollowRepository(clock);
        this.blocks = new BlockRepository(clock);
        this.tombstones = new TombstoneRepository(clock);
        this.access = new StatusAccess(statuses, follows);
    }

    /**
     * {@code sender} likes the stored status {@code objectUri}. A second like of the same status
     * (or a redelivery under another id) changes nothing.
     *
     * @param likeUri the Like's id; null when the sender gave none
     * @return the like when it is new (the spot for "sender liked a local author's post")
     */
    public Optional<Interaction> like(DSLContext tx, Account sender, String objectUri, String likeUri) {
        Optional<Status> target = statusFor(tx, sender, objectUri);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Status s = target.get();
        if (!s.local()) {
            // A like is for the post's own server to count; a copy here would only be a rumour of it.
            return Optional.empty();
        }
        String uri = likeUri != null ? likeUri : sender.uri() + "#likes/" + s.id();
        if (favourites.findForUpdate(tx, sender.id(), s.id()).isPresent()
                || favourites.findByUriForUpdate(tx, uri).isPresent()) {
            return Optional.empty();
        }
        favourites.insert(tx, ids.next(), sender.id(), s.id(), uri);
        return Optional.of(new Interaction(Interaction.Kind.FAVOURITE, sender.id(), s.id(), s.accountId()));
    }

    /**
     * Takes back the sender's like: the one with id {@code likeUri} when there is one, else the
     * sender's like of {@code objectUri} (servers that undo with another id or a bare object).
     *
     * @return whether a like went; false also when {@code likeUri} names someone else's like
     */
    public boolean undoLike(DSLContext tx, Account sender, String likeUri, String objectUri) {
        Optional<Favourite> byUri = likeUri == null ? Optional.empty() : favourites.findByUriForUpdate(tx, likeUri);
        if (byUri.isPresent()) {
            return byUri.get().accountId() == sender.id() && favourites.delete(tx, byUri.get());
        }
        Optional<Status> s = objectUri == null ? Optional.empty() : statuses.findByUri(tx, objectUri);
        return s.flatMap(found -> favourites.findForUpdate(tx, sender.id(), found.id()))
                .map(f -> favourites.delete(tx, f)).orElse(false);
    }

    /**
     * {@code sender} boosts the stored status {@code objectUri}: kept (as a status of the sender
     * that boosts it) when it concerns someone here — the boosted status is local, or someone here
     * follows the sender. Only public and unlisted statuses can be boosted; an Announce of a
     * followers-only or direct post is ignored, as Mastodon ignores it.
     *
     * @param boost the Announce's id, visibility (from its addressing) and time
     * @return the boost when it is new (the spot for "sender boosted a local author's post")
     */
    public Optional<Interaction> boost(DSLContext tx, Account sender, String objectUri, Announce boost) {
        Optional<Status> target = statusFor(tx, sender, objectUri);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Status s = target.get();
        if (s.visibility() != Visibility.PUBLIC && s.visibility() != Visibility.UNLISTED) {
            log.debug("Ignored an Announce of {} by {}: not public", s.uri(), sender.acct());
            return Optional.empty();
        }
        if (!s.local() && !follows.hasLocalFollowers(tx, sender.id())) {
            return Optional.empty(); // nobody here would see the boost
        }
        if (statuses.findReblog(tx, sender.id(), s.id()).isPresent()
                || statuses.findByUriForUpdate(tx, boost.uri()).isPresent()
                || tombstones.find(tx, boost.uri()).isPresent()) {
            return Optional.empty(); // already boosted, or its Undo/Delete overtook it
        }
        Instant at = boost.published() != null ? boost.published() : clock.instant();
        statuses.insert(tx, new Status(ids.next(), boost.uri(), null, sender.id(), false, Status.Reply.NONE,
                boost.uri(), atMostAsVisibleAs(boost.visibility(), s), new StatusContent(null, "", "", false, null), null,
                Status.Counts.ZERO, at, null, s.id()), List.of(), List.of());
        return Optional.of(new Interaction(Interaction.Kind.REBLOG, sender.id(), s.id(), s.accountId()));
    }

    /** A boost is never more visible than what it boosts: a public boost of an unlisted post is unlisted. */
    private static Visibility atMostAsVisibleAs(Visibility wanted, Status original) {
        return wanted == Visibility.PUBLIC && original.visibility() == Visibility.UNLISTED ? Visibility.UNLISTED
                : wanted;
    }

    /** An inbound Announce: its id, the boost's visibility and when it was made (null: now). */
    public record Announce(String uri, Visibility visibility, Instant published) {
    }

    /**
     * Takes back the sender's boost: the one with id {@code announceUri}, else the sender's boost
     * of {@code objectUri}. Someone else's boost is never removed.
     */
    public boolean undoBoost(DSLContext tx, Account sender, String announceUri, String objectUri) {
        Optional<Status> byUri = announceUri == null ? Optional.empty()
                : statuses.findByUri(tx, announceUri).filter(Status::isReblog);
        if (byUri.isPresent()) {
            return byUri.get().accountId() == sender.id() && statuses.delete(tx, byUri.get());
        }
        Optional<Status> original = objectUri == null ? Optional.empty() : statuses.findByUri(tx, objectUri);
        return original.flatMap(o -> statuses.findReblog(tx, sender.id(), o.id()))
                .map(b -> statuses.delete(tx, b)).orElse(false);
    }

    /** A deleted actor's likes go, each uncounted from the status it liked. */
    public int forgetLikesOf(DSLContext tx, Account sender) {
        return favourites.deleteByAccount(tx, sender.id());
    }

    /**
     * The stored status a like or boost is about, locked (so counts and the one-per-account rule
     * hold under concurrent deliveries): a boost named instead stands for what it boosts. Empty
     * when it is not stored, the sender may not see it, or its author blocks the sender.
     */
    private Optional<Status> statusFor(DSLContext tx, Account sender, String objectUri) {
        Optional<Status> named = objectUri == null ? Optional.empty() : statuses.findByUri(tx, objectUri);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        long id = named.get().isReblog() ? named.get().reblogOfId() : named.get().id();
        Optional<Status> s = statuses.findByIdForUpdate(tx, id)
                .filter(found -> access.canSee(tx, found, sender.id()))
                .filter(found -> !blocks.eitherBlocks(tx, sender.id(), found.accountId()));
        if (s.isEmpty()) {
            log.debug("Ignored an interaction of {} with {}: not visible to it or blocked", sender.acct(), objectUri);
        }
        return s;
    }
}
