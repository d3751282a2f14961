package social.chorus.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import social.chorus.app.Chorus;
import social.chorus.federation.rig.ApiPerson;
import social.chorus.federation.rig.Eventually;
import social.chorus.federation.rig.TwoInstances;
import social.chorus.model.Status;
import social.chorus.model.Visibility;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.ApiTestClient;

/**
 * Posts federating between two live instances (A on MariaDB, B on H2): alice@A follows bob@B;
 * bob's public post, its edit and its delete reach A; a followers-only post reaches A but its
 * object URL refuses an unsigned fetch; a direct post to alice reaches A; a post by carol@B,
 * whom nobody on A follows, is not delivered to A.
 */
@Timeout(120)
class TwoInstancesStatusesTest {
    private TwoInstances two;
    private final StatusRepository statuses = new StatusRepository(Clock.systemUTC());

    @BeforeEach
    void start() {
        two = new TwoInstances(Map.of());
    }

    @AfterEach
    void stop() {
        two.close();
    }

    private static JsonObject status(ApiPerson author, String text, String visibility) {
        Response r = author.post("/api/v1/statuses", Map.of("status", text, "visibility", visibility));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private Optional<Status> onA(String uri) {
        return two.a().services().db().read(dsl -> statuses.findByUri(dsl, uri)).await();
    }

    /** No delivery from B to A is waiting or in flight. */
    private boolean bDrained() {
        Chorus b = two.b();
        return b.services().db().read(dsl -> b.services().federation().deliveries().stats(dsl)).await().pending() == 0;
    }

    @Test
    void postsEditsDeletesAndVisibilityAcrossInstances() {
        ApiPerson alice = ApiPerson.signUp(two.a(), "alice");
        ApiPerson bob = ApiPerson.signUp(two.b(), "bob");
        ApiPerson carol = ApiPerson.signUp(two.b(), "carol");
        String bobOnA = alice.resolve(bob);
        alice.post("/api/v1/accounts/" + bobOnA + "/follow");
        Eventually.until("alice follows bob", () -> alice.relationship(bobOnA).getBoolean("following"));

        JsonObject hello = status(bob, "hello from B #chorus", "public");
        String uri = hello.getString("uri");
        Eventually.until("the public post reaches A", () -> onA(uri).isPresent());
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
        Eventually.until("the edit reaches A", () -> onA(uri).map(s -> s.content().html().contains("edited on B"))
                .orElse(false));

        Response deleted = bob.api().send(HttpRequest.newBuilder(bob.api().uri("/api/v1/statuses/"
                + hello.getString("id"))).header("Authorization", "Bearer " + bob.token()).DELETE());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        Eventually.until("the delete reaches A", () -> onA(uri).isEmpty());

        JsonObject priv = status(bob, "followers only", "private");
        Eventually.until("the followers-only post reaches A", () -> onA(priv.getString("uri")).isPresent());
        assertThat(onA(priv.getString("uri")).orElseThrow().visibility()).isEqualTo(Visibility.PRIVATE);
        Response unsigned = bob.api().send(HttpRequest.newBuilder(java.net.URI.create(priv.getString("uri")))
                .header("Accept", "application/activity+json").GET());
        assertThat(unsigned.status()).isEqualTo(404);
        assertThat(unsigned.body()).doesNotContain("followers only");

        JsonObject direct = status(bob, "psst " + alice.handle(), "direct");
        Eventually.until("the direct post reaches A", () -> onA(direct.getString("uri")).isPresent());
        assertThat(onA(direct.getString("uri")).orElseThrow().visibility()).isEqualTo(Visibility.DIRECT);

        JsonObject unfollowed = status(carol, "nobody on A follows me", "public");
        Eventually.until("B has sent everything", this::bDrained);
        assertThat(onA(unfollowed.getString("uri"))).isEmpty();
    }
}
