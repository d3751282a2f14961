package social.chorus.federation.convert;

import io.vertx.core.json.JsonObject;
import social.chorus.model.OutgoingActivity;

/**
 * Outgoing activities as ActivityStreams JSON, shaped as Mastodon sends them: Accept, Reject and
 * Undo embed the object they refer to, because receivers often match on the embedded actor and
 * object rather than dereferencing the id.
 */
public final class OutgoingToAs {
    static final String AS_CONTEXT = "https://www.w3.org/ns/activitystreams";

    public JsonObject toJson(OutgoingActivity activity) {
        // Java 17 has no pattern switch; the interface is sealed, so this chain is complete.
        if (activity instanceof OutgoingActivity.FollowRequest f) {
            return activity("Follow", f.id(), f.actor().uri()).put("object", f.recipient().uri());
        }
        if (activity instanceof OutgoingActivity.AnswerFollow a) {
            return activity(a.accepted() ? "Accept" : "Reject", a.id(), a.actor().uri())
                    .put("object", embedded("Follow", a.followId(), a.recipient().uri(), a.actor().uri()));
        }
        if (activity instanceof OutgoingActivity.UndoFollow u) {
            return activity("Undo", u.id(), u.actor().uri())
                    .put("object", embedded("Follow", u.followId(), u.actor().uri(), u.recipient().uri()));
        }
        if (activity instanceof OutgoingActivity.BlockActor b) {
            return activity("Block", b.id(), b.actor().uri()).put("object", b.recipient().uri());
        }
        if (activity instanceof OutgoingActivity.Like l) {
            return activity("Like", l.id(), l.actor().uri()).put("object", l.objectUri());
        }
        if (activity instanceof OutgoingActivity.UndoLike u) {
            return activity("Undo", u.id(), u.actor().uri())
                    .put("object", embedded("Like", u.likeId(), u.actor().uri(), u.objectUri()));
        }
        OutgoingActivity.UndoBlock u = (OutgoingActivity.UndoBlock) activity;
        return activity("Undo", u.id(), u.actor().uri())
                .put("object", embedded("Block", u.blockId(), u.actor().uri(), u.recipient().uri()));
    }

    /** The inbox an activity goes to: the recipient's own, or its server's shared one if it has no other. */
    public String inboxOf(OutgoingActivity activity) {
        var endpoints = activity.recipient().endpoints();
        return endpoints.inbox() != null ? endpoints.inbox() : endpoints.sharedInbox();
    }

    private static JsonObject activity(String type, String id, String actor) {
        return new JsonObject().put("@context", AS_CONTEXT).put("id", id).put("type", type).put("actor", actor);
    }

    private static JsonObject embedded(String type, String id, String actor, String object) {
        return new JsonObject().put("id", id).put("type", type).put("actor", actor).put("object", object);
    }
}
