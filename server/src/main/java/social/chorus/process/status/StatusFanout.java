package social.chorus.process.status;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.StatusActivity;
import social.chorus.model.Visibility;
import social.chorus.process.Outbox;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.FollowRepository;

/**
 * Sends a local post's Create, Update or Delete to the servers that should have it, in the
 * caller's transaction: remote followers (one delivery per shared inbox) unless the post is
 * direct, the remote accounts it mentions, and — unless it is direct — the remote author of the
 * post it answers, mentioned or not (as Mastodon), so that the reply joins the thread at its
 * origin. Local followers and mentions need no delivery.
 */
public final class StatusFanout {
    private final FollowRepository follows;
    private final AccountRepository accounts;
    private final Outbox outbox;

    /** @param outbox null for an instance wired without federation (posts stay here) */
    public StatusFanout(FollowRepository follows, AccountRepository accounts, Outbox outbox) {
        this.follows = follows;
        this.accounts = accounts;
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
        activity.status().mentions().forEach(m -> addInbox(inboxes, m));
        Long parentAuthor = activity.status().status().reply().inReplyToAccountId();
        if (parentAuthor != null && activity.status().status().visibility() != Visibility.DIRECT) {
            accounts.findById(tx, parentAuthor).ifPresent(a -> addInbox(inboxes, a));
        }
        return inboxes;
    }

    private static void addInbox(Set<String> inboxes, Account a) {
        if (!a.local() && a.endpoints() != null) {
            String inbox = a.endpoints().sharedInbox() != null ? a.endpoints().sharedInbox() : a.endpoints().inbox();
            if (inbox != null) {
                inboxes.add(inbox);
            }
        }
    }
}
