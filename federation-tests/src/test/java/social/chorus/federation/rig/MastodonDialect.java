package social.chorus.federation.rig;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mastodon (4.x). Actor document: {@code mastodon/objects/person.json}; Follow and Undo:
 * {@code mastodon/activities/follow.json} and {@code undo_follow.json} (ids {@code https://HOST/UUID}
 * and {@code ACTOR#follows/N/undo}). From Mastodon's serializers, no fixture: the JRD, and the
 * Accept ({@code ACTOR#accepts/follows/N}, embedding the Follow with its id). Delivers to the
 * shared inbox when the recipient has one; inboxes answer 202, and 401 to an RFC 9421-only signature.
 */
final class MastodonDialect implements PeerDialect {
    private static final String FIXTURE_ORIGIN = "https://masto.qa.urbanwildlife.biz";

    @Override
    public String actorPath(String name, boolean group) {
        return "/users/" + name;
    }

    @Override
    public JsonObject webFinger(PeerActor actor) {
        String profile = actor.origin() + "/@" + actor.name();
        return new JsonObject()
                .put("subject", "acct:" + actor.acct())
                .put("aliases", new JsonArray().add(profile).add(actor.id()))
                .put("links", new JsonArray()
                        .add(new JsonObject().put("rel", "http://webfinger.net/rel/profile-page")
                                .put("type", "text/html").put("href", profile))
                        .add(new JsonObject().put("rel", "self").put("type", "application/activity+json")
                                .put("href", actor.id()))
                        .add(new JsonObject().put("rel", "http://ostatus.org/schema/1.0/subscribe")
                                .put("template", actor.origin() + "/authorize_interaction?uri={uri}")));
    }

    @Override
    public JsonObject actorDocument(PeerActor actor, String publicKeyPem) {
        JsonObject doc = FediverseFixtures.rewritten("mastodon/objects/person.json",
                FIXTURE_ORIGIN + "/users/mastodon", actor.id(),
                FIXTURE_ORIGIN + "/@mastodon", actor.origin() + "/@" + actor.name(),
                FIXTURE_ORIGIN, actor.origin());
        doc.put("preferredUsername", actor.name()).put("name", "Peer " + actor.name());
        doc.getJsonObject("publicKey").put("publicKeyPem", publicKeyPem);
        return doc;
    }

    @Override
    public JsonObject follow(PeerActor actor, String object) {
        return new JsonObject(FediverseFixtures.text("mastodon/activities/follow.json"))
                .put("id", actor.origin() + "/" + UUID.randomUUID())
                .put("actor", actor.id())
                .put("object", object);
    }

    @Override
    public JsonObject accept(PeerActor actor, JsonObject follow) {
        return new JsonObject()
                .put("@context", "https://www.w3.org/ns/activitystreams")
                .put("id", actor.id() + "#accepts/follows/" + serial())
                .put("type", "Accept")
                .put("actor", actor.id())
                .put("object", new JsonObject().put("id", follow.getString("id")).put("type", "Follow")
                        .put("actor", follow.getString("actor")).put("object", actor.id()));
    }

    @Override
    public JsonObject undo(PeerActor actor, JsonObject follow) {
        JsonObject undo = new JsonObject(FediverseFixtures.text("mastodon/activities/undo_follow.json"));
        undo.put("id", actor.id() + "#follows/" + serial() + "/undo").put("actor", actor.id());
        undo.getJsonObject("object").put("id", follow.getString("id")).put("actor", follow.getString("actor"))
                .put("object", follow.getString("object"));
        return undo;
    }

    @Override
    public String deliveryInbox(JsonObject localActor) {
        return PeerDialect.sharedOrPersonal(localActor);
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
        return "http.rb/5.2.0 (Mastodon/4.3.2; +" + origin + "/)";
    }

    /** Mastodon's database ids: large positive numbers. */
    private static long serial() {
        return ThreadLocalRandom.current().nextLong(100_000, 1_000_000_000L);
    }
}
