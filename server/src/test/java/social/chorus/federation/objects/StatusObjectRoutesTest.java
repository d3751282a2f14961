package social.chorus.federation.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.StatusView;
import social.chorus.process.account.SignUp;
import social.chorus.process.status.NewStatus;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.RemoteActors;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * {@code /users/{name}/statuses/{id}} as a Note: public posts to anyone, followers-only ones only
 * to a signed GET from a follower; everything else 404 without revealing the post.
 */
@Timeout(120)
class StatusObjectRoutesTest {
    private static final String AP = "application/activity+json";

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void servesNotesAsVisibilityAllows(TestDatabase.Kind kind) {
        try (TestDatabase db = TestDatabase.create(kind); RemoteActors remote = new RemoteActors()) {
            Chorus chorus = Chorus.start(TestConfig.of(db, Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                var services = chorus.services();
                Account alice = services.accounts().signUp(new SignUp("alice", "alice@example.org",
                        "long enough password", "", "", SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
                StatusView pub = services.statuses().posting().create(alice.id(),
                        new NewStatus("hello #world", "cw", null, "public", "en", null, null, null)).await();
                StatusView priv = services.statuses().posting().create(alice.id(),
                        new NewStatus("for followers", null, null, "private", null, null, null, null)).await();
                String pubPath = "/users/alice/statuses/" + pub.status().id();
                String privPath = "/users/alice/statuses/" + priv.status().id();

                Response r = api.send(HttpRequest.newBuilder(api.uri(pubPath)).header("Accept", AP).GET());
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                JsonObject note = r.json();
                assertThat(note.getString("id")).isEqualTo(pub.status().uri()).endsWith(pubPath);
                assertThat(note.getString("type")).isEqualTo("Note");
                assertThat(note.getString("attributedTo")).isEqualTo(alice.uri());
                assertThat(note.getString("summary")).isEqualTo("cw");
                assertThat(note.getBoolean("sensitive")).isTrue();
                assertThat(note.getJsonArray("to")).isEqualTo(
                        new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"));
                assertThat(note.getJsonArray("tag").getJsonObject(0).getString("href")).endsWith("/tags/world");
                // the wrong author in the path, an unknown id, or no ActivityStreams Accept: 404
                assertThat(api.send(HttpRequest.newBuilder(api.uri("/users/bob/statuses/" + pub.status().id()))
                        .header("Accept", AP).GET()).status()).isEqualTo(404);
                assertThat(api.send(HttpRequest.newBuilder(api.uri("/users/alice/statuses/1"))
                        .header("Accept", AP).GET()).status()).isEqualTo(404);

                // followers-only: unsigned 404, signed by a non-follower 404, by a follower 200
                assertThat(api.send(HttpRequest.newBuilder(api.uri(privPath)).header("Accept", AP).GET()).status())
                        .isEqualTo(404);
                String bob = remote.actor("bob");
                Response stranger = api.send(RemoteActors.signedGet(api.uri(privPath), RemoteActors.key(bob),
                        SignatureStyle.CAVAGE, Clock.systemUTC()));
                assertThat(stranger.status()).isEqualTo(404);
                assertThat(stranger.body()).doesNotContain("for followers");
                Clock clock = Clock.systemUTC();
                services.db().tx(dsl -> {
                    Account b = new AccountRepository(clock).findByUri(dsl, bob).orElseThrow();
                    return new FollowRepository(clock).insert(dsl, b.id(), alice.id(), bob + "#follow",
                            Follow.State.ACCEPTED);
                }).await();
                Response follower = api.send(RemoteActors.signedGet(api.uri(privPath), RemoteActors.key(bob),
                        SignatureStyle.CAVAGE, Clock.systemUTC()));
                assertThat(follower.status()).as(follower.body()).isEqualTo(200);
                assertThat(follower.json().getString("content")).contains("for followers");
                assertThat(follower.json().getJsonArray("to")).isEqualTo(new JsonArray().add(alice.uri()
                        + "/followers"));
                // a forged signature is as good as none
                assertThat(api.send(RemoteActors.signedGet(api.uri(privPath), RemoteActors.forgedKey(bob),
                        SignatureStyle.CAVAGE, Clock.systemUTC())).status()).isEqualTo(404);

                // deleted: 410 Gone with a Tombstone (more in StatusTombstoneRoutesTest)
                services.statuses().posting().delete(alice.id(), pub.status().id()).await();
                assertThat(api.send(HttpRequest.newBuilder(api.uri(pubPath)).header("Accept", AP).GET()).status())
                        .isEqualTo(410);
            } finally {
                chorus.stop();
            }
        }
    }
}
