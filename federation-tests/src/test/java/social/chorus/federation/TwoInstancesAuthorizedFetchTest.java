package social.chorus.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import social.chorus.app.Chorus;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * Two live instances that both require signed fetches ({@code CHORUS_AUTHORIZED_FETCH=true}) still
 * find and follow each other: every actor and collection fetch is signed by the fetching
 * instance's actor, whose own document stays public so that its key can be checked. Unsigned
 * fetches of the same actor see only its key.
 */
@Timeout(120)
class TwoInstancesAuthorizedFetchTest {
    private TestDatabase dbA;
    private TestDatabase dbB;
    private Chorus a;
    private Chorus b;

    private record Person(ApiTestClient api, String token, String handle) {
    }

    @BeforeEach
    void start() {
        dbA = TestDatabase.mariadb();
        dbB = TestDatabase.h2();
        Map<String, String> env = Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true", "CHORUS_REGISTRATIONS", "open",
                "CHORUS_AUTHORIZED_FETCH", "true");
        a = Chorus.start(TestConfig.of(dbA, env));
        b = Chorus.start(TestConfig.of(dbB, env));
    }

    @AfterEach
    void stop() {
        if (a != null) {
            a.stop();
        }
        if (b != null) {
            b.stop();
        }
        dbA.close();
        dbB.close();
    }

    private static Person signUp(Chorus instance, String username, String displayName) {
        ApiTestClient api = new ApiTestClient(instance);
        JsonObject app = api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow");
        Response registered = api.registerAccount(api.appToken(app, "read write follow"), username,
                "a long enough password");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        String token = registered.json().getString("access_token");
        Response named = api.patchForm("/api/v1/accounts/update_credentials", Map.of("display_name", displayName),
                token);
        assertThat(named.status()).as(named.body()).isEqualTo(200);
        return new Person(api, token, "@" + username + "@" + instance.config().domain());
    }

    /** {@code other} as {@code viewer}'s instance knows it, found by a resolving search. */
    private static JsonObject resolve(Person viewer, Person other) {
        Response found = viewer.api().get("/api/v2/search?type=accounts&resolve=true&q="
                + other.handle().replace("@", "%40"), viewer.token());
        JsonArray accounts = found.json().getJsonArray("accounts");
        assertThat(accounts).as("search for " + other.handle() + ": " + found.body()).hasSize(1);
        return accounts.getJsonObject(0);
    }

    private static boolean following(Person viewer, String otherId) {
        Response r = viewer.api().get("/api/v1/accounts/relationships?id[]=" + otherId, viewer.token());
        return new JsonArray(r.body()).getJsonObject(0).getBoolean("following");
    }

    @Test
    void signedFetchesLetTwoAuthorizedFetchInstancesFollowEachOther() throws InterruptedException {
        Person alice = signUp(a, "alice", "Alice on A");
        Person bob = signUp(b, "bob", "Bob on B");

        // bob's display name only exists in his full document: A's fetch was signed and verified
        JsonObject bobOnA = resolve(alice, bob);
        assertThat(bobOnA.getString("display_name")).isEqualTo("Bob on B");
        Response follow = alice.api().postForm("/api/v1/accounts/" + bobOnA.getString("id") + "/follow", Map.of(),
                alice.token());
        assertThat(follow.status()).as(follow.body()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!following(alice, bobOnA.getString("id"))) {
            assertThat(System.nanoTime()).as("B's Accept reaches A").isLessThan(deadline);
            Thread.sleep(100);
        }
        // B fetched alice (to verify the Follow) signed, so it knows her whole profile
        assertThat(resolve(bob, alice).getString("display_name")).isEqualTo("Alice on A");

        // an unsigned fetch of the same actor sees only the key; its followers need a signature
        JsonObject unsigned = new JsonObject(bob.api().send(HttpRequest.newBuilder(bob.api().uri("/users/bob"))
                .header("Accept", "application/activity+json")).body());
        assertThat(unsigned.getJsonObject("publicKey")).isNotNull();
        assertThat(unsigned.containsKey("name")).isFalse();
        assertThat(bob.api().send(HttpRequest.newBuilder(bob.api().uri("/users/bob/followers"))
                .header("Accept", "application/activity+json")).status()).isEqualTo(401);
    }
}
