package social.chorus.federation.inbox;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.chorus.model.Account;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.Events;
import social.chorus.process.interaction.InboundInteractions;
import social.chorus.storage.Db;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;

/**
 * A boost of a post we do not have, by someone people here follow: the post is fetched from its
 * own server (never trusted from the Announce, whose sender is not its author), then the boost is
 * applied as if it had just arrived. Runs after the inbox answered; failures only cost the boost.
 */
final class LateBoosts {
    private static final Logger log = LoggerFactory.getLogger(LateBoosts.class);

    private final Db db;
    private final Events events;
    private final StatusRepository statuses;
    private final FollowRepository follows;
    private final InboundInteractions interactions;
    private final RemotePosts remote;

    LateBoosts(Db db, Events events, StatusRepository statuses, FollowRepository follows,
            InboundInteractions interactions, RemotePosts remote) {
        this.db = db;
        this.events = events;
        this.statuses = statuses;
        this.follows = follows;
        this.interactions = interactions;
        this.remote = remote;
    }

    /** Fetches and boosts when the post is unknown and someone here follows the booster; else nothing. */
    Future<Void> consider(Account booster, String objectUri, InboundInteractions.Announce boost) {
        return db.read(dsl -> statuses.findByUri(dsl, objectUri).isEmpty()
                && follows.hasLocalFollowers(dsl, booster.id()))
                .compose(worthFetching -> !worthFetching ? Future.<Void>succeededFuture()
                        : remote.resolve(objectUri).compose(fetched -> events.tx((tx, emitted) -> {
                            interactions.boost(tx, booster, objectUri, boost)
                                    .ifPresent(b -> emitted.emit(DomainEvent.interacted(b)));
                            return (Void) null;
                        })))
                .recover(e -> {
                    log.debug("Boost of {} by {} dropped: {}", objectUri, booster.acct(), e.toString());
                    return Future.succeededFuture();
                });
    }
}
