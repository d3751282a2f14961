package social.chorus.api.follows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import social.chorus.model.Relationship;

/** Mastodon's Relationship entity. Features Chorus does not have yet (mutes, notes, endorsements) read false. */
final class RelationshipJson {
    private RelationshipJson() {
    }

    static JsonObject of(Relationship r) {
        return new JsonObject()
                .put("id", String.valueOf(r.targetAccountId()))
                .put("following", r.following())
                .put("showing_reblogs", r.following())
                .put("notifying", false)
                .put("languages", (Object) null)
                .put("followed_by", r.followedBy())
                .put("blocking", r.blocking())
                .put("blocked_by", r.blockedBy())
                .put("muting", false)
                .put("muting_notifications", false)
                .put("requested", r.requested())
                .put("requested_by", r.requestedBy())
                .put("domain_blocking", false)
                .put("endorsed", false)
                .put("note", "");
    }

    static JsonArray of(java.util.List<Relationship> list) {
        JsonArray out = new JsonArray();
        list.forEach(r -> out.add(of(r)));
        return out;
    }
}
