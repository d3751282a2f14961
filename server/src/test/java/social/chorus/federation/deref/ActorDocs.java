package social.chorus.federation.deref;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import social.chorus.federation.sig.Pem;

/**
 * Remote documents for resolver tests, shaped like Mastodon's (context, endpoints, publicKey with
 * owner, discoverable, counts in collections) with ids under a test server's base URL.
 */
final class ActorDocs {
    static final String AS = "application/activity+json; charset=utf-8";

    private ActorDocs() {
    }

    /** A Mastodon-style Person whose id is {@code base/users/name}, keyed with the rig's public key. */
    static JsonObject person(String base, String name) {
        String id = base + "/users/" + name;
        return new JsonObject()
                .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams")
                        .add("https://w3id.org/security/v1")
                        .add(new JsonObject().put("manuallyApprovesFollowers", "as:manuallyApprovesFollowers")
                                .put("toot", "http://joinmastodon.org/ns#")
                                .put("discoverable", "toot:discoverable").put("indexable", "toot:indexable")))
                .put("id", id)
                .put("type", "Person")
                .put("following", id + "/following")
                .put("followers", id + "/followers")
                .put("inbox", id + "/inbox")
                .put("outbox", id + "/outbox")
                .put("preferredUsername", name)
                .put("name", "The " + name)
                .put("summary", "<p>Hello from " + name + "</p>")
                .put("url", base + "/@" + name)
                .put("manuallyApprovesFollowers", false)
                .put("discoverable", true)
                .put("indexable", false)
                .put("published", "2022-10-03T00:00:00Z")
                .put("publicKey", new JsonObject().put("id", id + "#main-key").put("owner", id)
                        .put("publicKeyPem", Pem.encodePublic(OutboundRig.publicKey())))
                .put("endpoints", new JsonObject().put("sharedInbox", base + "/inbox"));
    }

    static JsonObject collection(String id, long totalItems) {
        return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("id", id)
                .put("type", "OrderedCollection").put("totalItems", totalItems).put("first", id + "?page=1");
    }

    static JsonObject note(String base) {
        return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                .put("id", base + "/notes/1").put("type", "Note").put("content", "<p>hi</p>")
                .put("attributedTo", base + "/users/alice");
    }
}
