package social.chorus.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import social.chorus.app.Chorus;
import social.chorus.federation.rig.ApiPerson;
import social.chorus.federation.rig.Eventually;
import social.chorus.federation.rig.LiveInstances;
import social.chorus.model.Status;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.TestDatabase;

/**
 * Three live instances, all on MariaDB, and the whole life of a post between them: alice@A
 * follows bob@B and carol@C; carol follows bob; dave@C follows nobody. bob posts, and the post is
 * in alice's home; alice replies and bob finds the reply in his thread and a notification; carol
 * boosts the post and alice sees the boost; alice's like and its undo change the count at the
 * origin; bob's edit reaches A and C and his delete removes the post from both; a followers-only
 * post reaches alice (and C, for carol) but not dave, and its URL refuses an unsigned fetch; a
 * direct post reaches only the one it mentions; a mention of dave, unknown on B, is resolved by
 * WebFinger and reaches him.
 */
@Timeout(300)
class ThreeInstancesScenarioTest {
    private LiveInstances live;
    private final StatusRepository statuses = new StatusRepository(Clock.systemUTC());

    @BeforeEach
    void start() {
        live = new LiveInstances(List.of(TestDatabase.Kind.MARIADB, TestDatabase.Kind.MARIADB,
                TestDatabase.Kind.MARIADB), Map.of());
    }

    @AfterEach
    void stop() {
        live.close();
    }

    private Optional<Status> stored(Chorus instance, String uri) {
        return instance.services().db().read(dsl -> statuses.findByUri(dsl, uri)).await();
    }

    private static JsonObject post(ApiPerson author, Map<String, String> form) {
        Response r = author.post("/api/v1/statuses", form);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonArray array(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body());
    }

    private static List<JsonObject> objects(Response r) {
        List<JsonObject> out = new ArrayList<>();
        array(r).forEach(o -> out.add((JsonObject) o));
        return out;
    }

    private static void follow(ApiPerson who, ApiPerson whom) {
        String id = who.resolve(whom);
        Response r = who.post("/api/v1/accounts/" + id + "/follow");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Eventually.until(who.handle() + " follows " + whom.handle(), () -> who.relationship(id).getBoolean("following"));
    }

    private static Response send(ApiPerson who, String method, String path, String form) {
        return who.api().send(HttpRequest.newBuilder(who.api().uri(path)).header("Authorization", "Bearer " + who.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The statuses of {@code who}'s home timeline. */
    private static List<JsonObject> home(ApiPerson who) {
        return objects(who.get("/api/v1/timelines/home?limit=40"));
    }

    @Test
    void postReplyBoostLikeEditDeleteAndVisibilityAcrossThreeInstances() {
        Chorus a = live.get(0);
        Chorus b = live.get(1);
        Chorus c = live.get(2);
        ApiPerson alice = ApiPerson.signUp(a, "alice");
        ApiPerson bob = ApiPerson.signUp(b, "bob");
        ApiPerson carol = ApiPerson.signUp(c, "carol");
        ApiPerson dave = ApiPerson.signUp(c, "dave");
        follow(alice, bob);
        follow(alice, carol);
        follow(carol, bob);

        // bob posts; the post is in alice's home on A.
        JsonObject hello = post(bob, Map.of("status", "what makes a good question? #chorus"));
        String uri = hello.getString("uri");
        Eventually.until("bob's post reaches A and C", () -> stored(a, uri).isPresent() && stored(c, uri).isPresent());
        String onA = String.valueOf(stored(a, uri).orElseThrow().id());
        String onC = String.valueOf(stored(c, uri).orElseThrow().id());
        assertThat(home(alice)).extracting(s -> s.getString("uri")).contains(uri);

        // alice replies; bob has it in his thread and is notified.
        JsonObject reply = post(alice, Map.of("status", "one that is still open after the answer", "in_reply_to_id", onA));
        Eventually.until("alice's reply reaches B", () -> stored(b, reply.getString("uri")).isPresent());
        Response context = bob.get("/api/v1/statuses/" + hello.getString("id") + "/context");
        assertThat(context.status()).as(context.body()).isEqualTo(200);
        assertThat(context.json().getJsonArray("descendants").stream().map(o -> ((JsonObject) o).getString("uri")))
                .containsExactly(reply.getString("uri"));
        Eventually.until("bob is notified of the reply", () -> objects(bob.get("/api/v1/notifications")).stream()
                .anyMatch(n -> n.getString("type").equals("mention")
                        && n.getJsonObject("status").getString("uri").equals(reply.getString("uri"))));

        // carol boosts bob's post on C; alice, who follows carol, sees the boost on A.
        Response boosted = carol.post("/api/v1/statuses/" + onC + "/reblog");
        assertThat(boosted.status()).as(boosted.body()).isEqualTo(200);
        Eventually.until("carol's boost is in alice's home", () -> home(alice).stream().anyMatch(s ->
                s.getValue("reblog") instanceof JsonObject inner && inner.getString("uri").equals(uri)
                        && s.getJsonObject("account").getString("acct").startsWith("carol@")));
        Eventually.until("bob is notified of the boost", () -> objects(bob.get("/api/v1/notifications?types[]=reblog"))
                .size() == 1);

        // alice's like and its undo change the count at the origin.
        assertThat(alice.post("/api/v1/statuses/" + onA + "/favourite").status()).isEqualTo(200);
        Eventually.until("the like is counted on B", () -> bob.get("/api/v1/statuses/" + hello.getString("id"))
                .json().getInteger("favourites_count") == 1);
        assertThat(alice.post("/api/v1/statuses/" + onA + "/unfavourite").status()).isEqualTo(200);
        Eventually.until("the undo is counted on B", () -> bob.get("/api/v1/statuses/" + hello.getString("id"))
                .json().getInteger("favourites_count") == 0);
        assertThat(bob.get("/api/v1/statuses/" + hello.getString("id")).json().getInteger("reblogs_count"))
                .isEqualTo(1);

        // bob's edit reaches A and C; carol, who boosted it, hears of it.
        Response edit = send(bob, "PUT", "/api/v1/statuses/" + hello.getString("id"),
                ApiTestClient.form(Map.of("status", "what makes a good question? (edited)")));
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        Eventually.until("the edit reaches A and C", () -> stored(a, uri).orElseThrow().content().html()
                .contains("(edited)") && stored(c, uri).orElseThrow().content().html().contains("(edited)"));
        Eventually.until("carol is told of the edit", () -> objects(carol.get("/api/v1/notifications?types[]=update"))
                .size() == 1);

        // bob's delete removes it from A and C.
        assertThat(send(bob, "DELETE", "/api/v1/statuses/" + hello.getString("id"), null).status()).isEqualTo(200);
        Eventually.until("the delete reaches A and C", () -> stored(a, uri).isEmpty() && stored(c, uri).isEmpty());
        assertThat(alice.get("/api/v1/statuses/" + onA).status()).isEqualTo(404);
        assertThat(home(alice)).extracting(s -> s.getString("uri")).doesNotContain(uri);

        // A followers-only post: alice and carol, not dave; the URL refuses an unsigned fetch.
        JsonObject priv = post(bob, Map.of("status", "for my followers", "visibility", "private"));
        String privUri = priv.getString("uri");
        Eventually.until("the followers-only post reaches A and C",
                () -> stored(a, privUri).isPresent() && stored(c, privUri).isPresent());
        String privOnC = String.valueOf(stored(c, privUri).orElseThrow().id());
        assertThat(alice.get("/api/v1/statuses/" + stored(a, privUri).orElseThrow().id()).status()).isEqualTo(200);
        assertThat(carol.get("/api/v1/statuses/" + privOnC).status()).isEqualTo(200);
        assertThat(dave.get("/api/v1/statuses/" + privOnC).status()).isEqualTo(404);
        assertThat(home(dave)).isEmpty();
        Response unsigned = bob.api().send(HttpRequest.newBuilder(URI.create(privUri))
                .header("Accept", "application/activity+json").GET());
        assertThat(unsigned.status()).isIn(401, 404);
        assertThat(unsigned.body()).doesNotContain("for my followers");

        // A direct post reaches only the account it mentions.
        JsonObject direct = post(bob, Map.of("status", "just between us " + alice.handle(), "visibility", "direct"));
        Eventually.until("the direct post reaches A", () -> stored(a, direct.getString("uri")).isPresent());
        assertThat(home(alice)).extracting(s -> s.getString("uri")).contains(direct.getString("uri"));
        Eventually.until("B has sent everything", () -> b.services().db().read(dsl ->
                b.services().federation().deliveries().stats(dsl)).await().pending() == 0);
        assertThat(stored(c, direct.getString("uri"))).isEmpty();

        // A mention of someone B has never heard of: found by WebFinger, addressed and notified on C.
        JsonObject hi = post(bob, Map.of("status", "welcome " + dave.handle()));
        assertThat(hi.getJsonArray("mentions").getJsonObject(0).getString("acct"))
                .isEqualTo(dave.handle().substring(1));
        Eventually.until("dave is notified on C", () -> objects(dave.get("/api/v1/notifications?types[]=mention"))
                .stream().anyMatch(n -> n.getJsonObject("status").getString("uri").equals(hi.getString("uri"))));
    }
}
