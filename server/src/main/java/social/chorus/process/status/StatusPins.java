package social.chorus.process.status;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.model.PinActivity;
import social.chorus.model.Status;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.process.ClientError;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;

/**
 * Pinning one's own posts to one's profile, with Mastodon's rules: only one's own, never a boost
 * nor a direct post, at most {@link #MAX_PINNED}. The client API shows the pins a viewer may see.
 * Other servers see them as the account's {@code featured} collection, which lists only public and
 * unlisted pins to everyone (a followers-only pin is never published, not even to followers), and
 * are told of each change to it: pinning or unpinning a public or unlisted post queues an
 * {@code Add} or {@code Remove} to the remote followers in the same transaction.
 */
public final class StatusPins {
    public static final int MAX_PINNED = 5;

    private final Db db;
    private final StatusRepository statuses;
    private final AccountRepository accounts;
    private final PinRepository pins;
    private final StatusAccess access;
    private final StatusViews views;
    private final LocalIds ids;
    private final PinFanout fanout;

    StatusPins(Db db, StatusRepository statuses, AccountRepository accounts, PinRepository pins,
            StatusAccess access, StatusViews views, LocalIds ids, PinFanout fanout) {
        this.db = db;
        this.statuses = statuses;
        this.accounts = accounts;
        this.pins = pins;
        this.access = access;
        this.views = views;
        this.ids = ids;
        this.fanout = fanout;
    }

    public Future<StatusView> pin(long accountId, long statusId) {
        return db.tx(dsl -> {
            // The account row is the lock that keeps two concurrent pins from passing the limit together.
            Account owner = accounts.findByIdForUpdate(dsl, accountId)
                    .orElseThrow(() -> ClientError.notFound("Account"));
            Status s = visible(dsl, accountId, statusId);
            if (s.accountId() != accountId) {
                throw new ClientError(422, "Validation failed: You can only pin your own posts");
            }
            if (s.isReblog()) {
                throw new ClientError(422, "Validation failed: Boosts cannot be pinned");
            }
            if (s.visibility() == Visibility.DIRECT) {
                throw new ClientError(422, "Validation failed: Direct posts cannot be pinned");
            }
            if (pins.pinned(dsl, accountId, List.of(s.id())).isEmpty() && pins.count(dsl, accountId) >= MAX_PINNED) {
                throw new ClientError(422, "Validation failed: You have already pinned the maximum number of posts");
            }
            // Pinning again is no change, so nothing to tell.
            if (pins.pin(dsl, accountId, s.id()) && featured(s)) {
                fanout.send(dsl, new PinActivity.Add(ids.newActivity(), owner, s));
            }
            return views.view(dsl, s, accountId);
        });
    }

    /** Unpinning what is not pinned is no error (as Mastodon); someone else's post is simply not pinned. */
    public Future<StatusView> unpin(long accountId, long statusId) {
        return db.tx(dsl -> {
            Status s = visible(dsl, accountId, statusId);
            if (pins.unpin(dsl, accountId, s.id()) && featured(s)) {
                Account owner = accounts.findById(dsl, accountId).orElseThrow(() -> ClientError.notFound("Account"));
                fanout.send(dsl, new PinActivity.Remove(ids.newActivity(), owner, s));
            }
            return views.view(dsl, s, accountId);
        });
    }

    /** An account's pinned posts that the viewer may see, most recently pinned first. */
    public Future<List<StatusView>> pinnedOf(Long viewerId, long accountId) {
        return db.read(dsl -> {
            accounts.findById(dsl, accountId).orElseThrow(() -> new ClientError(404, "Record not found"));
            return views.views(dsl, pinned(dsl, accountId, s -> access.canSee(dsl, s, viewerId)), viewerId);
        });
    }

    /**
     * What the account's featured collection lists: its public and unlisted pins, most recently
     * pinned first, whoever asks (the collection is the same for everyone).
     */
    public Future<List<StatusView>> featuredOf(long accountId) {
        return db.read(dsl -> views.views(dsl, pinned(dsl, accountId, StatusPins::featured), null));
    }

    /** The one rule for what other servers learn of pins: the collection and its Add/Remove agree. */
    private static boolean featured(Status s) {
        return s.visibility() == Visibility.PUBLIC || s.visibility() == Visibility.UNLISTED;
    }

    private List<Status> pinned(DSLContext dsl, long accountId, Predicate<Status> shown) {
        List<Long> order = pins.pinnedIds(dsl, accountId);
        List<Status> out = new ArrayList<>();
        for (Status s : statuses.findByIds(dsl, order)) {
            if (shown.test(s)) {
                out.add(s);
            }
        }
        out.sort((x, y) -> Integer.compare(order.indexOf(x.id()), order.indexOf(y.id())));
        return out;
    }

    private Status visible(DSLContext dsl, long viewerId, long statusId) {
        return statuses.findById(dsl, statusId).filter(s -> access.canSee(dsl, s, viewerId))
                .orElseThrow(() -> new ClientError(404, "Record not found"));
    }
}
