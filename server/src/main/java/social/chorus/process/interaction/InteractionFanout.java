package social.chorus.process.interaction;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.BoostActivity;
import social.chorus.model.OutgoingActivity;
import social.chorus.process.Outbox;
import social.chorus.storage.FollowRepository;

/**
 * Sends a local account's likes and boosts to the servers that should know, in the caller's
 * transaction: a Like (and its Undo) only to the liked status's remote author, as Mastodon; an
 * Announce (and its Undo) to the booster's remote followers (one delivery per shared inbox) and
 * the boosted status's remote author.
 */
public final class InteractionFanout {
    private final FollowRepository follows;
    private final Outbox outbox;

    /** @param outbox null for an instance wired without federation */
    public InteractionFanout(FollowRepository follows, Outbox outbox) {
        this.follows = follows;
        this.outbox = outbox;
    }

    void like(DSLContext tx, OutgoingActivity activity) {
        if (outbox != null && !activity.recipient().local()) {
            outbox.enqueue(tx, activity);
        }
    }

    void boost(DSLContext tx, BoostActivity activity) {
        if (outbox == null) {
            return;
        }
        Set<String> inboxes = new LinkedHashSet<>(follows.remoteFollowerInboxes(tx, activity.actor().id()));
        Account author = activity.original().account();
        if (!author.local() && author.endpoints() != null) {
            String inbox = author.endpoints().sharedInbox() != null ? author.endpoints().sharedInbox()
                    : author.endpoints().inbox();
            if (inbox != null) {
                inboxes.add(inbox);
            }
        }
        outbox.enqueue(tx, activity, inboxes);
    }
}
