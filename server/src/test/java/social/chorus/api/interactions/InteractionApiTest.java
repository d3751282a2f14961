package social.chorus.api.interactions;

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

/** Favourites and reblogs in the client API, and their counts at the post's ActivityPub id, on each database. */
class InteractionApiTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void favouriteReblogListAndUndo(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String base = chorus.config().baseUrl();
                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow"),
                        "read write follow");
                String alice = token(api, appToken, "alice");
                String bob = token(api, appToken, "bob");
                String carol = token(api, appToken, "carol");
                String aliceId = api.get("/api/v1/accounts/verify_credentials", alice).json().getString("id");
                assertThat(api.postForm("/api/v1/accounts/" + aliceId + "/follow", Map.of(), carol).status())
                        .isEqualTo(200);
                String post = api.postForm("/api/v1/statuses", Map.of("status", "worth it"), bob).json().getString("id");

                Response fav = api.postForm("/api/v1/statuses/" + post + "/favourite", Map.of(), alice);
                assertThat(fav.status()).as(fav.body()).isEqualTo(200);
                assertThat(fav.json().getBoolean("favourited")).isTrue();
                assertThat(fav.json().getInteger("favourites_count")).isEqualTo(1);
                Response twice = api.postForm("/api/v1/statuses/" + post + "/favourite", Map.of(), alice);
                assertThat(twice.status()).isEqualTo(200);
                assertThat(twice.json().getInteger("favourites_count")).isEqualTo(1);
                JsonArray favBy = new JsonArray(api.get("/api/v1/statuses/" + post + "/favourited_by", null).body());
                assertThat(favBy).hasSize(1);
                assertThat(favBy.getJsonObject(0).getString("username")).isEqualTo("alice");

                Response boost = api.postForm("/api/v1/statuses/" + post + "/reblog", Map.of(), alice);
                assertThat(boost.status()).as(boost.body()).isEqualTo(200);
                String boostId = boost.json().getString("id");
                assertThat(boostId).isNotEqualTo(post);
                assertThat(boost.json().getString("content")).isEmpty();
                assertThat(boost.json().getJsonObject("account").getString("username")).isEqualTo("alice");
                JsonObject inner = boost.json().getJsonObject("reblog");
                assertThat(inner.getString("id")).isEqualTo(post);
                assertThat(inner.getBoolean("reblogged")).isTrue();
                assertThat(inner.getBoolean("favourited")).isTrue();
                assertThat(inner.getInteger("reblogs_count")).isEqualTo(1);
                assertThat(api.get("/api/v1/statuses/" + post + "/reblogged_by", null).body()).contains("\"alice\"");

                // carol follows alice: the boost is in her home timeline, not in the public one
                JsonArray home = new JsonArray(api.get("/api/v1/timelines/home", carol).body());
                assertThat(home).hasSize(1);
                assertThat(home.getJsonObject(0).getString("id")).isEqualTo(boostId);
                assertThat(home.getJsonObject(0).getJsonObject("reblog").getString("id")).isEqualTo(post);
                JsonArray pub = new JsonArray(api.get("/api/v1/timelines/public", null).body());
                assertThat(pub).extracting(o -> ((JsonObject) o).getString("id")).containsExactly(post);
                // the boost shown by its own id carries the original
                assertThat(api.get("/api/v1/statuses/" + boostId, carol).json().getJsonObject("reblog")
                        .getString("id")).isEqualTo(post);

                // the post at its ActivityPub id counts likes and shares; the boost answers as an Announce
                JsonObject note = activityJson(api, "/users/bob/statuses/" + post);
                assertThat(note.getJsonObject("likes").getInteger("totalItems")).isEqualTo(1);
                assertThat(note.getJsonObject("shares").getInteger("totalItems")).isEqualTo(1);
                assertThat(activityJson(api, "/users/bob/statuses/" + post + "/likes").getInteger("totalItems"))
                        .isEqualTo(1);
                JsonObject announce = activityJson(api, "/users/alice/statuses/" + boostId + "/activity");
                assertThat(announce.getString("type")).isEqualTo("Announce");
                assertThat(announce.getString("object")).isEqualTo(base + "/users/bob/statuses/" + post);
                assertThat(api.send(HttpRequest.newBuilder(api.uri("/users/alice/statuses/" + boostId))
                        .header("Accept", "application/activity+json").GET()).status()).isEqualTo(404);

                // alice's likes: her own list (Link header), and her profile's as others see it
                Response mine = api.get("/api/v1/favourites", alice);
                assertThat(new JsonArray(mine.body())).extracting(o -> ((JsonObject) o).getString("id"))
                        .containsExactly(post);
                assertThat(mine.header("Link").orElseThrow()).contains(base + "/api/v1/favourites?limit=20&max_id=")
                        .contains("rel=\"prev\"");
                assertThat(new JsonArray(api.get("/api/v1/accounts/" + aliceId + "/favourites", null).body()))
                        .hasSize(1);
                assertThat(api.get("/api/v1/accounts/verify_credentials", alice).json().getJsonObject("source")
                        .getBoolean("hide_favourites")).isFalse();
                Response hidden = api.patchForm("/api/v1/accounts/update_credentials",
                        Map.of("hide_favourites", "true"), alice);
                assertThat(hidden.status()).isEqualTo(200);
                assertThat(hidden.json().getJsonObject("source").getBoolean("hide_favourites")).isTrue();
                assertThat(api.get("/api/v1/accounts/verify_credentials", alice).json().getJsonObject("source")
                        .getBoolean("hide_favourites")).isTrue();
                assertThat(new JsonArray(api.get("/api/v1/accounts/" + aliceId + "/favourites", null).body()))
                        .isEmpty();
                assertThat(new JsonArray(api.get("/api/v1/accounts/" + aliceId + "/favourites", alice).body()))
                        .hasSize(1);

                Response unboost = api.postForm("/api/v1/statuses/" + post + "/unreblog", Map.of(), alice);
                assertThat(unboost.status()).isEqualTo(200);
                assertThat(unboost.json().getString("id")).isEqualTo(post);
                assertThat(unboost.json().getBoolean("reblogged")).isFalse();
                assertThat(unboost.json().getInteger("reblogs_count")).isZero();
                assertThat(new JsonArray(api.get("/api/v1/timelines/home", carol).body())).isEmpty();
                Response unfav = api.postForm("/api/v1/statuses/" + post + "/unfavourite", Map.of(), alice);
                assertThat(unfav.json().getBoolean("favourited")).isFalse();
                assertThat(unfav.json().getInteger("favourites_count")).isZero();
                assertThat(api.postForm("/api/v1/statuses/" + post + "/unfavourite", Map.of(), alice).status())
                        .isEqualTo(200);
            } finally {
                chorus.stop();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void refusals(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind)) {
            Chorus chorus = Chorus.start(TestConfig.of(tdb, Map.of("CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write"),
                        "read write");
                String alice = token(api, appToken, "alice");
                String bob = token(api, appToken, "bob");
                String post = api.postForm("/api/v1/statuses", Map.of("status", "hi"), bob).json().getString("id");
                String direct = api.postForm("/api/v1/statuses", Map.of("status", "secret", "visibility", "direct"),
                        bob).json().getString("id");

                assertThat(api.postForm("/api/v1/statuses/" + post + "/favourite", Map.of(), null).status())
                        .isEqualTo(401);
                String readOnly = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read"), "read");
                assertThat(api.postForm("/api/v1/statuses/" + post + "/favourite", Map.of(), readOnly).status())
                        .isEqualTo(403);
                assertThat(api.postForm("/api/v1/statuses/" + direct + "/favourite", Map.of(), alice).status())
                        .isEqualTo(404);
                assertThat(api.postForm("/api/v1/statuses/" + direct + "/reblog", Map.of(), alice).status())
                        .isEqualTo(404);
                assertThat(api.postForm("/api/v1/statuses/" + direct + "/reblog", Map.of(), bob).status())
                        .isEqualTo(403);
                assertThat(api.postForm("/api/v1/statuses/99999/reblog", Map.of(), alice).status()).isEqualTo(404);
                assertThat(api.postForm("/api/v1/statuses/" + post + "/reblog", Map.of("visibility", "direct"), alice)
                        .status()).isEqualTo(422);
                assertThat(api.get("/api/v1/statuses/" + direct + "/favourited_by", alice).status()).isEqualTo(404);
                assertThat(api.get("/api/v1/favourites?max_id=abc", alice).status()).isEqualTo(400);
                assertThat(api.get("/api/v1/favourites", null).status()).isEqualTo(401);
                assertThat(api.get("/api/v1/accounts/424242/favourites", null).status()).isEqualTo(404);
                assertThat(api.get("/api/v1/statuses/" + post, null).json().getInteger("favourites_count")).isZero();
            } finally {
                chorus.stop();
            }
        }
    }

    private static String token(ApiTestClient api, String appToken, String name) {
        return api.registerAccount(appToken, name, "correct horse battery").json().getString("access_token");
    }

    private static JsonObject activityJson(ApiTestClient api, String path) {
        Response r = api.send(HttpRequest.newBuilder(api.uri(path)).header("Accept", "application/activity+json")
                .GET());
        assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
        return r.json();
    }
}
