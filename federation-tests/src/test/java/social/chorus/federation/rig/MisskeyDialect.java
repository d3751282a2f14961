package social.chorus.federation.rig;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Misskey (2024.x). No fixture folder exists for it: every shape here is from knowledge of
 * Misskey's ActivityPub renderer. Actors live at {@code /users/<aid>} (an opaque, time-ordered
 * id, not the username), carry {@code _misskey_*} fields, {@code isCat}, a legacy top-level
 * {@code sharedInbox} beside {@code endpoints}, a {@code Key}-typed publicKey and Misskey's long
 * context array. Follows have ids {@code /follows/<aid>}; other activities get
 * {@code https://HOST/<uuid>}. The Accept embeds the Follow without an id (actor and object
 * only), and the Undo embeds a re-rendered Follow whose id ({@code /follows/<follower>/<followee>})
 * is not the one sent: receivers must match both on actor and object. Delivery goes to the
 * personal inbox; inboxes answer 202.
 */
final class MisskeyDialect implements PeerDialect {

    static JsonArray context() {
        JsonObject terms = new JsonObject()
                .put("Key", "sec:Key")
                .put("manuallyApprovesFollowers", "as:manuallyApprovesFollowers")
                .put("sensitive", "as:sensitive")
                .put("Hashtag", "as:Hashtag")
                .put("quoteUrl", "as:quoteUrl")
                .put("toot", "http://joinmastodon.org/ns#")
                .put("Emoji", "toot:Emoji")
                .put("featured", "toot:featured")
                .put("discoverable", "toot:discoverable")
                .put("schema", "http://schema.org#")
                .put("PropertyValue", "schema:PropertyValue")
                .put("value", "schema:value")
                .put("misskey", "https://misskey-hub.net/ns#")
                .put("_misskey_content", "misskey:_misskey_content")
                .put("_misskey_quote", "misskey:_misskey_quote")
                .put("_misskey_reaction", "misskey:_misskey_reaction")
                .put("_misskey_votes", "misskey:_misskey_votes")
                .put("_misskey_summary", "misskey:_misskey_summary")
                .put("_misskey_followedMessage", "misskey:_misskey_followedMessage")
                .put("_misskey_requireSigninToViewContents", "misskey:_misskey_requireSigninToViewContents")
                .put("_misskey_makeNotesFollowersOnlyBefore", "misskey:_misskey_makeNotesFollowersOnlyBefore")
                .put("_misskey_makeNotesHiddenBefore", "misskey:_misskey_makeNotesHiddenBefore")
                .put("_misskey_license", "misskey:_misskey_license")
                .put("freeText", new JsonObject().put("@id", "misskey:freeText").put("@type", "schema:text"))
                .put("isCat", "misskey:isCat")
                .put("vcard", "http://www.w3.org/2006/vcard/ns#");
        return new JsonArray().add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1")
                .add(terms);
    }

    /** Misskey's "aid": base-36 milliseconds since 2000 (8 digits) and 2 random base-36 digits. */
    static String aid() {
        long since2000 = System.currentTimeMillis() - 946_684_800_000L;
        String time = Long.toString(since2000, 36);
        String noise = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
        return ("00000000" + time).substring(time.length()) + ("00" + noise).substring(noise.length());
    }

    @Override
    public String actorPath(String name, boolean group) {
        return "/users/" + aid();
    }

    @Override
    public JsonObject webFinger(PeerActor actor) {
        return new JsonObject()
                .put("subject", "acct:" + actor.acct())
                .put("links", new JsonArray()
                        .add(new JsonObject().put("rel", "self").put("type", "application/activity+json")
                                .put("href", actor.id()))
                        .add(new JsonObject().put("rel", "http://webfinger.net/rel/profile-page")
                                .put("type", "text/html").put("href", actor.origin() + "/@" + actor.name()))
                        .add(new JsonObject().put("rel", "http://ostatus.org/schema/1.0/subscribe")
                                .put("template", actor.origin() + "/authorize-follow?acct={uri}")));
    }

    @Override
    public JsonObject actorDocument(PeerActor actor, String publicKeyPem) {
        String id = actor.id();
        String summary = "Misskey user " + actor.name() + " :misskey:";
        return new JsonObject()
                .put("@context", context())
                .put("type", "Person")
                .put("id", id)
                .put("inbox", actor.inbox())
                .put("outbox", id + "/outbox")
                .put("followers", id + "/followers")
                .put("following", id + "/following")
                .put("featured", id + "/collections/featured")
                .put("sharedInbox", actor.origin() + "/inbox")
                .put("endpoints", new JsonObject().put("sharedInbox", actor.origin() + "/inbox"))
                .put("url", actor.origin() + "/@" + actor.name())
                .put("preferredUsername", actor.name())
                .put("name", "Peer " + actor.name())
                .put("summary", "<p><span>" + summary + "</span></p>")
                .put("_misskey_summary", summary)
                .putNull("_misskey_followedMessage")
                .put("_misskey_requireSigninToViewContents", false)
                .putNull("_misskey_makeNotesFollowersOnlyBefore")
                .putNull("_misskey_makeNotesHiddenBefore")
                .putNull("icon")
                .putNull("image")
                .put("tag", new JsonArray())
                .put("manuallyApprovesFollowers", false)
                .put("discoverable", true)
                .put("publicKey", new JsonObject().put("id", actor.keyId()).put("type", "Key").put("owner", id)
                        .put("publicKeyPem", publicKeyPem))
                .put("isCat", true)
                .put("attachment", new JsonArray().add(new JsonObject().put("type", "PropertyValue")
                        .put("name", "Website").put("value", "<a href=\"https://example.org\">example.org</a>")))
                .put("vcard:bday", "2000-01-01");
    }

    @Override
    public JsonObject follow(PeerActor actor, String object) {
        return new JsonObject().put("@context", context())
                .put("id", actor.origin() + "/follows/" + aid())
                .put("type", "Follow")
                .put("actor", actor.id())
                .put("object", object);
    }

    @Override
    public JsonObject accept(PeerActor actor, JsonObject follow) {
        return new JsonObject().put("@context", context())
                .put("type", "Accept")
                .put("actor", actor.id())
                .put("object", new JsonObject().put("type", "Follow").put("actor", follow.getString("actor"))
                        .put("object", actor.id()))
                .put("id", actor.origin() + "/" + UUID.randomUUID());
    }

    @Override
    public JsonObject undo(PeerActor actor, JsonObject follow) {
        // Misskey's own id for the followee (a remote user to Misskey), not its actor URL.
        String rerendered = actor.origin() + "/follows/" + actor.path().substring("/users/".length()) + "/" + aid();
        return new JsonObject().put("@context", context())
                .put("type", "Undo")
                .put("actor", actor.id())
                .put("object", new JsonObject().put("id", rerendered).put("type", "Follow")
                        .put("actor", actor.id()).put("object", follow.getString("object")))
                .put("published", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("id", actor.origin() + "/" + UUID.randomUUID());
    }

    @Override
    public String deliveryInbox(JsonObject localActor) {
        return localActor.getString("inbox");
    }

    @Override
    public int inboxStatus() {
        return 202;
    }

    @Override
    public int rfc9421Refusal() {
        return 401;
    }

    @Override
    public String jrdContentType() {
        return "application/jrd+json; charset=utf-8";
    }

    @Override
    public String activityContentType() {
        return "application/activity+json";
    }

    @Override
    public String userAgent(String origin) {
        return "Misskey/2024.11.0 (" + origin.toLowerCase(Locale.ROOT) + ")";
    }
}
