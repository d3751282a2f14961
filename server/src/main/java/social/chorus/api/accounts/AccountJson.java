package social.chorus.api.accounts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.process.auth.ProfileService;

/** Mastodon's Account and CredentialAccount entities. */
public final class AccountJson {
    /** Placeholders until media exist; Mastodon's own "missing" images live at the same paths. */
    public static final String MISSING_AVATAR = "/avatars/original/missing.png";
    public static final String MISSING_HEADER = "/headers/original/missing.png";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String baseUrl;

    public AccountJson(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public JsonObject account(Account a) {
        String avatar = baseUrl + MISSING_AVATAR;
        String header = baseUrl + MISSING_HEADER;
        return new JsonObject()
                .put("id", String.valueOf(a.id()))
                .put("username", a.username())
                .put("acct", a.acct())
                .put("display_name", a.displayName() == null ? "" : a.displayName())
                .put("locked", a.flags().locked())
                .put("bot", a.type() == ActorType.SERVICE || a.type() == ActorType.APPLICATION)
                .put("discoverable", a.flags().discoverable())
                .put("indexable", a.flags().indexable())
                .put("group", a.type() == ActorType.GROUP)
                // Mastodon publishes the day an account was created, not the moment.
                .put("created_at", isoDay(a.createdAt()))
                .put("note", a.note() == null ? "" : a.note())
                .put("url", a.url() == null ? a.uri() : a.url())
                .put("uri", a.uri())
                .put("avatar", avatar)
                .put("avatar_static", avatar)
                .put("header", header)
                .put("header_static", header)
                .put("followers_count", a.counts().followers())
                .put("following_count", a.counts().following())
                .put("statuses_count", a.counts().statuses())
                .put("last_status_at", null)
                .put("hide_collections", false)
                .put("noindex", !a.flags().indexable())
                .put("emojis", new JsonArray())
                .put("roles", new JsonArray())
                .put("fields", new JsonArray());
    }

    /**
     * The signed-in person's own account, with {@code source} (the profile as they typed it, and
     * Chorus's own {@code hide_favourites} so that a client can show the setting it changes).
     */
    public JsonObject credentialAccount(ProfileService.Credentials c) {
        Account a = c.account();
        JsonObject source = new JsonObject()
                .put("privacy", "public")
                .put("sensitive", false)
                .put("language", null)
                .put("note", c.plainNote())
                .put("fields", new JsonArray())
                .put("follow_requests_count", c.followRequests())
                .put("hide_collections", false)
                .put("discoverable", a.flags().discoverable())
                .put("indexable", a.flags().indexable())
                .put("hide_favourites", c.hideFavourites());
        JsonObject role = new JsonObject().put("id", "-99").put("name", "").put("permissions", "0")
                .put("color", "").put("highlighted", false);
        return account(a).put("source", source).put("role", role);
    }

    static String isoDay(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant.truncatedTo(ChronoUnit.DAYS));
    }
}
