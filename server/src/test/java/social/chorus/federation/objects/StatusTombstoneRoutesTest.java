package social.chorus.federation.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
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
 * A deleted local post at its id: 410 Gone with a Tombstone for whoever could have seen it
 * (a followers-only one: a signed GET from a follower), 404 for everyone else.
 */
@Timeout(120)
class StatusTombstoneRoutesTest {
    private static final String AP = "application/activity+json";

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void deletedPostsAnswerGoneWithATombstone(TestDatabase.Kind kind) {
        try (TestDatabase db = TestDatabase.create(kind); RemoteActors remote = new RemoteActors()) {
            Chorus chorus = Chorus.start(TestConfig.of(db, Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true")));
            try {
                ApiTestClient api = new ApiTestClient(chorus);
                var services = chorus.services();
                Account alice = services.accounts().signUp(new SignUp("alice", "alice@example.org",
                        "long enough password", "", "", SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
                StatusView pub = services.statuses().posting().create(alice.id(),
                        new NewStatus("soon gone", null, null, "unlisted", null, null, null, null)).await();
                StatusView priv = services.statuses().posting().create(alice.id(),
                        new NewStatus("followers, soon gone", null, null, "private", null, null, null, null)).await();
                StatusView kept = services.statuses().posting().create(alice.id(),
                        new NewStatus("stays", null, null, "public", null, null, null, null)).await();
                Instant before = Instant.now().minusSeconds(1);
                services.statuses().posting().delete(alice.id(), pub.status().id()).await();
                services.statuses().posting().delete(alice.id(), priv.status().id()).await();
                String pubPath = "/users/alice/statuses/" + pub.status().id();
                String privPath = "/users/alice/statuses/" + priv.status().id();

                Response gone = api.send(HttpRequest.newBuilder(api.uri(pubPath)).header("Accept", AP).GET());
                assertThat(gone.status()).as(gone.body()).isEqualTo(410);
                assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(
                        v -> assertThat(v).startsWith("application/activity+json"));
                JsonObject t = gone.json();
                assertThat(t.getString("@context")).isEqualTo("https://www.w3.org/ns/activitystreams");
                assertThat(t.getString("id")).isEqualTo(pub.status().uri());
                assertThat(t.getString("type")).isEqualTo("Tombstone");
                assertThat(t.getString("formerType")).isEqualTo("Note");
                assertThat(Instant.parse(t.getString("deleted"))).isAfter(before.minusSeconds(1));
                assertThat(t.containsKey("content")).isFalse();
                // still there: 200; never there: 404; the wrong author in the path: 404
                assertThat(api.send(HttpRequest.newBuilder(api.uri("/users/alice/statuses/" + kept.status().id()))
                        .header("Accept", AP).GET()).status()).isEqualTo(200);
                assertThat(api.send(HttpRequest.newBuilder(api.uri("/users/alice/statuses/1"))
                        .header("Accept", AP).GET()).status()).isEqualTo(404);
                assertThat(api.send(HttpRequest.newBuilder(api.uri("/users/bob/statuses/" + pub.status().id()))
                        .header("Accept", AP).GET()).status()).isEqualTo(404);

                // followers-only: unsigned 404, a stranger 404, a forged signature 404, a follower 410
                assertThat(api.send(HttpRequest.newBuilder(api.uri(privPath)).header("Accept", AP).GET()).status())
                        .isEqualTo(404);
                String bob = remote.actor("bob");
                Response stranger = api.send(RemoteActors.signedGet(api.uri(privPath), RemoteActors.key(bob),
                        SignatureStyle.CAVAGE, Clock.systemUTC()));
                assertThat(stranger.status()).isEqualTo(404);
                assertThat(stranger.body()).doesNotContain("Tombstone");
                Clock clock = Clock.systemUTC();
                services.db().tx(dsl -> {
                    Account b = new AccountRepository(clock).findByUri(dsl, bob).orElseThrow();
                    return new FollowRepository(clock).insert(dsl, b.id(), alice.id(), bob + "#follow",
                            Follow.State.ACCEPTED);
                }).await();
                assertThat(api.send(RemoteActors.signedGet(api.uri(privPath), RemoteActors.forgedKey(bob),
                        SignatureStyle.CAVAGE, Clock.systemUTC())).status()).isEqualTo(404);
                Response follower = api.send(RemoteActors.signedGet(api.uri(privPath), RemoteActors.key(bob),
                        SignatureStyle.CAVAGE, Clock.systemUTC()));
                assertThat(follower.status()).as(follower.body()).isEqualTo(410);
                assertThat(follower.json().getString("type")).isEqualTo("Tombstone");
                assertThat(follower.json().getString("id")).isEqualTo(priv.status().uri());
            } finally {
                chorus.stop();
            }
        }
    }
}
