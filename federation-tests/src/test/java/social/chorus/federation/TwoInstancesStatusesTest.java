package social.chorus.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import social.chorus.app.Chorus;
import social.chorus.model.Status;
import social.chorus.model.Visibility;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * Posts federating between two live instances (A on MariaDB, B on H2): alice@A follows bob@B;
 * bob's public post, its edit and its delete reach A; a followers-only post reaches A but its
 * object URL refuses an unsigned fetch; a direct post to alice reaches A; a post by carol@B,
 * whom nobody on A follows, is not delivered to A.
 */
@Timeout(120)
class TwoInstancesStatusesTest {
    private TestDatabase dbA;
    private TestDatabase dbB;
    private Chorus a;
    private Chorus b;
    private final StatusRepository statuses = new StatusRepository(Clock.systemUTC());

    private record Person(ApiTestClient api, String token, String id, String handle) {
        Response get(String path) {
            return api.get(path, token);
        }

        Response post(String path, Map<String, String> form) {
            return api.postForm(path, form, token);
        }

        JsonObject status(String text, String visibility) {
            Response r = post("/api/v1/statuses", Map.of("status", text, "visibility", visibility));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json();
        }
    }

    @BeforeEach
    void start() {
        dbA = TestDatabase.mariadb();
        dbB = TestDatabase.h2();
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

    private static String resolve(Person viewer, Person other) {
        Response found = viewer.get("/api/v2/search?type=accounts&resolve=true&q=" + other.handle()
                .replace("@", "%40"));
        JsonArray accounts = found.json().getJsonArray("accounts");
        assertThat(accounts).as(found.body()).hasSize(1);
        return accounts.getJsonObject(0).getString("id");
    }

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

    private Optional<Status> onA(String uri) {
        return a.services().db().read(dsl -> statuses.findByUri(dsl, uri)).await();
    }

    /** No delivery from B to A is waiting or in flight. */
    private boolean bDrained() {
        return b.services().db().read(dsl -> b.services().federation().deliveries().stats(dsl)).await().pending() == 0;
    }

    @Test
    void postsEditsDeletesAndVisibilityAcrossInstances() {
        Person alice = signUp(a, "alice");
        Person bob = signUp(b, "bob");
        Person carol = signUp(b, "carol");
        String bobOnA = resolve(alice, bob);
        alice.post("/api/v1/accounts/" + bobOnA + "/follow", Map.of());
        eventually("alice follows bob", () -> new JsonArray(alice.get("/api/v1/accounts/relationships?id[]="
                + bobOnA).body()).getJsonObject(0).getBoolean("following"));

        JsonObject hello = bob.status("hello from B #chorus", "public");
        String uri = hello.getString("uri");
        eventually("the public post reaches A", () -> onA(uri).isPresent());
        Status there = onA(uri).orElseThrow();
        assertThat(there.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(there.local()).isFalse();
        Response shown = alice.get("/api/v1/statuses/" + there.id());
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().getString("content")).contains("hello from B");

        Response edit = bob.api().send(HttpRequest.newBuilder(bob.api().uri("/api/v1/statuses/" + hello.getString("id")))
                .header("Authorization", "Bearer " + bob.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(ApiTestClient.form(Map.of("status", "edited on B")))));
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        eventually("the edit reaches A", () -> onA(uri).map(s -> s.content().html().contains("edited on B"))
                .orElse(false));

        Response deleted = bob.api().send(HttpRequest.newBuilder(bob.api().uri("/api/v1/statuses/"
                + hello.getString("id"))).header("Authorization", "Bearer " + bob.token()).DELETE());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        eventually("the delete reaches A", () -> onA(uri).isEmpty());

        JsonObject priv = bob.status("followers only", "private");
        eventually("the followers-only post reaches A", () -> onA(priv.getString("uri")).isPresent());
        assertThat(onA(priv.getString("uri")).orElseThrow().visibility()).isEqualTo(Visibility.PRIVATE);
        Response unsigned = bob.api().send(HttpRequest.newBuilder(java.net.URI.create(priv.getString("uri")))
                .header("Accept", "application/activity+json").GET());
        assertThat(unsigned.status()).isEqualTo(404);
        assertThat(unsigned.body()).doesNotContain("followers only");

        JsonObject direct = bob.status("psst " + alice.handle(), "direct");
        eventually("the direct post reaches A", () -> onA(direct.getString("uri")).isPresent());
        assertThat(onA(direct.getString("uri")).orElseThrow().visibility()).isEqualTo(Visibility.DIRECT);

        JsonObject unfollowed = carol.status("nobody on A follows me", "public");
        eventually("B has sent everything", this::bDrained);
        assertThat(onA(unfollowed.getString("uri"))).isEmpty();
    }
}
