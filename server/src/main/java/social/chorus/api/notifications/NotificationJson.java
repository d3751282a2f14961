package social.chorus.api.notifications;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import social.chorus.api.accounts.AccountJson;
import social.chorus.api.statuses.StatusJson;
import social.chorus.model.Notification;
import social.chorus.process.notification.NotificationView;
import social.chorus.storage.MarkerRepository.Marker;

/** Mastodon's Notification and Marker entities. */
public final class NotificationJson {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AccountJson accounts;
    private final StatusJson statuses;

    public NotificationJson(AccountJson accounts, StatusJson statuses) {
        this.accounts = accounts;
        this.statuses = statuses;
    }

    public JsonObject notification(NotificationView v) {
        Notification n = v.notification();
        JsonObject out = new JsonObject()
                .put("id", Long.toString(n.id()))
                .put("type", n.type().apiName())
                .put("group_key", "ungrouped-" + n.id())
                .put("created_at", iso(n.createdAt()))
                .put("account", accounts.account(v.from()));
        if (v.status() != null) {
            out.put("status", statuses.status(v.status()));
        }
        return out;
    }

    public JsonObject marker(Marker m) {
        return new JsonObject()
                .put("last_read_id", Long.toString(m.lastReadId()))
                .put("version", m.version())
                .put("updated_at", iso(m.updatedAt()));
    }

    private static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
