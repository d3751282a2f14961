package social.chorus.process.status;

import java.util.LinkedHashSet;
import org.jooq.DSLContext;
import social.chorus.model.PinActivity;
import social.chorus.process.Outbox;
import social.chorus.storage.FollowRepository;

/**
 * Sends a local account's pin (Add) and unpin (Remove) to its remote followers' servers (one
 * delivery per shared inbox, else personal inbox), in the caller's transaction, as Mastodon
 * delivers them: the followers are the servers that show the account's profile with its pins.
 */
final class PinFanout {
    private final FollowRepository follows;
    private final Outbox outbox;

    /** @param outbox null for an instance wired without federation (pins stay here) */
    PinFanout(FollowRepository follows, Outbox outbox) {
        this.follows = follows;
        this.outbox = outbox;
    }

    void send(DSLContext tx, PinActivity activity) {
        if (outbox == null) {
            return;
        }
        outbox.enqueue(tx, activity, new LinkedHashSet<>(follows.remoteFollowerInboxes(tx, activity.actor().id())));
    }
}
