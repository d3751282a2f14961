package social.chorus.federation.inbox;

import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;

/**
 * {@code Remove} of the sender's own post from its own featured collection: an unpin. Unpinning
 * what is not pinned changes nothing; any other Remove is ignored (see {@link RemotePins}).
 */
final class RemoveHandler implements ActivityHandler {
    private final RemotePins pins;

    RemoveHandler(RemotePins pins) {
        this.pins = pins;
    }

    @Override
    public String type() {
        return "Remove";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        pins.ownPost(tx, in).ifPresent(post -> pins.unpin(tx, in.sender(), post));
    }

    @Override
    public void afterCommit(Inbound in) {
        pins.learnCollectionLater(in);
    }
}
