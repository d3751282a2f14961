package social.chorus.federation.inbox;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.federation.sig.KeyIds;
import social.chorus.federation.vocab.AsActivity;
import social.chorus.http.RateLimiter;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.model.Status;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;

/**
 * What {@code Add} and {@code Remove} of a pin share: which of them are the sender pinning or
 * unpinning its own post. The target must be the featured collection stored for the sender (read
 * from its actor document, on its own host), the object a post id on the sender's host, and the
 * sender no Group: a Lemmy community's featured posts are its members' posts, and its Add of a
 * moderator targets another collection. Everything else is no pin and is ignored.
 */
final class RemotePins {
    private static final Logger log = LoggerFactory.getLogger(RemotePins.class);

    /** Pins kept per remote account, as many as are read from a featured collection. */
    static final int MAX = 20;
    static final Duration REFETCH_EVERY = Duration.ofMinutes(10);

    private final Db db;
    private final AccountRepository accounts;
    private final StatusRepository statuses;
    private final PinRepository pins;
    private final RemotePosts remote;
    /** At most one actor refetch per sender in {@link #REFETCH_EVERY}, however many Adds it sends. */
    private final RateLimiter refetches;

    RemotePins(Db db, AccountRepository accounts, StatusRepository statuses, PinRepository pins, RemotePosts remote,
            Clock clock) {
        this.refetches = new RateLimiter(new RateLimiter.Limit(1, REFETCH_EVERY), 10_000, clock);
        this.db = db;
        this.accounts = accounts;
        this.statuses = statuses;
        this.pins = pins;
        this.remote = remote;
    }

    /** The id of the sender's post that the activity pins or unpins; empty when it is no such thing. */
    Optional<String> ownPost(DSLContext tx, Inbound in) {
        AsActivity a = in.activity();
        Account sender = in.sender();
        if (sender.local() || sender.type() == ActorType.GROUP || a.target() == null || a.target().id() == null
                || a.objectId() == null || !KeyIds.sameHost(a.objectId(), sender.uri())) {
            return Optional.empty();
        }
        return accounts.featuredUrl(tx, sender.id()).filter(a.target().id()::equals).map(f -> a.objectId());
    }

    /** Pins a stored post of the sender; false when it is not stored here (someone else's: also false). */
    boolean pin(DSLContext tx, Account sender, String postId) {
        // The account row is the lock that keeps two concurrent Adds from passing the cap together.
        accounts.findByIdForUpdate(tx, sender.id());
        Optional<Status> post = statuses.findByUri(tx, postId);
        post.filter(s -> s.accountId() == sender.id() && !s.isReblog())
                .filter(s -> pins.count(tx, sender.id()) < MAX)
                .ifPresent(s -> pins.pin(tx, sender.id(), s.id()));
        return post.isPresent();
    }

    void unpin(DSLContext tx, Account sender, String postId) {
        statuses.findByUri(tx, postId).ifPresent(s -> pins.unpin(tx, sender.id(), s.id()));
    }

    /**
     * An Add or Remove to a collection from a sender whose featured collection is not recorded
     * (an account stored before it was): its actor is fetched again after the inbox answered, which
     * records the collection and reads the pins from it, this Add's or Remove's included. Not for
     * a Group (a Lemmy community's Adds are not pins), and at most once in ten minutes per sender.
     */
    Future<Void> learnCollectionLater(Inbound in) {
        Account sender = in.sender();
        if (sender.local() || sender.type() == ActorType.GROUP || in.activity().target() == null
                || in.activity().target().id() == null) {
            return Future.succeededFuture();
        }
        return db.read(dsl -> accounts.featuredUrl(dsl, sender.id())).map(known -> {
            if (known.isEmpty() && refetches.acquire(Long.toString(sender.id())).allowed()) {
                remote.refetchActorLater(sender);
            }
            return (Void) null;
        }).recover(e -> Future.succeededFuture());
    }

    /**
     * An Add of a post not stored here: fetched from its own server (whose author check makes it
     * the sender's or nothing), then pinned. Runs after the inbox answered; a failure costs the pin.
     */
    Future<Void> pinLater(Inbound in) {
        return db.read(dsl -> ownPost(dsl, in).filter(id -> statuses.findByUri(dsl, id).isEmpty()))
                .compose(unknown -> unknown.isEmpty() ? Future.<Void>succeededFuture()
                        : remote.resolve(unknown.get()).compose(fetched -> db.tx(tx -> {
                            pin(tx, in.sender(), unknown.get());
                            return (Void) null;
                        })))
                .recover(e -> {
                    log.debug("Pin of {} by {} dropped: {}", in.activity().objectId(), in.sender().acct(), e.toString());
                    return Future.succeededFuture();
                });
    }
}
