package social.chorus.process.status;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.StatusActivity;
import social.chorus.model.Visibility;
import social.chorus.process.Outbox;
import social.chorus.storage.FollowRepository;

/**
 * Sends a local post's Create, Update or Delete to the servers that should have it, in the
 * caller's transaction: remote followers (one delivery per shared inbox) unless the post is
 * direct, and the remote accounts it mentions. Local followers and mentions need no delivery.
 */
public final class StatusFanout {
    private final FollowRepository follows;
    private final Outbox outbox;

    /** @param outbox null for an instance wired without federation (posts stay here) */
    public StatusFanout(FollowRepository follows, Outbox outbox) {
        this.follows = follows;
        this.outbox = outbox;
    }

    public void send(DSLContext tx, StatusActivity activity) {
        if (outbox == null || !activity.status().status().local()) {
            return;
        }
        outbox.enqueue(tx, activity, inboxes(tx, activity));
    }

    Set<String> inboxes(DSLContext tx, StatusActivity activity) {
        Set<String> inboxes = new LinkedHashSet<>();
        if (activity.status().status().visibility() != Visibility.DIRECT) {
            inboxes.addAll(follows.remoteFollowerInboxes(tx, activity.actor().id()));
        }
        for (Account m : activity.status().mentions()) {
            if (!m.local() && m.endpoints() != null) {
                String inbox = m.endpoints().sharedInbox() != null ? m.endpoints().sharedInbox() : m.endpoints().inbox();
                if (inbox != null) {
                    inboxes.add(inbox);
                }
            }
        }
        return inboxes;
    }
}
