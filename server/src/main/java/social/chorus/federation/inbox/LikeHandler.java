package social.chorus.federation.inbox;

import org.jooq.DSLContext;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.Emitter;
import social.chorus.process.interaction.InboundInteractions;

/**
 * {@code Like} of a stored status, by the sender (the inbox has checked that the signer is the
 * actor). Misskey sends its emoji reactions as a Like with {@code _misskey_reaction} and
 * {@code content}: they count as likes, since the sender means approval and Mastodon counts them
 * so too. A like of anything we do not have (Lemmy's likes of posts in communities nobody here
 * follows, likes of comments never delivered) is ignored.
 */
final class LikeHandler implements ActivityHandler {
    private final InboundInteractions interactions;

    LikeHandler(InboundInteractions interactions) {
        this.interactions = interactions;
    }

    @Override
    public String type() {
        return "Like";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        interactions.like(tx, in.sender(), in.activity().objectId(), in.activity().id())
                .ifPresent(like -> events.emit(DomainEvent.interacted(like)));
    }
}
