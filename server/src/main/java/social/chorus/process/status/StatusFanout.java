package social.chorus.process.status;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.Status;
import social.chorus.model.StatusActivity;
import social.chorus.model.Visibility;
import social.chorus.process.Outbox;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;

/**
 * Sends a local post's Create, Update or Delete to the servers that should have it, in the
 * caller's transaction: remote followers (one delivery per shared inbox) unless the post is
 * direct, the remote accounts it mentions, and — when public or unlisted — the remote author of the
 * post it answers, mentioned or not (as Mastodon), so that the reply joins the thread at its
 * origin. Local followers and mentions need no delivery.
 */
public final class StatusFanout {
    /** Boosts looked at when an edit or delete must also reach where the post was boosted to. */
    private static final int MAX_BOOSTS = 1000;

    private final FollowRepository follows;
    private final AccountRepository accounts;
    private final StatusRepository statuses;
    private final Outbox outbox;

    /** @param outbox null for an instance wired without federation (posts stay here) */
    public StatusFanout(FollowRepository follows, AccountRepository accounts, StatusRepository statuses,
            Outbox outbox) {
        this.follows = follows;
        this.accounts = accounts;
        this.statuses = statuses;
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
        Visibility visibility = activity.status().status().visibility();
        // Only a post anyone may see goes to an author who did not ask for it; a followers-only reply
        // reaches them only when mentioned (as Mastodon: a client mentions the author it answers).
        if (parentAuthor != null && (visibility == Visibility.PUBLIC || visibility == Visibility.UNLISTED)) {
            accounts.findById(tx, parentAuthor).ifPresent(a -> addInbox(inboxes, a));
        }
        if (!(activity instanceof StatusActivity.Create)) {
            boostedTo(tx, activity.status().status().id(), inboxes);
        }
        return inboxes;
    }

    /**
     * An edit or delete also goes where boosts took the post: to remote boosters' servers and to
     * the remote followers of local boosters, which may know the post only through the boost.
     */
    private void boostedTo(DSLContext tx, long statusId, Set<String> inboxes) {
        for (Status boost : statuses.reblogsOf(tx, statusId, null, MAX_BOOSTS)) {
            accounts.findById(tx, boost.accountId()).ifPresent(booster -> {
                if (booster.local()) {
                    inboxes.addAll(follows.remoteFollowerInboxes(tx, booster.id()));
                } else {
                    addInbox(inboxes, booster);
                }
            });
        }
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
