package social.chorus.federation.inbox;

import org.jooq.DSLContext;
import social.chorus.process.event.Emitter;

/**
 * {@code Add} of the sender's own post to its own featured collection: a pin (Mastodon's), kept
 * so that its profile shows it here. A post we do not have is fetched after the inbox answered.
 * Any other Add (a Lemmy community's featured post or moderator, someone else's post, another
 * collection) is ignored; see {@link RemotePins}. Pinning again changes nothing.
 */
final class AddHandler implements ActivityHandler {
    private final RemotePins pins;

    AddHandler(RemotePins pins) {
        this.pins = pins;
    }

    @Override
    public String type() {
        return "Add";
    }

    @Override
    public void handle(DSLContext tx, Inbound in, Emitter events) {
        pins.ownPost(tx, in).ifPresent(post -> pins.pin(tx, in.sender(), post));
    }

    @Override
    public void afterCommit(Inbound in) {
        pins.pinLater(in);
        pins.learnCollectionLater(in);
    }
}
