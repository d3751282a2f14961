package social.chorus.process.notification;

import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.Notification;
import social.chorus.model.Status;
import social.chorus.process.event.DomainEvent;
import social.chorus.process.event.EventListener;
import social.chorus.process.status.StatusAccess;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.Db;
import social.chorus.storage.NotificationRepository;
import social.chorus.storage.StatusRepository;

/**
 * Turns committed changes into notifications for local accounts. Nobody is notified of their
 * own actions, nor of anything by an account they block or that blocks them; the same
 * notification is not written twice (a like undone and done again, a redelivered post).
 */
public final class NotificationListener implements EventListener {
    private static final int PAGE = 500;
    private final Db db;
    private final NotificationRepository notifications;
    private final AccountRepository accounts;
    private final BlockRepository blocks;
    private final StatusRepository statuses;
    private final StatusAccess access;

    public NotificationListener(Db db, NotificationRepository notifications, AccountRepository accounts,
            BlockRepository blocks, StatusRepository statuses, StatusAccess access) {
        this.db = db;
        this.notifications = notifications;
        this.accounts = accounts;
        this.blocks = blocks;
        this.statuses = statuses;
        this.access = access;
    }

    @Override
    public Future<Void> on(DomainEvent event) {
        if (event instanceof DomainEvent.Followed e) {
            return notify(e.followedId(), e.followerId(), Notification.Type.FOLLOW, null);
        } else if (event instanceof DomainEvent.FollowRequested e) {
            return notify(e.followedId(), e.followerId(), Notification.Type.FOLLOW_REQUEST, null);
        } else if (event instanceof DomainEvent.StatusPosted e) {
            return posted(e.status(), e.mentionedIds());
        } else if (event instanceof DomainEvent.StatusEdited e) {
            return edited(e.status());
        } else if (event instanceof DomainEvent.Favourited e) {
            return notify(e.authorId(), e.accountId(), Notification.Type.FAVOURITE, e.statusId());
        } else if (event instanceof DomainEvent.Reblogged e) {
            return notify(e.authorId(), e.accountId(), Notification.Type.REBLOG, e.statusId());
        }
        return Future.succeededFuture();
    }

    private Future<Void> notify(long recipientId, long fromId, Notification.Type type, Long statusId) {
        return db.tx(dsl -> {
            write(dsl, recipientId, fromId, type, statusId);
            return null;
        });
    }

    /**
     * Everyone the post mentions, and the author of the post it answers (as Mastodon, a reply is
     * a {@code mention} notification: clients know no other type for it), if they may see it.
     */
    private Future<Void> posted(Status s, List<Long> mentionedIds) {
        Set<Long> recipients = new LinkedHashSet<>(mentionedIds); // remote ones are skipped when written
        Optional.ofNullable(s.reply().inReplyToAccountId()).ifPresent(recipients::add);
        if (recipients.isEmpty()) {
            return Future.succeededFuture();
        }
        return db.tx(dsl -> {
            for (long recipient : recipients) {
                if (access.canSee(dsl, s, recipient)) {
                    write(dsl, recipient, s.accountId(), Notification.Type.MENTION, s.id());
                }
            }
            return null;
        });
    }

    /** Everyone here who boosted the post hears of its edit (as Mastodon), once per edit. */
    private Future<Void> edited(Status s) {
        return db.tx(dsl -> {
            Long before = null;
            for (List<Status> boosts = statuses.reblogsOf(dsl, s.id(), null, PAGE); !boosts.isEmpty();
                    boosts = statuses.reblogsOf(dsl, s.id(), before, PAGE)) {
                for (Status boost : boosts) {
                    write(dsl, boost.accountId(), s.accountId(), Notification.Type.UPDATE, s.id());
                }
                before = boosts.get(boosts.size() - 1).id();
            }
            return null;
        });
    }

    private void write(DSLContext dsl, long recipientId, long fromId, Notification.Type type, Long statusId) {
        if (recipientId == fromId || blocks.eitherBlocks(dsl, recipientId, fromId)) {
            return;
        }
        boolean localRecipient = accounts.findById(dsl, recipientId).map(Account::local).orElse(false);
        boolean statusStillThere = statusId == null || statuses.findById(dsl, statusId).isPresent();
        // Each edit is news; anything else is notified once however often it arrives.
        boolean repeated = type != Notification.Type.UPDATE
                && notifications.exists(dsl, recipientId, fromId, type, statusId);
        if (!localRecipient || !statusStillThere || repeated) {
            return;
        }
        notifications.insert(dsl, recipientId, fromId, type, statusId);
    }
}
