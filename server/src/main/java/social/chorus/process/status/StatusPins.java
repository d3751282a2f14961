package social.chorus.process.status;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
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
 * nor a direct post, at most {@link #MAX_PINNED}. Pins are shown by the client API; they are not
 * published to other servers (no {@code featured} collection yet).
 */
public final class StatusPins {
    public static final int MAX_PINNED = 5;

    private final Db db;
    private final StatusRepository statuses;
    private final AccountRepository accounts;
    private final PinRepository pins;
    private final StatusAccess access;
    private final StatusViews views;

    public StatusPins(Db db, StatusRepository statuses, AccountRepository accounts, PinRepository pins,
            StatusAccess access, StatusViews views) {
        this.db = db;
        this.statuses = statuses;
        this.accounts = accounts;
        this.pins = pins;
        this.access = access;
        this.views = views;
    }

    public Future<StatusView> pin(long accountId, long statusId) {
        return db.tx(dsl -> {
            // The account row is the lock that keeps two concurrent pins from passing the limit together.
            accounts.findByIdForUpdate(dsl, accountId).orElseThrow(() -> ClientError.notFound("Account"));
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
            pins.pin(dsl, accountId, s.id());
            return views.view(dsl, s, accountId);
        });
    }

    /** Unpinning what is not pinned is no error (as Mastodon); someone else's post is simply not pinned. */
    public Future<StatusView> unpin(long accountId, long statusId) {
        return db.tx(dsl -> {
            Status s = visible(dsl, accountId, statusId);
            pins.unpin(dsl, accountId, s.id());
            return views.view(dsl, s, accountId);
        });
    }

    /** An account's pinned posts that the viewer may see, most recently pinned first. */
    public Future<List<StatusView>> pinnedOf(Long viewerId, long accountId) {
        return db.read(dsl -> {
            accounts.findById(dsl, accountId).orElseThrow(() -> new ClientError(404, "Record not found"));
            List<Status> shown = new ArrayList<>();
            for (Status s : statuses.findByIds(dsl, pins.pinnedIds(dsl, accountId))) {
                if (access.canSee(dsl, s, viewerId)) {
                    shown.add(s);
                }
            }
            List<Long> order = pins.pinnedIds(dsl, accountId);
            shown.sort((x, y) -> Integer.compare(order.indexOf(x.id()), order.indexOf(y.id())));
            return views.views(dsl, shown, viewerId);
        });
    }

    private Status visible(DSLContext dsl, long viewerId, long statusId) {
        return statuses.findById(dsl, statusId).filter(s -> access.canSee(dsl, s, viewerId))
                .orElseThrow(() -> new ClientError(404, "Record not found"));
    }
}
