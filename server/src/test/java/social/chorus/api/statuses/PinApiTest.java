package social.chorus.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/** Pinned posts: Mastodon's rules for pin and unpin, and the pinned and only_media filters of an account's statuses. */
class PinApiTest {

    private static String post(ApiTestClient api, String token, String text, String visibility) {
        Response r = api.postForm("/api/v1/statuses", Map.of("status", text, "visibility", visibility), token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getString("id");
    }

    private static List<String> ids(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        new JsonArray(r.body()).forEach(o -> out.add(((JsonObject) o).getString("id")));
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pinRulesAndTheProfileFilters(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String app = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow"),
                        "read write follow");
                String alice = api.registerAccount(app, "alice", "correct horse battery").json()
                        .getString("access_token");
                String bob = api.registerAccount(app, "bob", "correct horse battery").json().getString("access_token");
                String aliceId = api.get("/api/v1/accounts/verify_credentials", alice).json().getString("id");

                List<String> mine = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    mine.add(post(api, alice, "public " + i, "public"));
                }
                String followersOnly = post(api, alice, "for followers", "private");
                String sixth = post(api, alice, "one too many", "public");
                String direct = post(api, alice, "@bob psst", "direct");
                String bobs = post(api, bob, "bob's own", "public");
                Response boost = api.postForm("/api/v1/statuses/" + bobs + "/reblog", Map.of(), alice);
                assertThat(boost.status()).as(boost.body()).isEqualTo(200);

                for (String id : mine) {
                    Response pinned = api.postForm("/api/v1/statuses/" + id + "/pin", Map.of(), alice);
                    assertThat(pinned.status()).as(pinned.body()).isEqualTo(200);
                    assertThat(pinned.json().getBoolean("pinned")).isTrue();
                }
                assertThat(api.postForm("/api/v1/statuses/" + followersOnly + "/pin", Map.of(), alice).status())
                        .isEqualTo(200);
                // Pinning again changes nothing and does not count twice.
                assertThat(api.postForm("/api/v1/statuses/" + followersOnly + "/pin", Map.of(), alice).status())
                        .isEqualTo(200);
                Response tooMany = api.postForm("/api/v1/statuses/" + sixth + "/pin", Map.of(), alice);
                assertThat(tooMany.status()).isEqualTo(422);
                assertThat(tooMany.json().getString("error")).contains("maximum");
                assertThat(api.postForm("/api/v1/statuses/" + bobs + "/pin", Map.of(), alice).status()).isEqualTo(422);
                assertThat(api.postForm("/api/v1/statuses/" + direct + "/pin", Map.of(), alice).status())
                        .isEqualTo(422);
                assertThat(api.postForm("/api/v1/statuses/" + boost.json().getString("id") + "/pin", Map.of(), alice)
                        .status()).isEqualTo(422);
                assertThat(api.postForm("/api/v1/statuses/" + direct + "/pin", Map.of(), null).status())
                        .isEqualTo(401);

                String path = "/api/v1/accounts/" + aliceId + "/statuses";
                assertThat(ids(api.get(path + "?pinned=true", alice))).containsExactly(followersOnly, mine.get(3),
                        mine.get(2), mine.get(1), mine.get(0));
                // bob does not follow alice: the followers-only pin is not his to see.
                assertThat(ids(api.get(path + "?pinned=true", bob))).containsExactly(mine.get(3), mine.get(2),
                        mine.get(1), mine.get(0));
                assertThat(ids(api.get(path + "?pinned=true&max_id=" + mine.get(0), alice))).isEmpty();
                assertThat(api.get("/api/v1/statuses/" + mine.get(0), alice).json().getBoolean("pinned")).isTrue();
                assertThat(api.get("/api/v1/statuses/" + sixth, alice).json().getBoolean("pinned")).isFalse();

                Response unpinned = api.postForm("/api/v1/statuses/" + mine.get(1) + "/unpin", Map.of(), alice);
                assertThat(unpinned.status()).isEqualTo(200);
                assertThat(unpinned.json().getBoolean("pinned")).isFalse();
                assertThat(api.postForm("/api/v1/statuses/" + mine.get(1) + "/unpin", Map.of(), alice).status())
                        .isEqualTo(200);
                assertThat(api.postForm("/api/v1/statuses/" + sixth + "/pin", Map.of(), alice).status())
                        .isEqualTo(200);
                assertThat(ids(api.get(path + "?pinned=true", alice))).first().isEqualTo(sixth);

                // Local posts carry no media (uploads are not built), so only_media is an empty page here
                // (MediaApiTest covers remote posts with media).
                assertThat(ids(api.get(path, alice))).isNotEmpty();
                assertThat(ids(api.get(path + "?only_media=true", alice))).isEmpty();
                assertThat(api.get("/api/v1/accounts/999999/statuses?only_media=true", alice).status())
                        .isEqualTo(404);
                assertThat(api.get("/api/v1/accounts/999999/statuses?pinned=true", alice).status()).isEqualTo(404);
            } finally {
                chorus.stop();
            }
        }
    }
}
