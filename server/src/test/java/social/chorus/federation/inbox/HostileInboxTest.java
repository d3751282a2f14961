package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.schema.Tables.ACCOUNT;
import static social.chorus.schema.Tables.ACCOUNT_BLOCK;
import static social.chorus.schema.Tables.DELIVERY;
import static social.chorus.schema.Tables.FOLLOW;
import static social.chorus.schema.Tables.RECEIVED_ACTIVITY;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.Chorus;
import social.chorus.federation.sig.SigningKey;
import social.chorus.model.Account;
import social.chorus.process.account.SignUp;
import social.chorus.testing.ApiTestClient;
import social.chorus.testing.ApiTestClient.Response;
import social.chorus.testing.RemoteActors;
import social.chorus.testing.TestConfig;
import social.chorus.testing.TestDatabase;

/**
 * Hostile deliveries over real HTTP to an in-process instance: each is answered with its status
 * and a reason, and leaves no follow, block, delivery, dedup mark or stray remote account
 * behind. Remote actors are served by WireMock on 127.0.0.1 (so this instance allows private
 * addresses; {@link SsrfGuardTest} covers the guard).
 */
@Timeout(120)
class HostileInboxTest {
    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final String AP = "application/activity+json";
    private static final Clock NOW = Clock.systemUTC();

    /** What an inbound delivery can leave behind. */
    record Counts(int follows, int blocks, int received, int deliveries, List<String> remoteAccounts) {
    }

    private static final class Rig implements AutoCloseable {
        final TestDatabase db;
        final Chorus chorus;
        final ApiTestClient api;
        final RemoteActors remote = new RemoteActors();
        final Account alice;

        Rig(TestDatabase.Kind kind) {
            db = TestDatabase.create(kind);
            chorus = Chorus.start(TestConfig.of(db, Map.of("CHORUS_ALLOW_PRIVATE_ADDRESSES", "true")));
            api = new ApiTestClient(chorus);
            alice = chorus.services().accounts().signUp(new SignUp("alice", "alice@example.org",
                    "long enough password", "Alice", "", SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
        }

        Counts counts() {
            return chorus.services().db().read(dsl -> new Counts(dsl.fetchCount(FOLLOW), dsl.fetchCount(ACCOUNT_BLOCK),
                    dsl.fetchCount(RECEIVED_ACTIVITY), dsl.fetchCount(DELIVERY),
                    dsl.select(ACCOUNT.URI).from(ACCOUNT).where(ACCOUNT.DOMAIN.ne("")).orderBy(ACCOUNT.URI)
                            .fetch(ACCOUNT.URI))).await();
        }

        Response post(String path, String body, SigningKey key) {
            return api.send(RemoteActors.signedPost(api.uri(path), body, key, NOW));
        }

        @Override
        public void close() {
            try {
                chorus.stop();
            } finally {
                remote.close();
                db.close();
            }
        }
    }

    static String follow(String actor, String id, String object) {
        return new JsonObject().put("@context", AS).put("id", id).put("type", "Follow").put("actor", actor)
                .put("object", object).encode();
    }

    private static void assertRefused(Response r, int status, String reason) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.json().getString("error")).contains(reason);
    }

    private static void assertNothingStored(Rig rig, String... remoteAccounts) {
        Counts c = rig.counts();
        assertThat(c.follows()).as("follows").isZero();
        assertThat(c.blocks()).as("blocks").isZero();
        assertThat(c.received()).as("dedup marks").isZero();
        assertThat(c.deliveries()).as("deliveries").isZero();
        assertThat(c.remoteAccounts()).as("remote accounts").containsExactlyInAnyOrder(remoteAccounts);
        assertThat(rig.chorus.services().db().read(dsl -> rig.chorus.services().federation().deliveries().stats(dsl))
                .await().pending()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void forgedAndMismatchedDeliveriesAreRefusedWithAReason(TestDatabase.Kind kind) {
        try (Rig rig = new Rig(kind)) {
            String bob = rig.remote.actor("bob");
            String mallory = rig.remote.actor("mallory");
            String body = follow(bob, bob + "/follows/1", rig.alice.uri());

            Response unsigned = rig.api.send(HttpRequest.newBuilder(rig.api.uri("/inbox"))
                    .header("Content-Type", AP).POST(HttpRequest.BodyPublishers.ofString(body)));
            assertRefused(unsigned, 401, "MISSING_SIGNATURE");
            assertNothingStored(rig); // not even bob: an unsigned request never makes us fetch anything
            assertThat(rig.remote.requestsTo("/users/bob")).isZero();

            // bob's keyId, another private key: bob's real key is fetched (and kept), the delivery refused
            assertRefused(rig.post("/inbox", body, RemoteActors.forgedKey(bob)), 401, "BAD_SIGNATURE");
            assertNothingStored(rig, bob);

            // mallory signs bob's Follow with her own (valid) key
            assertRefused(rig.post("/users/alice/inbox", body, RemoteActors.key(mallory)), 401,
                    "not to the activity's actor");
            assertNothingStored(rig, bob, mallory);

            // bob's key, but an activity id on another server
            assertRefused(rig.post("/inbox", follow(bob, "https://elsewhere.example/follows/1", rig.alice.uri()),
                    RemoteActors.key(bob)), 403, "not on the actor's host");
            // an actor on another server than the key
            assertRefused(rig.post("/inbox", follow("https://elsewhere.example/users/bob",
                    "https://elsewhere.example/follows/2", rig.alice.uri()), RemoteActors.key(bob)), 401,
                    "not to the activity's actor");

            // a signature of this body, sent with another body
            HttpRequest.Builder altered = RemoteActors.signedPost(rig.api.uri("/inbox"), body, RemoteActors.key(bob),
                    NOW).POST(HttpRequest.BodyPublishers.ofString(body.replace("follows/1", "follows/9")));
            assertRefused(rig.api.send(altered), 401, "DIGEST_MISMATCH");
            // signed two hours ago
            assertRefused(rig.api.send(RemoteActors.signedPost(rig.api.uri("/inbox"), body, RemoteActors.key(bob),
                    Clock.offset(NOW, Duration.ofHours(-2)))), 401, "DATE_OUT_OF_WINDOW");
            assertNothingStored(rig, bob, mallory);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void badBodiesAreRefusedBeforeAnythingHappens(TestDatabase.Kind kind) {
        try (Rig rig = new Rig(kind)) {
            String bob = rig.remote.actor("bob");
            String carol = rig.remote.actor("carol");
            SigningKey key = RemoteActors.key(bob);

            assertRefused(rig.post("/inbox", "{\"type\": \"Follow\", \"actor\": ", key), 400, "unreadable");
            assertRefused(rig.post("/inbox", new JsonArray().add(new JsonObject(follow(bob, bob + "/follows/1",
                    rig.alice.uri()))).encode(), key), 400, "not an array");
            String note = new JsonObject().put("@context", AS).put("id", bob + "/notes/1").put("type", "Note")
                    .put("attributedTo", bob).put("content", "hi").encode();
            assertRefused(rig.post("/inbox", note, key), 400, "not an activity");
            assertRefused(rig.post("/inbox", "\"Follow\"", key), 400, "not a string");
            assertNothingStored(rig, bob);

            String body = follow(bob, bob + "/follows/1", rig.alice.uri());
            HttpRequest.Builder plain = RemoteActors.signedPost(rig.api.uri("/inbox"), body, key, NOW)
                    .setHeader("Content-Type", "text/plain");
            assertRefused(rig.api.send(plain), 415, "application/activity+json");
            assertRefused(rig.api.send(HttpRequest.newBuilder(rig.api.uri("/users/alice/inbox"))
                    .POST(HttpRequest.BodyPublishers.ofString(body))), 415, "application/activity+json");

            // Over 1 MiB, signed by carol, whom we do not know yet: had the pipeline run, it would have
            // fetched her key. Once with a Content-Length, once streamed in chunks without one.
            String big = new JsonObject(follow(carol, carol + "/follows/1", rig.alice.uri()))
                    .put("padding", "x".repeat(1024 * 1024)).encode();
            Response tooBig = rig.post("/inbox", big, RemoteActors.key(carol));
            assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);
            byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
            Response chunked = rig.api.send(RemoteActors.signedPost(rig.api.uri("/users/alice/inbox"), big,
                    RemoteActors.key(carol), NOW).POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(bytes))));
            assertThat(chunked.status()).as(chunked.body()).isEqualTo(413);
            assertThat(rig.remote.requestsTo("/users/carol")).isZero();
            assertNothingStored(rig, bob);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aReplayedDeliveryIsAcceptedAndChangesNothing(TestDatabase.Kind kind) {
        try (Rig rig = new Rig(kind)) {
            String bob = rig.remote.actor("bob");
            String body = follow(bob, bob + "/follows/1", rig.alice.uri());
            HttpRequest first = RemoteActors.signedPost(rig.api.uri("/inbox"), body, RemoteActors.key(bob), NOW)
                    .build();
            assertThat(rig.api.send(HttpRequest.newBuilder(first, (n, v) -> true)).status()).isEqualTo(202);
            Counts after = rig.counts();
            assertThat(after).isEqualTo(new Counts(1, 0, 1, 1, List.of(bob))); // the follow and its Accept

            // byte for byte the same request again
            assertThat(rig.api.send(HttpRequest.newBuilder(first, (n, v) -> true)).status()).isEqualTo(202);
            assertThat(rig.counts()).isEqualTo(after);
            // re-signed a minute later, and to the personal inbox
            assertThat(rig.api.send(RemoteActors.signedPost(rig.api.uri("/users/alice/inbox"), body,
                    RemoteActors.key(bob), Clock.offset(NOW, Duration.ofMinutes(1)))).status()).isEqualTo(202);
            assertThat(rig.counts()).isEqualTo(after);
            assertThat(rig.remote.requestsTo("/users/bob")).isEqualTo(1); // the stored key served every check
        }
    }

    /** A sender retrying before our first answer arrives: one of the copies is handled, all get 202. */
    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void concurrentCopiesOfOneDeliveryAreHandledOnce(TestDatabase.Kind kind) {
        try (Rig rig = new Rig(kind)) {
            String bob = rig.remote.actor("bob");
            // bob known beforehand, so that every copy goes straight to the database
            rig.chorus.services().federation().remoteAccounts().resolve(bob).await();
            HttpRequest request = RemoteActors.signedPost(rig.api.uri("/inbox"),
                    follow(bob, bob + "/follows/1", rig.alice.uri()), RemoteActors.key(bob), NOW).build();
            List<Integer> statuses = IntStream.range(0, 8).parallel()
                    .mapToObj(i -> rig.api.send(HttpRequest.newBuilder(request, (n, v) -> true)).status()).toList();
            assertThat(statuses).containsOnly(202);
            assertThat(rig.counts()).isEqualTo(new Counts(1, 0, 1, 1, List.of(bob)));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void ignoredActivitiesAreAcceptedAndLeaveNothing(TestDatabase.Kind kind) {
        try (Rig rig = new Rig(kind)) {
            String bob = rig.remote.actor("bob");
            String arrive = new JsonObject().put("@context", AS).put("id", bob + "/arrive/1").put("type", "Arrive")
                    .put("actor", bob).put("location", "https://places.example/1").encode();
            assertThat(rig.post("/inbox", arrive, RemoteActors.key(bob)).status()).isEqualTo(202);
            // an unknown type is not even remembered: nothing to repeat, and the table stays small
            assertThat(rig.counts()).isEqualTo(new Counts(0, 0, 0, 0, List.of(bob)));

            String nobody = rig.chorus.config().baseUrl() + "/users/nobody";
            assertThat(rig.post("/inbox", follow(bob, bob + "/follows/1", nobody), RemoteActors.key(bob)).status())
                    .isEqualTo(202);
            assertThat(rig.post("/users/nobody/inbox", follow(bob, bob + "/follows/2", nobody),
                    RemoteActors.key(bob)).status()).isEqualTo(202);
            // a Follow of an actor on another server is not ours to handle either
            assertThat(rig.post("/inbox", follow(bob, bob + "/follows/3", "https://elsewhere.example/users/x"),
                    RemoteActors.key(bob)).status()).isEqualTo(202);
            assertThat(rig.counts()).isEqualTo(new Counts(0, 0, 3, 0, List.of(bob)));
        }
    }
}
