package social.chorus.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
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
 * Two live instances talking ActivityPub to each other over HTTP: A on MariaDB, B on the
 * embedded database, each on its own port with its own keys. Everything goes through the
 * client API on one side and federation on the wire: signed deliveries, key fetches, WebFinger.
 */
@Timeout(120)
class TwoInstancesFollowTest {
    private TwoInstances two;

    @BeforeEach
    void start() {
        two = new TwoInstances(Map.of());
    }

    @AfterEach
    void stop() {
        two.close();
    }

    private static int count(ApiPerson viewer, String accountId, String field) {
        return viewer.get("/api/v1/accounts/" + accountId).json().getInteger(field);
    }

    @Test
    void followBothWaysThenUnfollowAndBlock() {
        ApiPerson alice = ApiPerson.signUp(two.a(), "alice");
        ApiPerson bob = ApiPerson.signUp(two.b(), "bob");

        String bobOnA = alice.resolve(bob);
        Response follow = alice.post("/api/v1/accounts/" + bobOnA + "/follow");
        assertThat(follow.status()).as(follow.body()).isEqualTo(200);
        assertThat(follow.json().getBoolean("requested")).isTrue(); // until B answers

        Eventually.until("B's Accept reaches A", () -> alice.relationship(bobOnA).getBoolean("following"));
        String aliceOnB = bob.resolve(alice);
        assertThat(bob.relationship(aliceOnB).getBoolean("followed_by")).isTrue();
        JsonArray followers = new JsonArray(bob.get("/api/v1/accounts/" + bob.id() + "/followers").body());
        assertThat(followers).hasSize(1);
        assertThat(followers.getJsonObject(0).getString("acct")).isEqualTo(alice.handle().substring(1));
        assertThat(count(bob, bob.id(), "followers_count")).isEqualTo(1);
        assertThat(count(alice, alice.id(), "following_count")).isEqualTo(1);
        JsonObject bobsCollection = new JsonObject(bob.api().send(HttpRequest.newBuilder(
                bob.api().uri("/users/bob/followers")).header("Accept", "application/activity+json")).body());
        assertThat(bobsCollection.getInteger("totalItems")).isEqualTo(1);

        // bob edits his profile: A, which holds a copy of him for alice, receives the Update
        Response edited = bob.patch("/api/v1/accounts/update_credentials",
                Map.of("display_name", "Bob of B", "note", "Now with a bio"));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        Eventually.until("the Update(Person) reaches A", () -> "Bob of B".equals(
                alice.get("/api/v1/accounts/" + bobOnA).json().getString("display_name")));
        assertThat(alice.get("/api/v1/accounts/" + bobOnA).json().getString("note")).contains("Now with a bio");

        // and the other way round: bob on B follows alice on A
        Response back = bob.post("/api/v1/accounts/" + aliceOnB + "/follow");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        Eventually.until("A's Accept reaches B", () -> bob.relationship(aliceOnB).getBoolean("following"));
        assertThat(alice.relationship(bobOnA).getBoolean("followed_by")).isTrue();
        assertThat(count(alice, alice.id(), "followers_count")).isEqualTo(1);
        assertThat(count(bob, bob.id(), "following_count")).isEqualTo(1);

        Response unfollow = alice.post("/api/v1/accounts/" + bobOnA + "/unfollow");
        assertThat(unfollow.json().getBoolean("following")).isFalse();
        Eventually.until("the Undo reaches B", () -> !bob.relationship(aliceOnB).getBoolean("followed_by"));
        assertThat(count(bob, bob.id(), "followers_count")).isZero();

        // alice follows again; bob blocks her: the follow ends on both sides and cannot be renewed
        alice.post("/api/v1/accounts/" + bobOnA + "/follow");
        Eventually.until("following again", () -> alice.relationship(bobOnA).getBoolean("following"));
        Response block = bob.post("/api/v1/accounts/" + aliceOnB + "/block");
        assertThat(block.json().getBoolean("blocking")).isTrue();
        assertThat(block.json().getBoolean("followed_by")).isFalse();
        Eventually.until("the Block reaches A", () -> alice.relationship(bobOnA).getBoolean("blocked_by"));
        assertThat(alice.relationship(bobOnA).getBoolean("following")).isFalse();
        assertThat(alice.relationship(bobOnA).getBoolean("followed_by")).isFalse(); // both ways gone
        assertThat(count(alice, alice.id(), "followers_count")).isZero();
        Response refused = alice.post("/api/v1/accounts/" + bobOnA + "/follow");
        assertThat(refused.status()).isEqualTo(403);
    }
}
