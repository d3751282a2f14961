package social.chorus.api.timelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/** GET /api/v1/timelines/home|public|tag/:hashtag over HTTP, on each database. */
class TimelineApiTest {
    private static final Pattern LINK = Pattern.compile("<([^>]+)>; rel=\"(next|prev)\"");

    private static List<String> ids(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        new JsonArray(r.body()).forEach(o -> out.add(((io.vertx.core.json.JsonObject) o).getString("id")));
        return out;
    }

    /** The path and query of the Link header's {@code rel} target (the URL is the instance's base URL). */
    private static String link(Response r, String rel) {
        Matcher m = LINK.matcher(r.header("Link").orElseThrow());
        while (m.find()) {
            if (m.group(2).equals(rel)) {
                URI u = URI.create(m.group(1));
                return u.getRawPath() + "?" + u.getRawQuery();
            }
        }
        throw new AssertionError("no " + rel + " link in " + r.header("Link"));
    }

    private static String post(ApiTestClient api, String token, String text, String visibility) {
        Response r = api.postForm("/api/v1/statuses", Map.of("status", text, "visibility", visibility), token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getString("id");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void homePublicTagPagingAndLimits(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow"),
                        "read write follow");
                String alice = api.registerAccount(appToken, "alice", "correct horse battery").json()
                        .getString("access_token");
                String bob = api.registerAccount(appToken, "bob", "correct horse battery").json()
                        .getString("access_token");
                String carol = api.registerAccount(appToken, "carol", "correct horse battery").json()
                        .getString("access_token");
                String bobId = api.get("/api/v1/accounts/verify_credentials", bob).json().getString("id");
                Response followed = api.postForm("/api/v1/accounts/" + bobId + "/follow", Map.of(), alice);
                assertThat(followed.status()).as(followed.body()).isEqualTo(200);

                String own = post(api, alice, "hello #Chorus", "public");
                String bobPublic = post(api, bob, "from bob #CHORUS", "public");
                String bobPrivate = post(api, bob, "bob's followers", "private");
                String bobDm = post(api, bob, "@alice just you", "direct");
                post(api, bob, "@carol not alice", "direct");
                String carolPublic = post(api, carol, "carol, unfollowed #chorus", "public");
                post(api, carol, "carol followers", "private");

                assertThat(ids(api.get("/api/v1/timelines/home", alice)))
                        .containsExactly(bobDm, bobPrivate, bobPublic, own);
                Response first = api.get("/api/v1/timelines/home?limit=2", alice);
                assertThat(ids(first)).containsExactly(bobDm, bobPrivate);
                assertThat(link(first, "next")).isEqualTo("/api/v1/timelines/home?limit=2&max_id=" + bobPrivate);
                assertThat(link(first, "prev")).isEqualTo("/api/v1/timelines/home?limit=2&min_id=" + bobDm);
                Response older = api.get(link(first, "next"), alice);
                assertThat(ids(older)).containsExactly(bobPublic, own);
                assertThat(ids(api.get(link(older, "prev"), alice))).containsExactly(bobDm, bobPrivate);
                assertThat(ids(api.get("/api/v1/timelines/home?since_id=" + bobPublic, alice)))
                        .containsExactly(bobDm, bobPrivate);
                assertThat(ids(api.get("/api/v1/timelines/home?min_id=" + own + "&limit=1", alice)))
                        .containsExactly(bobPublic);
                Response empty = api.get("/api/v1/timelines/home?since_id=" + bobDm, alice);
                assertThat(ids(empty)).isEmpty();
                assertThat(empty.header("Link")).isEmpty();

                // Blocking bob takes him out of alice's home (the follow goes too, as Mastodon does).
                assertThat(api.postForm("/api/v1/accounts/" + bobId + "/block", Map.of(), alice).status())
                        .isEqualTo(200);
                assertThat(ids(api.get("/api/v1/timelines/home", alice))).containsExactly(own);

                // Home needs a user token with a read scope.
                assertThat(api.get("/api/v1/timelines/home", null).status()).isEqualTo(401);
                assertThat(api.get("/api/v1/timelines/home", "not-a-token").status()).isEqualTo(401);
                assertThat(api.get("/api/v1/timelines/home", appToken).status()).isEqualTo(422);
                String writeOnly = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "write"), "write");
                assertThat(api.get("/api/v1/timelines/public", writeOnly).status()).isEqualTo(403);

                // Public: anonymous is fine, a bad token is not; public visibility only.
                assertThat(ids(api.get("/api/v1/timelines/public", null)))
                        .containsExactly(carolPublic, bobPublic, own);
                assertThat(ids(api.get("/api/v1/timelines/public?local=true", null)))
                        .containsExactly(carolPublic, bobPublic, own);
                assertThat(ids(api.get("/api/v1/timelines/public?remote=true", null))).isEmpty();
                assertThat(api.get("/api/v1/timelines/public", "not-a-token").status()).isEqualTo(401);
                // Alice blocks bob: not in her public timeline, still in everyone else's.
                assertThat(ids(api.get("/api/v1/timelines/public", alice))).containsExactly(carolPublic, own);
                Response localPage = api.get("/api/v1/timelines/public?local=true&limit=1", null);
                assertThat(link(localPage, "next"))
                        .isEqualTo("/api/v1/timelines/public?limit=1&local=true&max_id=" + carolPublic);

                // Hashtags, whatever their case.
                assertThat(ids(api.get("/api/v1/timelines/tag/chorus", null)))
                        .containsExactly(carolPublic, bobPublic, own);
                Response tagPage = api.get("/api/v1/timelines/tag/ChOrUs?local=true&limit=2", carol);
                assertThat(ids(tagPage)).containsExactly(carolPublic, bobPublic);
                assertThat(link(tagPage, "next"))
                        .isEqualTo("/api/v1/timelines/tag/ChOrUs?limit=2&local=true&max_id=" + bobPublic);
                assertThat(ids(api.get(link(tagPage, "next"), carol))).containsExactly(own);
                assertThat(ids(api.get("/api/v1/timelines/tag/nothing", null))).isEmpty();
                assertThat(ids(api.get("/api/v1/timelines/tag/%E2%9C%93%20x", null))).isEmpty();

                // Limits: clamped to 1..40, a non-number is the default 20; bad ids are a 400.
                for (int i = 0; i < 40; i++) {
                    post(api, carol, "filler " + i, "public");
                }
                assertThat(ids(api.get("/api/v1/timelines/public?limit=10000", null))).hasSize(40);
                assertThat(ids(api.get("/api/v1/timelines/public?limit=-1", null))).hasSize(1);
                assertThat(ids(api.get("/api/v1/timelines/public?limit=0", null))).hasSize(1);
                assertThat(ids(api.get("/api/v1/timelines/public?limit=abc", null))).hasSize(20);
                assertThat(ids(api.get("/api/v1/timelines/public", null))).hasSize(20);
                assertThat(link(api.get("/api/v1/timelines/public?limit=10000", null), "next")).contains("limit=40&");
                assertThat(api.get("/api/v1/timelines/public?max_id=abc", null).status()).isEqualTo(400);
                assertThat(api.get("/api/v1/timelines/home?min_id=1%3B2", carol).status()).isEqualTo(400);
                assertThat(api.get("/api/v1/timelines/public?local=maybe", null).status()).isEqualTo(422);
                assertThat(ids(api.get("/api/v1/timelines/home?limit=3", carol))).hasSize(3);
            } finally {
                chorus.stop();
            }
        }
    }
}
