package social.chorus.federation.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import social.chorus.model.Account;

/**
 * The {@code Create(Note)} the inbox benchmark posts: a public post as Mastodon 4 delivers it to a
 * shared inbox (its context with the inline extension terms, to Public and cc the followers, a
 * hashtag, contentMap, the replies collection), about 2 KB like a typical toot.
 */
final class BenchNotes {
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private BenchNotes() {
    }

    static JsonObject create(Account author, String serial, Instant published) {
        String base = author.uri();
        String noteId = base + "/statuses/" + serial;
        String at = published.truncatedTo(ChronoUnit.SECONDS).toString();
        String html = "<p>Benchmark post " + serial + " from " + author.username()
                + ", with a <a href=\"https://" + author.domain() + "/tags/chorus\" class=\"mention hashtag\""
                + " rel=\"tag\">#<span>chorus</span></a> tag and enough text to look like a real post: the"
                + " quick brown fox jumps over the lazy dog.</p>";
        JsonArray to = new JsonArray().add(PUBLIC);
        JsonArray cc = new JsonArray().add(author.endpoints().followers());
        JsonObject note = new JsonObject()
                .put("id", noteId)
                .put("type", "Note")
                .putNull("summary")
                .putNull("inReplyTo")
                .put("published", at)
                .put("url", author.url() + "/" + serial)
                .put("attributedTo", base)
                .put("to", to.copy())
                .put("cc", cc.copy())
                .put("sensitive", false)
                .put("atomUri", noteId)
                .putNull("inReplyToAtomUri")
                .put("conversation", "tag:" + author.domain() + "," + at.substring(0, 10) + ":objectId=" + serial
                        + ":objectType=Conversation")
                .put("content", html)
                .put("contentMap", new JsonObject().put("en", html))
                .put("attachment", new JsonArray())
                .put("tag", new JsonArray().add(new JsonObject().put("type", "Hashtag")
                        .put("href", "https://" + author.domain() + "/tags/chorus").put("name", "#chorus")))
                .put("replies", new JsonObject().put("id", noteId + "/replies").put("type", "Collection")
                        .put("first", new JsonObject().put("type", "CollectionPage")
                                .put("next", noteId + "/replies?only_other_accounts=true&page=true")
                                .put("partOf", noteId + "/replies").put("items", new JsonArray())));
        return new JsonObject()
                .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams")
                        .add(new JsonObject()
                                .put("ostatus", "http://ostatus.org#")
                                .put("atomUri", "ostatus:atomUri")
                                .put("inReplyToAtomUri", "ostatus:inReplyToAtomUri")
                                .put("conversation", "ostatus:conversation")
                                .put("sensitive", "as:sensitive")
                                .put("toot", "http://joinmastodon.org/ns#")
                                .put("votersCount", "toot:votersCount")
                                .put("Hashtag", "as:Hashtag")))
                .put("id", noteId + "/activity")
                .put("type", "Create")
                .put("actor", base)
                .put("published", at)
                .put("to", to)
                .put("cc", cc)
                .put("object", note);
    }
}
