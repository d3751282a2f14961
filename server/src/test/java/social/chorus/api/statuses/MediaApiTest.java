package social.chorus.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.RemoteActors;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * Media of remote posts in the client API, on both databases: a post delivered to a live
 * instance's inbox shows Mastodon's MediaAttachment entities (remote URLs, alt text, blurhash,
 * size, focal point), in statuses, account lists, boosts, history and notifications, and
 * {@code only_media} lists exactly the posts that have media.
 */
@Timeout(120)
class MediaApiTest {
    /** Files live on a media host of the sender's (a public name: readers' apps load them). */
    private static final String MEDIA = "https://media.peer.example/media/";

    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final String PUBLIC = AS + "#Public";
    private static final String BLURHASH = "LEHV6nWB2yk8pyo0adR*.7kCMdnj";

    private static JsonObject note(String actor, String id, String text, String mentioned, JsonArray attachments) {
        JsonObject terms = new JsonObject().put("toot", "http://joinmastodon.org/ns#").put("blurhash", "toot:blurhash")
                .put("focalPoint", new JsonObject().put("@container", "@list").put("@id", "toot:focalPoint"))
                .put("sensitive", "as:sensitive");
        JsonObject note = new JsonObject().put("id", id).put("type", "Note").put("attributedTo", actor)
                .put("content", "<p>" + text + "</p>").put("to", new JsonArray().add(PUBLIC))
                .put("cc", new JsonArray().add(mentioned)).put("published", "2026-11-29T11:00:00Z")
                .put("sensitive", !attachments.isEmpty())
                .put("tag", new JsonArray().add(new JsonObject().put("type", "Mention").put("href", mentioned)))
                .put("attachment", attachments);
        return new JsonObject().put("@context", new JsonArray().add(AS).add(terms)).put("id", id + "/activity")
                .put("type", "Create").put("actor", actor).put("to", new JsonArray().add(PUBLIC))
                .put("cc", new JsonArray().add(mentioned)).put("object", note);
    }

    private static JsonArray array(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body());
    }

    private static List<String> ids(JsonArray statuses) {
        List<String> out = new ArrayList<>();
        statuses.forEach(o -> out.add(((JsonObject) o).getString("id")));
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void remoteMediaAreShownByTheirRemoteUrls(TestDatabase.Kind kind) {
        try (TestDatabase db = TestDatabase.create(kind); RemoteActors peer = new RemoteActors()) {
            Chorus chorus = Chorus.start(TestConfig.of(db, Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true",
                    "CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String app = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow"),
                        "read write follow");
                String alice = api.registerAccount(app, "alice", "correct horse battery").json()
                        .getString("access_token");
                String aliceUri = chorus.config().baseUrl() + "/users/alice";
                String bob = peer.actor("bob");

                JsonArray files = new JsonArray()
                        .add(new JsonObject().put("type", "Document").put("mediaType", "image/jpeg")
                                .put("url", MEDIA + "cat.jpg").put("name", "A cat on a mat")
                                .put("blurhash", BLURHASH).put("width", 1200).put("height", 800)
                                .put("focalPoint", new JsonArray().add(-0.5).add(0.25)))
                        .add(new JsonObject().put("type", "Document").put("mediaType", "video/mp4")
                                .put("url", MEDIA + "clip.mp4")
                                .put("icon", new JsonObject().put("type", "Image").put("url", MEDIA + "clip.jpg")))
                        .add(new JsonObject().put("type", "Document").put("mediaType", "audio/mpeg")
                                .put("url", "javascript:alert(1)"));
                String withMedia = bob + "/statuses/1";
                String textOnly = bob + "/statuses/2";
                for (JsonObject create : List.of(note(bob, withMedia, "pictures", aliceUri, files),
                        note(bob, textOnly, "just words", aliceUri, new JsonArray()))) {
                    Response r = api.send(RemoteActors.signedPost(api.uri("/inbox"), create.encode(),
                            RemoteActors.key(bob), Clock.systemUTC()));
                    assertThat(r.status()).as(r.body()).isEqualTo(202);
                }
                String bobId = api.get("/api/v1/accounts/lookup?acct=bob@127.0.0.1:" + peer.wm.port(), alice).json()
                        .getString("id");

                JsonArray all = array(api.get("/api/v1/accounts/" + bobId + "/statuses", alice));
                assertThat(all).hasSize(2);
                JsonObject post = all.getJsonObject(1);
                assertThat(post.getString("uri")).isEqualTo(withMedia);
                assertThat(post.getBoolean("sensitive")).isTrue();
                assertThat(all.getJsonObject(0).getJsonArray("media_attachments")).isEmpty();

                JsonArray media = post.getJsonArray("media_attachments");
                assertThat(media).hasSize(2); // the javascript: one is not a file
                JsonObject cat = media.getJsonObject(0);
                assertThat(cat.getString("id")).matches("[0-9]+");
                assertThat(cat.getString("type")).isEqualTo("image");
                assertThat(cat.getString("url")).isEqualTo(MEDIA + "cat.jpg");
                assertThat(cat.getString("remote_url")).isEqualTo(MEDIA + "cat.jpg");
                assertThat(cat.getString("preview_url")).isEqualTo(MEDIA + "cat.jpg");
                assertThat(cat.getValue("preview_remote_url")).isNull();
                assertThat(cat.containsKey("text_url")).isTrue();
                assertThat(cat.getValue("text_url")).isNull();
                assertThat(cat.getString("description")).isEqualTo("A cat on a mat");
                assertThat(cat.getString("blurhash")).isEqualTo(BLURHASH);
                JsonObject original = cat.getJsonObject("meta").getJsonObject("original");
                assertThat(original.getInteger("width")).isEqualTo(1200);
                assertThat(original.getInteger("height")).isEqualTo(800);
                assertThat(original.getString("size")).isEqualTo("1200x800");
                assertThat(original.getDouble("aspect")).isEqualTo(1.5);
                assertThat(cat.getJsonObject("meta").getJsonObject("focus"))
                        .isEqualTo(new JsonObject().put("x", -0.5).put("y", 0.25));

                JsonObject clip = media.getJsonObject(1);
                assertThat(clip.getString("type")).isEqualTo("video");
                assertThat(clip.getString("url")).isEqualTo(MEDIA + "clip.mp4");
                assertThat(clip.getString("preview_url")).isEqualTo(MEDIA + "clip.jpg");
                assertThat(clip.getString("preview_remote_url")).isEqualTo(MEDIA + "clip.jpg");
                assertThat(clip.getValue("description")).isNull();
                assertThat(clip.getValue("blurhash")).isNull();
                assertThat(clip.getJsonObject("meta")).isEqualTo(new JsonObject());

                // The same entity wherever the post is shown.
                String postId = post.getString("id");
                assertThat(api.get("/api/v1/statuses/" + postId, null).json().getJsonArray("media_attachments"))
                        .isEqualTo(media);
                JsonArray history = array(api.get("/api/v1/statuses/" + postId + "/history", alice));
                assertThat(history.getJsonObject(0).getJsonArray("media_attachments")).isEqualTo(media);
                JsonArray notifications = array(api.get("/api/v1/notifications?types[]=mention", alice));
                assertThat(notifications).extracting(n -> ((JsonObject) n).getJsonObject("status").getString("id"))
                        .contains(postId);
                for (Object n : notifications) {
                    JsonObject status = ((JsonObject) n).getJsonObject("status");
                    assertThat(status.getJsonArray("media_attachments"))
                            .isEqualTo(status.getString("id").equals(postId) ? media : new JsonArray());
                }

                // only_media: the post with media, not the one without; paged with the filter kept.
                Response onlyMedia = api.get("/api/v1/accounts/" + bobId + "/statuses?only_media=true", alice);
                assertThat(ids(array(onlyMedia))).containsExactly(postId);
                assertThat(onlyMedia.header("Link").orElseThrow()).contains("only_media=true");
                assertThat(array(api.get("/api/v1/accounts/" + bobId + "/statuses?only_media=true&max_id=" + postId,
                        alice))).isEmpty();

                // A boost shows the media on the boosted status, none on itself; it is no media post of the booster.
                Response boost = api.postForm("/api/v1/statuses/" + postId + "/reblog", Map.of(), alice);
                assertThat(boost.status()).as(boost.body()).isEqualTo(200);
                assertThat(boost.json().getJsonArray("media_attachments")).isEmpty();
                assertThat(boost.json().getJsonObject("reblog").getJsonArray("media_attachments")).isEqualTo(media);
                String aliceId = api.get("/api/v1/accounts/verify_credentials", alice).json().getString("id");
                JsonArray home = array(api.get("/api/v1/timelines/home", alice));
                assertThat(home.getJsonObject(0).getJsonObject("reblog").getJsonArray("media_attachments"))
                        .isEqualTo(media);
                assertThat(array(api.get("/api/v1/accounts/" + aliceId + "/statuses?only_media=true", alice)))
                        .isEmpty();
            } finally {
                chorus.stop();
            }
        }
    }
}
