package social.chorus.federation.rig;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * GoToSocial (0.17). No fixture folder exists: the actor is Mastodon's fixture
 * ({@code mastodon/objects/person.json}) moved to GoToSocial's layout, everything else is from
 * knowledge. Actors at {@code /users/NAME} with the key at its own URL {@code /users/NAME/main-key};
 * fetching that URL returns a stub (id, type, preferredUsername, publicKey only), not the actor.
 * No shared inbox is published ("endpoints: not implemented") and deliveries go to personal
 * inboxes. Ids are ULIDs: {@code /users/NAME/follow/ULID}, {@code /users/NAME/accepts/ULID}; the
 * Undo's id is the Follow's with {@code /undo} appended (approximation). The Accept embeds the
 * whole Follow, id included, and documents carry a {@code to}. Inboxes answer 202.
 */
final class GoToSocialDialect implements PeerDialect {
    private static final String FIXTURE_ORIGIN = "https://masto.qa.urbanwildlife.biz";
    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();

    /** A ULID: 48-bit milliseconds and 80 random bits in Crockford base 32. */
    String ulid() {
        StringBuilder out = new StringBuilder(26);
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--) {
            out.append(CROCKFORD[(int) (time >>> (5 * i)) & 31]);
        }
        for (int i = 0; i < 16; i++) {
            out.append(CROCKFORD[random.nextInt(32)]);
        }
        return out.toString();
    }

    @Override
    public String actorPath(String name, boolean group) {
        return "/users/" + name;
    }

    @Override
    public String keyId(String actorId) {
        return actorId + "/main-key";
    }

    @Override
    public JsonObject webFinger(PeerActor actor) {
        String profile = actor.origin() + "/@" + actor.name();
        return new JsonObject()
                .put("subject", "acct:" + actor.acct())
                .put("aliases", new JsonArray().add(actor.id()).add(profile))
                .put("links", new JsonArray()
                        .add(new JsonObject().put("rel", "http://webfinger.net/rel/profile-page")
                                .put("type", "text/html").put("href", profile))
                        .add(new JsonObject().put("rel", "self").put("type", "application/activity+json")
                                .put("href", actor.id())));
    }

    @Override
    public JsonObject actorDocument(PeerActor actor, String publicKeyPem) {
        JsonObject doc = FediverseFixtures.rewritten("mastodon/objects/person.json",
                FIXTURE_ORIGIN + "/users/mastodon#main-key", actor.keyId(),
                FIXTURE_ORIGIN + "/users/mastodon", actor.id(),
                FIXTURE_ORIGIN + "/@mastodon", actor.origin() + "/@" + actor.name(),
                FIXTURE_ORIGIN, actor.origin());
        for (String mastodonOnly : new String[] {"devices", "featuredTags", "endpoints"}) {
            doc.remove(mastodonOnly);
        }
        doc.put("preferredUsername", actor.name()).put("name", "Peer " + actor.name());
        doc.getJsonObject("publicKey").put("publicKeyPem", publicKeyPem);
        return doc;
    }

    @Override
    public Optional<JsonObject> keyDocument(PeerActor actor, String publicKeyPem) {
        return Optional.of(new JsonObject()
                .put("@context", new JsonArray().add("https://w3id.org/security/v1").add(AS))
                .put("id", actor.id())
                .put("preferredUsername", actor.name())
                .put("publicKey", new JsonObject().put("id", actor.keyId()).put("owner", actor.id())
                        .put("publicKeyPem", publicKeyPem))
                .put("type", "Person"));
    }

    @Override
    public JsonObject follow(PeerActor actor, String object) {
        return new JsonObject().put("@context", AS)
                .put("actor", actor.id())
                .put("id", actor.id() + "/follow/" + ulid())
                .put("object", object)
                .put("to", object)
                .put("type", "Follow");
    }

    @Override
    public JsonObject accept(PeerActor actor, JsonObject follow) {
        String follower = follow.getString("actor");
        return new JsonObject().put("@context", AS)
                .put("actor", actor.id())
                .put("id", actor.id() + "/accepts/" + ulid())
                .put("object", new JsonObject().put("actor", follower).put("id", follow.getString("id"))
                        .put("object", actor.id()).put("to", actor.id()).put("type", "Follow"))
                .put("to", follower)
                .put("type", "Accept");
    }

    @Override
    public JsonObject undo(PeerActor actor, JsonObject follow) {
        JsonObject embedded = follow.copy();
        embedded.remove("@context");
        return new JsonObject().put("@context", AS)
                .put("actor", actor.id())
                .put("id", follow.getString("id") + "/undo")
                .put("object", embedded)
                .put("to", follow.getString("object"))
                .put("type", "Undo");
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
        return "application/jrd+json";
    }

    @Override
    public String activityContentType() {
        return "application/activity+json";
    }

    @Override
    public String userAgent(String origin) {
        return "gotosocial (+" + origin + ") gotosocial/0.17.3";
    }
}
