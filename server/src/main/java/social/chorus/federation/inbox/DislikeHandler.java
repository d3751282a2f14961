package social.chorus.federation.inbox;

import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;
import social.chorus.process.interaction.InboundInteractions;

/**
 * {@code Dislike} (Lemmy's downvote, Friendica's dislike). Chorus has no dislikes, so nothing is
 * counted; but on Lemmy and Friendica a vote replaces the voter's earlier one, so a Dislike from
 * someone whose like we hold takes that like back, as their own server now shows it.
 */
final class DislikeHandler implements ActivityHandler {
    private final InboundInteractions interactions;

    DislikeHandler(InboundInteractions interactions) {
        this.interactions = interactions;
    }

    @Override
    public String type() {
        return "Dislike";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        interactions.undoLike(tx, in.sender(), null, in.activity().objectId());
    }
}
