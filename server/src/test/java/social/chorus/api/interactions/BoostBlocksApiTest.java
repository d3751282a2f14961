package social.chorus.api.interactions;

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

/** A boost never carries a post round a block: not on the booster's profile, not by the boost's id. */
class BoostBlocksApiTest {

    private static List<String> reblogIds(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        new JsonArray(r.body()).forEach(o -> {
            JsonObject reblog = ((JsonObject) o).getJsonObject("reblog");
            if (reblog != null) {
                out.add(reblog.getString("id"));
            }
        });
        return out;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void boostsOfBlockedAuthorsAreHidden(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String app = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow"),
                        "read write follow");
                String alice = api.registerAccount(app, "alice", "correct horse battery").json()
                        .getString("access_token");
                String bob = api.registerAccount(app, "bob", "correct horse battery").json().getString("access_token");
                String carol = api.registerAccount(app, "carol", "correct horse battery").json()
                        .getString("access_token");
                String bobId = api.get("/api/v1/accounts/verify_credentials", bob).json().getString("id");
                String carolId = api.get("/api/v1/accounts/verify_credentials", carol).json().getString("id");
                String post = api.postForm("/api/v1/statuses", Map.of("status", "carol's"), carol).json()
                        .getString("id");
                Response boost = api.postForm("/api/v1/statuses/" + post + "/reblog", Map.of(), bob);
                assertThat(boost.status()).as(boost.body()).isEqualTo(200);
                String boostId = boost.json().getString("id");

                assertThat(reblogIds(api.get("/api/v1/accounts/" + bobId + "/statuses", alice))).containsExactly(post);
                assertThat(api.get("/api/v1/statuses/" + boostId, alice).status()).isEqualTo(200);

                assertThat(api.postForm("/api/v1/accounts/" + carolId + "/block", Map.of(), alice).status())
                        .isEqualTo(200);
                assertThat(reblogIds(api.get("/api/v1/accounts/" + bobId + "/statuses", alice))).isEmpty();
                assertThat(api.get("/api/v1/statuses/" + boostId, alice).status()).isEqualTo(404);
                // Others still see the boost.
                assertThat(reblogIds(api.get("/api/v1/accounts/" + bobId + "/statuses", null))).containsExactly(post);
                assertThat(api.get("/api/v1/statuses/" + boostId, bob).status()).isEqualTo(200);
            } finally {
                chorus.stop();
            }
        }
    }
}
