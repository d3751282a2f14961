package social.chorus.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
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
 * Two live instances talking ActivityPub to each other over HTTP: A on MariaDB, B on the
 * embedded database, each on its own port with its own keys. Everything goes through the
 * client API on one side and federation on the wire: signed deliveries, key fetches, WebFinger.
 */
@Timeout(120)
class TwoInstancesFollowTest {
    private TestDatabase dbA;
    private TestDatabase dbB;
    private Chorus a;
    private Chorus b;

    /** A signed-in person on one instance, driven through the client API. */
    private record Person(ApiTestClient api, String token, String id, String handle) {
        Response get(String path) {
            return api.get(path, token);
        }

        Response post(String path) {
            return api.postForm(path, Map.of(), token);
        }
    }

    @BeforeEach
    void start() {
        dbA = TestDatabase.mariadb();
        dbB = TestDatabase.h2();
        // Loopback peers and plain http exist only behind this explicit development setting.
        Map<String, String> dev = Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true", "CHORUS_REGISTRATIONS", "open");
        a = Chorus.start(TestConfig.of(dbA, dev));
        b = Chorus.start(TestConfig.of(dbB, dev));
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

    private static Person signUp(Chorus instance, String username) {
        ApiTestClient api = new ApiTestClient(instance);
        JsonObject app = api.registerApp("urn:ietf:wg:oauth:2.0:oob", "read write follow");
        Response registered = api.registerAccount(api.appToken(app, "read write follow"), username,
                "a long enough password");
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        String token = registered.json().getString("access_token");
        JsonObject me = api.get("/api/v1/accounts/verify_credentials", token).json();
        return new Person(api, token, me.getString("id"), "@" + username + "@" + instance.config().domain());
    }

    /** The id that {@code viewer}'s instance gives {@code other}, found by a resolving search. */
    private static String resolve(Person viewer, Person other) {
        Response found = viewer.get("/api/v2/search?type=accounts&resolve=true&q=" + other.handle()
                .replace("@", "%40"));
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        JsonArray accounts = found.json().getJsonArray("accounts");
        assertThat(accounts).as("search for " + other.handle() + ": " + found.body()).hasSize(1);
        return accounts.getJsonObject(0).getString("id");
    }

    private static JsonObject relationship(Person viewer, String otherId) {
        Response r = viewer.get("/api/v1/accounts/relationships?id[]=" + otherId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body()).getJsonObject(0);
    }

    /** Deliveries are asynchronous: wait (bounded) until the condition holds. */
    private static void eventually(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int count(Person viewer, String accountId, String field) {
        return viewer.get("/api/v1/accounts/" + accountId).json().getInteger(field);
    }

    @Test
    void followBothWaysThenUnfollowAndBlock() {
        Person alice = signUp(a, "alice");
        Person bob = signUp(b, "bob");

        String bobOnA = resolve(alice, bob);
        Response follow = alice.post("/api/v1/accounts/" + bobOnA + "/follow");
        assertThat(follow.status()).as(follow.body()).isEqualTo(200);
        assertThat(follow.json().getBoolean("requested")).isTrue(); // until B answers

        eventually("B's Accept reaches A", () -> relationship(alice, bobOnA).getBoolean("following"));
        String aliceOnB = resolve(bob, alice);
        assertThat(relationship(bob, aliceOnB).getBoolean("followed_by")).isTrue();
        JsonArray followers = new JsonArray(bob.get("/api/v1/accounts/" + bob.id() + "/followers").body());
        assertThat(followers).hasSize(1);
        assertThat(followers.getJsonObject(0).getString("acct")).isEqualTo(alice.handle().substring(1));
        assertThat(count(bob, bob.id(), "followers_count")).isEqualTo(1);
        assertThat(count(alice, alice.id(), "following_count")).isEqualTo(1);
        JsonObject bobsCollection = new JsonObject(bob.api().send(HttpRequest.newBuilder(
                bob.api().uri("/users/bob/followers")).header("Accept", "application/activity+json")).body());
        assertThat(bobsCollection.getInteger("totalItems")).isEqualTo(1);

        // bob edits his profile: A, which holds a copy of him for alice, receives the Update
        Response edited = bob.api().patchForm("/api/v1/accounts/update_credentials",
                Map.of("display_name", "Bob of B", "note", "Now with a bio"), bob.token());
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        eventually("the Update(Person) reaches A", () -> "Bob of B".equals(
                alice.get("/api/v1/accounts/" + bobOnA).json().getString("display_name")));
        assertThat(alice.get("/api/v1/accounts/" + bobOnA).json().getString("note")).contains("Now with a bio");

        // and the other way round: bob on B follows alice on A
        Response back = bob.post("/api/v1/accounts/" + aliceOnB + "/follow");
        assertThat(back.status()).as(back.body()).isEqualTo(200);
        eventually("A's Accept reaches B", () -> relationship(bob, aliceOnB).getBoolean("following"));
        assertThat(relationship(alice, bobOnA).getBoolean("followed_by")).isTrue();
        assertThat(count(alice, alice.id(), "followers_count")).isEqualTo(1);
        assertThat(count(bob, bob.id(), "following_count")).isEqualTo(1);

        Response unfollow = alice.post("/api/v1/accounts/" + bobOnA + "/unfollow");
        assertThat(unfollow.json().getBoolean("following")).isFalse();
        eventually("the Undo reaches B", () -> !relationship(bob, aliceOnB).getBoolean("followed_by"));
        assertThat(count(bob, bob.id(), "followers_count")).isZero();

        // alice follows again; bob blocks her: the follow ends on both sides and cannot be renewed
        alice.post("/api/v1/accounts/" + bobOnA + "/follow");
        eventually("following again", () -> relationship(alice, bobOnA).getBoolean("following"));
        Response block = bob.post("/api/v1/accounts/" + aliceOnB + "/block");
        assertThat(block.json().getBoolean("blocking")).isTrue();
        assertThat(block.json().getBoolean("followed_by")).isFalse();
        eventually("the Block reaches A", () -> relationship(alice, bobOnA).getBoolean("blocked_by"));
        assertThat(relationship(alice, bobOnA).getBoolean("following")).isFalse();
        assertThat(relationship(alice, bobOnA).getBoolean("followed_by")).isFalse(); // both ways gone
        assertThat(count(alice, alice.id(), "followers_count")).isZero();
        Response refused = alice.post("/api/v1/accounts/" + bobOnA + "/follow");
        assertThat(refused.status()).isEqualTo(403);
    }
}
