package social.chorus.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import social.chorus.federation.rig.ApiPerson;
import social.chorus.federation.rig.Eventually;
import social.chorus.federation.rig.TwoInstances;
import social.chorus.testing.ApiTestClient.Response;

/**
 * Two live instances that both require signed fetches ({@code CHORUS_AUTHORIZED_FETCH=true}) still
 * find and follow each other: every actor and collection fetch is signed by the fetching
 * instance's actor, whose own document stays public so that its key can be checked. Unsigned
 * fetches of the same actor see only its key.
 */
@Timeout(120)
class TwoInstancesAuthorizedFetchTest {
    private TwoInstances two;

    @BeforeEach
    void start() {
        two = new TwoInstances(Map.of("CHORUS_AUTHORIZED_FETCH", "true"));
    }

    @AfterEach
    void stop() {
        two.close();
    }

    /** Gives the person a display name, which only the full (signed-for) actor document shows. */
    private static ApiPerson named(ApiPerson person, String displayName) {
        Response named = person.patch("/api/v1/accounts/update_credentials", Map.of("display_name", displayName));
        assertThat(named.status()).as(named.body()).isEqualTo(200);
        return person;
    }

    @Test
    void signedFetchesLetTwoAuthorizedFetchInstancesFollowEachOther() {
        ApiPerson alice = named(ApiPerson.signUp(two.a(), "alice"), "Alice on A");
        ApiPerson bob = named(ApiPerson.signUp(two.b(), "bob"), "Bob on B");

        // bob's display name only exists in his full document: A's fetch was signed and verified
        JsonObject bobOnA = alice.resolveAccount(bob);
        assertThat(bobOnA.getString("display_name")).isEqualTo("Bob on B");
        Response follow = alice.post("/api/v1/accounts/" + bobOnA.getString("id") + "/follow");
        assertThat(follow.status()).as(follow.body()).isEqualTo(200);
        Eventually.until("B's Accept reaches A", () -> alice.relationship(bobOnA.getString("id"))
                .getBoolean("following"));
        // B fetched alice (to verify the Follow) signed, so it knows her whole profile
        assertThat(bob.resolveAccount(alice).getString("display_name")).isEqualTo("Alice on A");

        // an unsigned fetch of the same actor sees only the key; its followers need a signature
        JsonObject unsigned = new JsonObject(bob.api().send(HttpRequest.newBuilder(bob.api().uri("/users/bob"))
                .header("Accept", "application/activity+json")).body());
        assertThat(unsigned.getJsonObject("publicKey")).isNotNull();
        assertThat(unsigned.containsKey("name")).isFalse();
        assertThat(bob.api().send(HttpRequest.newBuilder(bob.api().uri("/users/bob/followers"))
                .header("Accept", "application/activity+json")).status()).isEqualTo(401);
    }
}
