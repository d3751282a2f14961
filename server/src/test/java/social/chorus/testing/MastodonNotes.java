package social.chorus.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Notes shaped as Mastodon serves them at their ids: the real {@code mastodon/objects/note_1.json}
 * fixture (context, atomUri, conversation, contentMap, replies collection) with its ids, author,
 * parent, audience and text replaced.
 */
public final class MastodonNotes {
    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    public static final String CONTENT_TYPE = "application/activity+json; charset=utf-8";

    /** Who may read a note, as Mastodon addresses it. */
    public enum Audience {
        PUBLIC, UNLISTED, FOLLOWERS
    }

    private MastodonNotes() {
    }

    /** The fixture folder beside the repository (set by surefire as {@code chorus.repoRoot}). */
    public static Path fixtures() {
        String root = System.getProperty("chorus.repoRoot", ".");
        return Path.of(root).resolve("../shared/fixtures/fediverse").normalize();
    }

    /**
     * @param actorId the author, {@code BASE/users/NAME}
     * @param number the status number in {@code BASE/users/NAME/statuses/NUMBER}
     * @param inReplyTo the parent's id, or null
     */
    public static JsonObject note(String actorId, long number, String inReplyTo, Audience audience, String text) {
        JsonObject n;
        try {
            n = new JsonObject(Files.readString(fixtures().resolve("mastodon/objects/note_1.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = actorId + "/statuses/" + number;
        String profile = actorId.replace("/users/", "/@");
        String followers = actorId + "/followers";
        String html = "<p>" + text + "</p>";
        n.put("id", id).put("url", profile + "/" + number).put("attributedTo", actorId).put("atomUri", id)
                .put("inReplyTo", inReplyTo).put("inReplyToAtomUri", inReplyTo)
                .put("content", html).put("contentMap", new JsonObject().put("en", html))
                .put("tag", new JsonArray());
        switch (audience) {
            case PUBLIC:
                n.put("to", new JsonArray().add(PUBLIC)).put("cc", new JsonArray().add(followers));
                break;
            case UNLISTED:
                n.put("to", new JsonArray().add(followers)).put("cc", new JsonArray().add(PUBLIC));
                break;
            default:
                n.put("to", new JsonArray().add(followers)).put("cc", new JsonArray());
        }
        JsonObject replies = n.getJsonObject("replies");
        replies.put("id", id + "/replies");
        replies.getJsonObject("first").put("partOf", id + "/replies").put("next", id + "/replies?page=true");
        return n;
    }

    /** What Mastodon serves (with 410) at the id of a deleted post. */
    public static JsonObject tombstone(String id) {
        return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("id", id)
                .put("type", "Tombstone").put("formerType", "Note").put("deleted", "2026-01-01T00:00:00Z");
    }
}
