package social.chorus.federation.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;

/**
 * Local accounts as ActivityStreams actor documents, shaped as Mastodon's parser expects them:
 * {@code publicKey.owner} equals the actor's id and the key lives on the actor's host. The
 * context is only the two contexts every server bundles plus an inline term map, never a URL a
 * remote server would have to fetch.
 */
public final class AccountToAs {
    /** The media type actor documents are served as. */
    public static final String CONTENT_TYPE = "application/activity+json; charset=utf-8";

    private static final String SEC = "https://w3id.org/security#";

    /** How much of the actor a requester may see. */
    public enum View {
        /** The whole document. */
        FULL,
        /**
         * Only what is needed to verify signatures and deliver (id, type, username, inbox, keys),
         * as Mastodon serves actors to unsigned fetches under authorized fetch: other servers fetch
         * keys without signing, so the key must stay readable.
         */
        KEY_ONLY
    }

    private final LocalIds ids;

    public AccountToAs(LocalIds ids) {
        this.ids = ids;
    }

    public JsonObject actor(Account a, View view) {
        JsonObject json = new JsonObject()
                .put("@context", context())
                .put("id", a.uri())
                .put("type", a.type().asName())
                .put("preferredUsername", a.username());
        Account.ActorEndpoints e = a.endpoints();
        putIfPresent(json, "inbox", e.inbox());
        putIfPresent(json, "outbox", e.outbox());
        if (view == View.FULL) {
            json.put("name", a.displayName())
                    // Stored as sanitised HTML (plain-text bios are escaped on the way in).
                    .put("summary", a.note() == null ? "" : a.note());
            putIfPresent(json, "url", a.url());
            putIfPresent(json, "followers", e.followers());
            putIfPresent(json, "following", e.following());
            if (servesFeatured(a)) {
                json.put("featured", ids.featured(a.username()));
            }
        }
        if (e.sharedInbox() != null) {
            json.put("endpoints", new JsonObject().put("sharedInbox", e.sharedInbox()));
        }
        if (a.publicKey() != null) {
            json.put("publicKey", new JsonObject()
                    .put("id", a.publicKey().id())
                    .put("owner", a.uri())
                    .put("publicKeyPem", a.publicKey().encoded()));
        }
        if (a.ed25519Key() != null) {
            json.put("assertionMethod", new JsonArray().add(new JsonObject()
                    .put("id", a.ed25519Key().id())
                    .put("type", "Multikey")
                    .put("controller", a.uri())
                    .put("publicKeyMultibase", a.ed25519Key().encoded())));
        }
        if (view == View.FULL) {
            json.put("manuallyApprovesFollowers", a.flags().locked())
                    .put("discoverable", a.flags().discoverable())
                    .put("indexable", a.flags().indexable());
            if (a.createdAt() != null) {
                json.put("published", timestamp(a.createdAt()));
            }
        }
        return json;
    }

    /**
     * Pinned posts are served at {@code /users/NAME/collections/featured}: only actors that live
     * under {@code /users/} have one (not the instance actor at {@code /actor}).
     */
    private boolean servesFeatured(Account a) {
        return a.local() && a.uri().equals(ids.actor(a.username()));
    }

    /** ISO-8601 UTC with seconds precision ({@code 2024-05-01T12:00:00Z}), as Mastodon writes dates. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A fresh array each time: JsonArray is mutable and documents get modified by callers. */
    static JsonArray context() {
        JsonObject terms = new JsonObject()
                .put("manuallyApprovesFollowers", "as:manuallyApprovesFollowers")
                .put("toot", "http://joinmastodon.org/ns#")
                .put("discoverable", "toot:discoverable")
                .put("indexable", "toot:indexable")
                .put("featured", new JsonObject().put("@id", "toot:featured").put("@type", "@id"))
                // FEP-521a terms, inline: the multikey context URL is not bundled everywhere.
                .put("Multikey", SEC + "Multikey")
                .put("publicKeyMultibase", SEC + "publicKeyMultibase")
                .put("controller", new JsonObject().put("@id", SEC + "controller").put("@type", "@id"))
                .put("assertionMethod", new JsonObject().put("@id", SEC + "assertionMethod").put("@type", "@id")
                        .put("@container", "@set"));
        return new JsonArray().add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1")
                .add(terms);
    }

    private static void putIfPresent(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
