package social.chorus.federation.rig;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * How one platform looks on the wire: its paths, its WebFinger and actor documents, the shape and
 * ids of the Follow, Accept and Undo it sends, where it delivers and what its inbox answers.
 * Implementations hold no state; everything a document needs comes in as arguments.
 */
public interface PeerDialect {

    /** The actor path for a new account, e.g. {@code /users/NAME}; Misskey makes an opaque id here. */
    String actorPath(String name, boolean group);

    /** The key id for an actor id: {@code ID#main-key} unless the platform uses a separate URL. */
    default String keyId(String actorId) {
        return actorId + "#main-key";
    }

    /** The personal inbox of an actor. */
    default String inbox(String actorId) {
        return actorId + "/inbox";
    }

    /** The JRD answering {@code acct:NAME@HOST}. */
    JsonObject webFinger(PeerActor actor);

    /** The actor document, with {@code publicKeyPem} the actor's own key. */
    JsonObject actorDocument(PeerActor actor, String publicKeyPem);

    /** What the key URL serves when it is not the actor document itself (GoToSocial's stub). */
    default Optional<JsonObject> keyDocument(PeerActor actor, String publicKeyPem) {
        return Optional.empty();
    }

    /** A Follow from {@code actor} of {@code object} (an actor URL on Chorus), with a fresh id. */
    JsonObject follow(PeerActor actor, String object);

    /** The Accept {@code actor} sends for {@code follow}, the Follow Chorus delivered to it. */
    JsonObject accept(PeerActor actor, JsonObject follow);

    /** The Undo of {@code follow}, which {@code actor} sent earlier. */
    JsonObject undo(PeerActor actor, JsonObject follow);

    /**
     * The inbox of {@code localActor} (Chorus's actor document) this platform delivers a
     * follow-related activity to: the shared inbox or the personal one.
     */
    String deliveryInbox(JsonObject localActor);

    /** The status an inbox answers to a delivery it takes. */
    int inboxStatus();

    /** The status an inbox answers to a request signed only with RFC 9421 (none of the four verifies it by default). */
    int rfc9421Refusal();

    String jrdContentType();

    String activityContentType();

    String userAgent(String origin);

    /** Shared-inbox delivery, when the local actor publishes one; else its own inbox. */
    static String sharedOrPersonal(JsonObject localActor) {
        JsonObject endpoints = localActor.getJsonObject("endpoints");
        String shared = endpoints == null ? null : endpoints.getString("sharedInbox");
        return shared != null ? shared : localActor.getString("inbox");
    }
}
