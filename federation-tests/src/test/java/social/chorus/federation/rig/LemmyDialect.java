package social.chorus.federation.rig;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Lemmy (0.19). Actors: {@code lemmy/objects/person.json} (users at {@code /u/NAME}) and
 * {@code lemmy/objects/group.json} (communities at {@code /c/NAME}); activities:
 * {@code lemmy/activities/following/follow.json}, {@code accept.json}, {@code undo_follow.json}
 * (ids {@code /activities/<kind>/UUID}, a {@code to} array, the Follow embedded whole).
 *
 * <p>The fixtures come from Lemmy's test assets, which leave out {@code @context}; on the wire
 * Lemmy wraps every document in {@code ["https://join-lemmy.org/context.json",
 * "https://www.w3.org/ns/activitystreams"]} (knowledge), a context URL Chorus does not bundle and
 * must skip. Also from knowledge: the JRD (with {@code "template": null} members and the actor
 * type as a property), delivery to the shared inbox, inboxes answering 200, and 400 to a request
 * without a draft-cavage signature.
 *
 * <p>Lemmy's people follow communities, not people: the Follow a Lemmy user sends to a Chorus
 * account is Lemmy's wire shape in a flow Lemmy does not run today.
 */
final class LemmyDialect implements PeerDialect {
    private static final String FIXTURE_ORIGIN = "https://enterprise.lemmy.ml";

    static JsonArray context() {
        return new JsonArray().add("https://join-lemmy.org/context.json").add("https://www.w3.org/ns/activitystreams");
    }

    @Override
    public String actorPath(String name, boolean group) {
        return (group ? "/c/" : "/u/") + name;
    }

    @Override
    public JsonObject webFinger(PeerActor actor) {
        return new JsonObject()
                .put("subject", "acct:" + actor.acct())
                .put("links", new JsonArray()
                        .add(new JsonObject().put("rel", "http://webfinger.net/rel/profile-page")
                                .put("type", "text/html").put("href", actor.id()).putNull("template"))
                        .add(new JsonObject().put("rel", "self").put("type", "application/activity+json")
                                .put("href", actor.id()).putNull("template")
                                .put("properties", new JsonObject().put("https://www.w3.org/ns/activitystreams#type",
                                        actor.group() ? "Group" : "Person")))
                        .add(new JsonObject().put("rel", "http://ostatus.org/schema/1.0/subscribe").putNull("type")
                                .putNull("href")
                                .put("template", actor.origin() + "/activitypub/externalInteraction?uri={uri}")));
    }

    @Override
    public JsonObject actorDocument(PeerActor actor, String publicKeyPem) {
        JsonObject doc = actor.group()
                ? FediverseFixtures.rewritten("lemmy/objects/group.json",
                        FIXTURE_ORIGIN + "/c/tenforward", actor.id(), FIXTURE_ORIGIN, actor.origin())
                : FediverseFixtures.rewritten("lemmy/objects/person.json",
                        FIXTURE_ORIGIN + "/u/picard", actor.id(), FIXTURE_ORIGIN, actor.origin());
        doc.put("preferredUsername", actor.name()).put("name", "Peer " + actor.name());
        doc.getJsonObject("publicKey").put("publicKeyPem", publicKeyPem);
        return withContext(doc);
    }

    @Override
    public JsonObject follow(PeerActor actor, String object) {
        JsonObject follow = fixture("follow.json")
                .put("id", actor.origin() + "/activities/follow/" + UUID.randomUUID())
                .put("actor", actor.id())
                .put("to", new JsonArray().add(object))
                .put("object", object);
        return withContext(follow);
    }

    @Override
    public JsonObject accept(PeerActor actor, JsonObject follow) {
        JsonObject accept = fixture("accept.json");
        JsonObject embedded = accept.getJsonObject("object")
                .put("actor", follow.getString("actor"))
                .put("to", new JsonArray().add(actor.id()))
                .put("object", actor.id())
                .put("id", follow.getString("id"));
        accept.put("actor", actor.id())
                .put("to", new JsonArray().add(follow.getString("actor")))
                .put("object", embedded)
                .put("id", actor.origin() + "/activities/accept/" + UUID.randomUUID());
        return withContext(accept);
    }

    @Override
    public JsonObject undo(PeerActor actor, JsonObject follow) {
        JsonObject undo = fixture("undo_follow.json");
        JsonObject embedded = follow.copy();
        embedded.remove("@context");
        undo.put("actor", actor.id())
                .put("to", new JsonArray().add(follow.getString("object")))
                .put("object", embedded)
                .put("id", actor.origin() + "/activities/undo/" + UUID.randomUUID());
        return withContext(undo);
    }

    @Override
    public String deliveryInbox(JsonObject localActor) {
        return PeerDialect.sharedOrPersonal(localActor);
    }

    @Override
    public int inboxStatus() {
        return 200;
    }

    @Override
    public int rfc9421Refusal() {
        return 400;
    }

    @Override
    public String jrdContentType() {
        return "application/json";
    }

    @Override
    public String activityContentType() {
        return "application/activity+json";
    }

    @Override
    public String userAgent(String origin) {
        return "Lemmy/0.19.5; +" + origin;
    }

    private static JsonObject fixture(String name) {
        return new JsonObject(FediverseFixtures.text("lemmy/activities/following/" + name));
    }

    /** {@code @context} first, as Lemmy's serializer writes it. */
    private static JsonObject withContext(JsonObject body) {
        JsonObject out = new JsonObject().put("@context", context());
        body.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
