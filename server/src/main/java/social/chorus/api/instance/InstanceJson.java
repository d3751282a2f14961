package social.chorus.api.instance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import social.chorus.api.PlaceholderImages;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.process.auth.InstanceService.InstanceInfo;

/**
 * Mastodon's Instance entities, v1 and v2. Clients read limits from {@code configuration}; the
 * media and poll limits are Mastodon's defaults, announced now so that apps lay out their
 * composers the usual way.
 */
final class InstanceJson {

    private InstanceJson() {
    }

    /** "4.3.0 (compatible; Chorus 0.1.0)": apps compare the leading Mastodon version to enable features. */
    static String version(InstanceInfo i) {
        return "4.3.0 (compatible; Chorus " + i.identity().version() + ")";
    }

    static JsonObject v1(InstanceInfo i) {
        Registrations mode = i.identity().registrations();
        return new JsonObject()
                .put("uri", i.identity().domain())
                .put("title", i.title())
                .put("short_description", i.shortDescription())
                .put("description", i.description())
                .put("email", i.contactEmail())
                .put("version", version(i))
                .put("urls", new JsonObject().put("streaming_api", streaming(i)))
                .put("stats", new JsonObject()
                        .put("user_count", i.counts().users())
                        .put("status_count", i.counts().statuses())
                        .put("domain_count", i.counts().domains()))
                .put("thumbnail", null)
                .put("languages", new JsonArray().add("en"))
                .put("registrations", mode != Registrations.CLOSED)
                .put("approval_required", mode == Registrations.APPROVAL)
                .put("invites_enabled", false)
                .put("configuration", new JsonObject()
                        .put("accounts", accounts())
                        .put("statuses", statuses(i))
                        .put("media_attachments", media())
                        .put("polls", polls()))
                .put("contact_account", null)
                .put("rules", new JsonArray());
    }

    static JsonObject v2(InstanceInfo i) {
        Registrations mode = i.identity().registrations();
        return new JsonObject()
                .put("domain", i.identity().domain())
                .put("title", i.title())
                .put("version", version(i))
                .put("source_url", i.sourceUrl())
                .put("description", i.shortDescription().isEmpty() ? i.description() : i.shortDescription())
                .put("usage", new JsonObject().put("users", new JsonObject()
                        .put("active_month", i.counts().activeMonth())))
                .put("thumbnail", new JsonObject().put("url", i.identity().baseUrl() + PlaceholderImages.THUMBNAIL))
                .put("languages", new JsonArray().add("en"))
                .put("configuration", new JsonObject()
                        .put("urls", new JsonObject()
                                .put("streaming", streaming(i))
                                .put("status", null)
                                .put("about", null)
                                .put("privacy_policy", null)
                                .put("terms_of_service", null))
                        .put("accounts", accounts().put("max_pinned_statuses", 5))
                        .put("statuses", statuses(i))
                        .put("media_attachments", media())
                        .put("polls", polls())
                        .put("translation", new JsonObject().put("enabled", false)))
                .put("registrations", new JsonObject()
                        .put("enabled", mode != Registrations.CLOSED)
                        .put("approval_required", mode == Registrations.APPROVAL)
                        .put("message", null)
                        .put("url", null))
                .put("contact", new JsonObject()
                        .put("email", i.contactEmail())
                        .put("account", null))
                .put("rules", new JsonArray());
    }

    /** Where a streaming API would be; Chorus has none yet, and apps fall back to polling. */
    private static String streaming(InstanceInfo i) {
        String base = i.identity().baseUrl();
        return base.startsWith("https://") ? "wss://" + base.substring(8) : "ws://" + base.substring(7);
    }

    private static JsonObject accounts() {
        return new JsonObject().put("max_featured_tags", 10);
    }

    private static JsonObject statuses(InstanceInfo i) {
        return new JsonObject()
                .put("max_characters", i.identity().maxStatusChars())
                .put("max_media_attachments", 4)
                .put("characters_reserved_per_url", 23);
    }

    private static JsonObject media() {
        return new JsonObject()
                .put("supported_mime_types", new JsonArray().add("image/jpeg").add("image/png").add("image/gif")
                        .add("image/webp"))
                .put("image_size_limit", 16 * 1024 * 1024)
                .put("image_matrix_limit", 33_177_600)
                .put("video_size_limit", 99 * 1024 * 1024)
                .put("video_frame_rate_limit", 120)
                .put("video_matrix_limit", 8_294_400);
    }

    private static JsonObject polls() {
        return new JsonObject()
                .put("max_options", 4)
                .put("max_characters_per_option", 50)
                .put("min_expiration", 300)
                .put("max_expiration", 2_629_746);
    }
}
