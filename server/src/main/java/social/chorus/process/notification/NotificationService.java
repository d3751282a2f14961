package social.chorus.process.notification;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import social.chorus.model.Account;
import social.chorus.model.Notification;
import social.chorus.model.Status;
import social.chorus.model.StatusView;
import social.chorus.process.ClientError;
import social.chorus.process.status.StatusViews;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Db;
import social.chorus.storage.MarkerRepository;
import social.chorus.storage.MarkerRepository.Marker;
import social.chorus.storage.NotificationRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.StatusRepository.PageQuery;

/** A local account's notifications (read, dismiss, clear) and its read markers. */
public final class NotificationService {
    /** As Mastodon: 40 notifications a page unless asked, at most 80. */
    public static final int DEFAULT_LIMIT = 40;
    public static final int MAX_LIMIT = 80;
    /** As Mastodon's unread_count: counted up to 100 unless asked, at most 1,000. */
    public static final int DEFAULT_UNREAD_CAP = 100;
    public static final int MAX_UNREAD_CAP = 1000;
    public static final List<String> TIMELINES = List.of("home", "notifications");

    private final Db db;
    private final NotificationRepository notifications;
    private final MarkerRepository markers;
    private final AccountRepository accounts;
    private final StatusRepository statuses;
    private final StatusViews views;

    public NotificationService(Db db, NotificationRepository notifications, MarkerRepository markers,
            AccountRepository accounts, StatusRepository statuses, StatusViews views) {
        this.db = db;
        this.views = views;
        this.notifications = notifications;
        this.markers = markers;
        this.accounts = accounts;
        this.statuses = statuses;
    }

    /** A limit as Mastodon clamps it: absent or not a number → 40; otherwise 1..80. */
    public static int limitOf(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (!v.matches("[0-9]{1,9}")) {
            return DEFAULT_LIMIT;
        }
        return Math.max(1, Math.min(Integer.parseInt(v), MAX_LIMIT));
    }

    public Future<List<NotificationView>> page(long accountId, NotificationRepository.Filter filter,
            PageQuery page) {
        PageQuery bounded = new PageQuery(page.maxId(), page.sinceId(), page.minId(),
                Math.max(1, Math.min(page.limit(), MAX_LIMIT)));
        return db.read(dsl -> {
            List<NotificationView> out = new ArrayList<>();
            for (Notification n : notifications.page(dsl, accountId, filter, bounded)) {
                view(dsl, n).ifPresent(out::add);
            }
            return out;
        });
    }

    public Future<NotificationView> get(long accountId, long id) {
        return db.read(dsl -> notifications.find(dsl, accountId, id).flatMap(n -> view(dsl, n))
                .orElseThrow(() -> new ClientError(404, "Record not found")));
    }

    /** Removes one notification; someone else's, or one already gone, is 404 (as Mastodon). */
    public Future<Void> dismiss(long accountId, long id) {
        return db.tx(dsl -> {
            if (!notifications.delete(dsl, accountId, id)) {
                throw new ClientError(404, "Record not found");
            }
            return null;
        });
    }

    public Future<Integer> clear(long accountId) {
        return db.tx(dsl -> notifications.deleteAll(dsl, accountId));
    }

    /** Notifications newer than the notifications marker (all of them without one), up to {@code cap}. */
    public Future<Integer> unreadCount(long accountId, int cap) {
        int bounded = Math.max(1, Math.min(cap, MAX_UNREAD_CAP));
        return db.read(dsl -> {
            long after = markers.find(dsl, accountId, List.of("notifications")).stream()
                    .mapToLong(Marker::lastReadId).findFirst().orElse(0L);
            return notifications.countAfter(dsl, accountId, after, bounded);
        });
    }

    /** The markers asked for that exist; unknown timeline names are ignored, as Mastodon does. */
    public Future<List<Marker>> markers(long accountId, List<String> timelines) {
        List<String> known = timelines.stream().filter(TIMELINES::contains).distinct().toList();
        if (known.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return db.read(dsl -> markers.find(dsl, accountId, known));
    }

    /** Saves read positions by timeline name; an unknown name or a negative id is a 422. */
    public Future<List<Marker>> saveMarkers(long accountId, Map<String, Long> positions) {
        for (Map.Entry<String, Long> e : positions.entrySet()) {
            if (!TIMELINES.contains(e.getKey())) {
                return Future.failedFuture(new ClientError(422, "Validation failed: unknown timeline " + e.getKey()));
            }
            if (e.getValue() == null || e.getValue() < 0) {
                return Future.failedFuture(new ClientError(422, "Validation failed: last_read_id is invalid"));
            }
        }
        return db.tx(dsl -> {
            List<Marker> saved = new ArrayList<>();
            new LinkedHashMap<>(positions).forEach((timeline, id) -> saved.add(markers.save(dsl, accountId, timeline, id)));
            return saved;
        });
    }

    /** Left out when who did it has gone (an account deleted between the read and the render). */
    private Optional<NotificationView> view(DSLContext dsl, Notification n) {
        Optional<Account> from = accounts.findById(dsl, n.fromAccountId());
        if (from.isEmpty()) {
            return Optional.empty();
        }
        StatusView status = null;
        if (n.statusId() != null) {
            Optional<Status> s = statuses.findById(dsl, n.statusId());
            if (s.isEmpty()) {
                return Optional.empty();
            }
            // As every other list shows a status: with its media, and the reader's likes and boosts of it.
            status = views.view(dsl, s.get(), n.accountId());
        }
        return Optional.of(new NotificationView(n, from.get(), status));
    }
}
