package social.chorus.api.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.MastodonNotes;
import social.chorus.testing.MastodonNotes.Audience;
import social.chorus.testing.RemoteActors;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * {@code GET /api/v2/search} for statuses by URL: stored ones as the caller may see them, unknown
 * remote ones fetched only for a signed-in caller who asks, and shown only when public or
 * unlisted; on both databases.
 */
@Timeout(120)
class SearchStatusesApiTest {

    private static JsonArray statuses(ApiTestClient api, String q, String extra, String token) {
        Response r = api.get("/api/v2/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + extra, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getJsonArray("statuses");
    }

    private static JsonArray notifications(ApiTestClient api, String token) {
        Response r = api.get("/api/v1/notifications", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body());
    }

    /** One instance with open sign-ups (loopback peers allowed), a remote server, and alice and carl signed up. */
    private interface Body {
        void run(Chorus chorus, ApiTestClient api, RemoteActors peer, String alice, String carl) throws Exception;
    }

    private static void with(TestDatabase.Kind kind, Body body) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind); RemoteActors peer = new RemoteActors()) {
            Chorus chorus = Chorus.start(TestConfig.of(db, Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true",
                    "CHORUS_REGISTRATIONS", "open")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                String appToken = api.appToken(api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow"),
                        "read write follow");
                String alice = api.registerAccount(appToken, "alice", "correct horse battery").json()
                        .getString("access_token");
                String carl = api.registerAccount(appToken, "carl", "correct horse battery").json()
                        .getString("access_token");
                body.run(chorus, api, peer, alice, carl);
            } finally {
                chorus.stop();
            }
        }
    }

    private static void serve(RemoteActors peer, String path, JsonObject doc) {
        peer.wm.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", MastodonNotes.CONTENT_TYPE).withBody(doc.encode())));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void statusesByUrlWithAndWithoutResolve(TestDatabase.Kind kind) throws Exception {
        with(kind, (chorus, api, peer, alice, carl) -> {
            // Local posts: by uri or url, without any fetch, as the caller may see them.
            JsonObject mine = api.postForm("/api/v1/statuses", Map.of("status", "local post"), alice).json();
            JsonObject secret = api.postForm("/api/v1/statuses", Map.of("status", "followers only",
                    "visibility", "private"), alice).json();
            assertThat(statuses(api, mine.getString("uri"), "", null).getJsonObject(0).getString("id"))
                    .isEqualTo(mine.getString("id"));
            assertThat(statuses(api, mine.getString("url"), "&type=statuses", carl)).hasSize(1);
            assertThat(statuses(api, mine.getString("url"), "&type=accounts", carl)).isEmpty();
            assertThat(statuses(api, secret.getString("url"), "", null)).isEmpty();
            assertThat(statuses(api, secret.getString("url"), "", carl)).isEmpty();
            assertThat(statuses(api, secret.getString("url"), "", alice)).hasSize(1);
            assertThat(statuses(api, "local post", "", alice)).isEmpty();
            String gone = chorus.config().baseUrl() + "/users/alice/statuses/1";
            assertThat(statuses(api, gone, "&resolve=true", alice)).isEmpty();

            String bob = peer.actor("bob");
            serve(peer, "/users/bob/statuses/1", MastodonNotes.note(bob, 1, null, Audience.PUBLIC, "hello"));
            serve(peer, "/users/bob/statuses/2",
                    MastodonNotes.note(bob, 2, null, Audience.FOLLOWERS, "for followers"));
            serve(peer, "/@bob/3", MastodonNotes.note(bob, 3, null, Audience.UNLISTED, "quiet"));
            String one = bob + "/statuses/1";

            // Not stored: nothing without resolve, nothing for an anonymous resolve, and no fetch.
            assertThat(statuses(api, one, "", alice)).isEmpty();
            assertThat(statuses(api, one, "&resolve=true", null)).isEmpty();
            assertThat(peer.requestsTo("/users/bob/statuses/1")).isZero();

            JsonArray found = statuses(api, one, "&resolve=true&type=statuses", alice);
            assertThat(found).hasSize(1);
            JsonObject s = found.getJsonObject(0);
            assertThat(s.getString("uri")).isEqualTo(one);
            assertThat(s.getString("url")).isEqualTo(peer.base() + "/@bob/1");
            assertThat(s.getString("content")).isEqualTo("<p>hello</p>");
            assertThat(s.getString("visibility")).isEqualTo("public");
            assertThat(s.getJsonObject("account").getString("acct")).isEqualTo("bob@127.0.0.1:" + peer.wm.port());
            assertThat(peer.requestsTo("/users/bob/statuses/1")).isEqualTo(1);
            // Stored now: anyone finds it, by id or page, without a second fetch.
            assertThat(statuses(api, one, "", null)).hasSize(1);
            assertThat(statuses(api, peer.base() + "/@bob/1", "", null)).hasSize(1);
            assertThat(peer.requestsTo("/users/bob/statuses/1")).isEqualTo(1);

            // A page URL resolves to its post; a followers-only post is fetched but not shown.
            JsonArray quiet = statuses(api, peer.base() + "/@bob/3", "&resolve=true", alice);
            assertThat(quiet.getJsonObject(0).getString("visibility")).isEqualTo("unlisted");
            assertThat(quiet.getJsonObject(0).getString("uri")).isEqualTo(bob + "/statuses/3");
            assertThat(statuses(api, bob + "/statuses/2", "&resolve=true", alice)).isEmpty();
            assertThat(statuses(api, bob + "/statuses/2", "", alice)).isEmpty();
            assertThat(peer.requestsTo("/users/bob/statuses/2")).isEqualTo(1);

            // An author the caller blocks is not shown to the caller.
            String bobId = s.getJsonObject("account").getString("id");
            assertThat(api.postForm("/api/v1/accounts/" + bobId + "/block", Map.of(), alice).status())
                    .isEqualTo(200);
            assertThat(statuses(api, one, "", alice)).isEmpty();
            assertThat(statuses(api, one, "", carl)).hasSize(1);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFetchedPostThatMentionsSomeoneHereNotifiesThemOnce(TestDatabase.Kind kind) throws Exception {
        with(kind, (chorus, api, peer, alice, carl) -> {
            String aliceUri = chorus.config().baseUrl() + "/users/alice";

            // A public post of bob's that mentions alice; it reached nobody here until carl looks it up.
            String bob = peer.actor("bob");
            JsonObject note = MastodonNotes.note(bob, 7, null, Audience.PUBLIC, "hi @alice");
            note.getJsonArray("cc").add(aliceUri);
            note.getJsonArray("tag").add(new JsonObject().put("type", "Mention").put("href", aliceUri)
                    .put("name", "@alice@" + java.net.URI.create(aliceUri).getAuthority()));
            serve(peer, "/users/bob/statuses/7", note);

            JsonArray found = statuses(api, bob + "/statuses/7", "&resolve=true", carl);
            assertThat(found).hasSize(1);
            String statusId = found.getJsonObject(0).getString("id");

            // Notifications are written after the fetch's commit: wait for alice's.
            JsonArray aliceNotes = notifications(api, alice);
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (aliceNotes.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                aliceNotes = notifications(api, alice);
            }
            assertThat(aliceNotes).hasSize(1);
            JsonObject n = aliceNotes.getJsonObject(0);
            assertThat(n.getString("type")).isEqualTo("mention");
            assertThat(n.getJsonObject("status").getString("id")).isEqualTo(statusId);
            assertThat(n.getJsonObject("account").getString("acct")).startsWith("bob@");

            // Found again (stored now, or fetched by someone else): no second notification.
            assertThat(statuses(api, bob + "/statuses/7", "&resolve=true", alice)).hasSize(1);
            Thread.sleep(300);
            assertThat(notifications(api, alice)).hasSize(1);
            assertThat(notifications(api, carl)).isEmpty();
            assertThat(peer.requestsTo("/users/bob/statuses/7")).isEqualTo(1);
        });
    }
}
