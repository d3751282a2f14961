package social.chorus.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/** The statuses part of the client API over HTTP, on each database. */
class StatusApiTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void postShowThreadEditDeleteAndPage(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open",
                    "CHORUS_MAX_STATUS_CHARS", "100")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String base = chorus.config().baseUrl();
                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write"),
                        "read write");
                String alice = api.registerAccount(appToken, "alice", "correct horse battery").json()
                        .getString("access_token");
                String bob = api.registerAccount(appToken, "bob", "correct horse battery").json()
                        .getString("access_token");

                Response posted = api.send(HttpRequest.newBuilder(api.uri("/api/v1/statuses"))
                        .header("Authorization", "Bearer " + alice).header("Idempotency-Key", "k1")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"status\":\"Hello @bob #Chorus <script>x</script>\",\"spoiler_text\":\"cw\","
                                        + "\"language\":\"en\",\"visibility\":\"unlisted\"}")));
                assertThat(posted.status()).as(posted.body()).isEqualTo(200);
                JsonObject s = posted.json();
                String id = s.getString("id");
                assertThat(s.getString("uri")).isEqualTo(base + "/users/alice/statuses/" + id);
                assertThat(s.getString("url")).isEqualTo(base + "/@alice/" + id);
                assertThat(s.getString("visibility")).isEqualTo("unlisted");
                assertThat(s.getBoolean("sensitive")).isTrue();
                assertThat(s.getString("spoiler_text")).isEqualTo("cw");
                assertThat(s.getString("language")).isEqualTo("en");
                assertThat(s.getString("content")).contains("&lt;script&gt;").doesNotContain("<script>");
                assertThat(s.getJsonArray("mentions").getJsonObject(0).getString("acct")).isEqualTo("bob");
                assertThat(s.getJsonArray("tags").getJsonObject(0).getString("url")).isEqualTo(base + "/tags/chorus");
                assertThat(s.getJsonObject("account").getString("username")).isEqualTo("alice");
                assertThat(s.getJsonArray("media_attachments")).isEmpty();
                assertThat(s.containsKey("reblog") && s.getValue("reblog") == null).isTrue();
                assertThat(s.getValue("edited_at")).isNull();
                assertThat(s.getInteger("replies_count")).isZero();

                // The same key again: the same status.
                Response again = api.send(HttpRequest.newBuilder(api.uri("/api/v1/statuses"))
                        .header("Authorization", "Bearer " + alice).header("Idempotency-Key", "k1")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("status=other")));
                assertThat(again.json().getString("id")).isEqualTo(id);

                Response tooLong = api.postForm("/api/v1/statuses", Map.of("status", "x".repeat(101)), alice);
                assertThat(tooLong.status()).isEqualTo(422);
                Response linkOk = api.postForm("/api/v1/statuses",
                        Map.of("status", "x".repeat(77) + "https://example.org/" + "y".repeat(100)), alice);
                assertThat(linkOk.status()).as(linkOk.body()).isEqualTo(200);
                assertThat(api.postForm("/api/v1/statuses", Map.of("status", "hi"), null).status()).isEqualTo(401);
                String readOnly = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read"), "read");
                assertThat(api.postForm("/api/v1/statuses", Map.of("status", "hi"), readOnly).status())
                        .isEqualTo(403);

                Response reply = api.postForm("/api/v1/statuses", Map.of("status", "@alice yes",
                        "in_reply_to_id", id), bob);
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                String replyId = reply.json().getString("id");
                assertThat(reply.json().getString("in_reply_to_id")).isEqualTo(id);
                assertThat(reply.json().getString("in_reply_to_account_id"))
                        .isEqualTo(s.getJsonObject("account").getString("id"));

                JsonObject ctx = api.get("/api/v1/statuses/" + replyId + "/context", null).json();
                assertThat(ctx.getJsonArray("ancestors").getJsonObject(0).getString("id")).isEqualTo(id);
                assertThat(ctx.getJsonArray("descendants")).isEmpty();
                assertThat(api.get("/api/v1/statuses/" + id, null).json().getInteger("replies_count")).isEqualTo(1);

                // Followers-only: not for a stranger; direct: only for the mentioned.
                String priv = api.postForm("/api/v1/statuses", Map.of("status", "mine", "visibility", "private"),
                        alice).json().getString("id");
                assertThat(api.get("/api/v1/statuses/" + priv, bob).status()).isEqualTo(404);
                assertThat(api.get("/api/v1/statuses/" + priv, alice).status()).isEqualTo(200);
                String dm = api.postForm("/api/v1/statuses", Map.of("status", "@bob psst", "visibility", "direct"),
                        alice).json().getString("id");
                assertThat(api.get("/api/v1/statuses/" + dm, bob).status()).isEqualTo(200);
                assertThat(api.get("/api/v1/statuses/" + dm, null).status()).isEqualTo(404);

                Response edited = api.send(HttpRequest.newBuilder(api.uri("/api/v1/statuses/" + id))
                        .header("Authorization", "Bearer " + alice).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"Edited\",\"spoiler_text\":\"\"}")));
                assertThat(edited.status()).as(edited.body()).isEqualTo(200);
                assertThat(edited.json().getString("edited_at")).isNotNull();
                assertThat(edited.json().getString("content")).isEqualTo("<p>Edited</p>");
                JsonArray history = new JsonArray(api.get("/api/v1/statuses/" + id + "/history", null).body());
                assertThat(history).hasSize(2);
                assertThat(history.getJsonObject(0).getString("spoiler_text")).isEqualTo("cw");
                assertThat(history.getJsonObject(1).getString("content")).isEqualTo("<p>Edited</p>");

                Response notMine = api.send(HttpRequest.newBuilder(api.uri("/api/v1/statuses/" + id))
                        .header("Authorization", "Bearer " + bob).DELETE());
                assertThat(notMine.status()).isEqualTo(404);
                Response deleted = api.send(HttpRequest.newBuilder(api.uri("/api/v1/statuses/" + id))
                        .header("Authorization", "Bearer " + alice).DELETE());
                assertThat(deleted.status()).isEqualTo(200);
                assertThat(deleted.json().getString("text")).isEqualTo("Edited");
                assertThat(api.get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
                assertThat(api.get("/api/v1/statuses/" + replyId, null).status()).isEqualTo(200);

                String aliceId = s.getJsonObject("account").getString("id");
                JsonObject me = api.get("/api/v1/accounts/verify_credentials", alice).json();
                assertThat(me.getInteger("statuses_count")).isEqualTo(3); // link post, private, direct
                Response page = api.get("/api/v1/accounts/" + aliceId + "/statuses?limit=1", alice);
                assertThat(page.status()).isEqualTo(200);
                assertThat(new JsonArray(page.body()).getJsonObject(0).getString("id")).isEqualTo(dm);
                String link = page.header("Link").orElseThrow();
                assertThat(link).contains("max_id=" + dm + ">; rel=\"next\"").contains("min_id=" + dm);
                Response page2 = api.get("/api/v1/accounts/" + aliceId + "/statuses?limit=1&max_id=" + dm, alice);
                assertThat(new JsonArray(page2.body()).getJsonObject(0).getString("id")).isEqualTo(priv);
                assertThat(new JsonArray(api.get("/api/v1/accounts/" + aliceId + "/statuses", null).body()))
                        .hasSize(1);
                assertThat(api.get("/api/v1/statuses/abc", null).status()).isEqualTo(404);
            } finally {
                chorus.stop();
            }
        }
    }
}
