package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.NOW;
import static social.chorus.federation.inbox.InboxRig.follow;
import static social.chorus.federation.inbox.InboxRig.outcome;
import static social.chorus.federation.inbox.InboxRig.post;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.RequestSigner;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.federation.sig.SigningKey;
import social.chorus.model.Account;
import social.chorus.testing.TestDatabase;

/** The inbound pipeline end to end below HTTP: signatures, origin checks, dedup, handlers. */
class InboxProcessorTest {
    private InboxRig world;

    @BeforeEach
    void start() {
        world = new InboxRig();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aSignedFollowIsAcceptedOnceAndAnsweredWithAccept(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            String body = follow(bob, "https://mastodon.example/follows/1", rig.alice);
            assertThat(outcome(rig.inbox.receive(post("/users/alice/inbox", body, bob.signingKey(), CLOCK),
                    Optional.of("alice")))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.refetches).isEqualTo(1); // unknown key: fetched and stored
            List<JsonObject> sent = rig.sent();
            assertThat(sent).singleElement().satisfies(a -> {
                assertThat(a.getString("type")).isEqualTo("Accept");
                assertThat(a.getJsonObject("object").getString("id")).isEqualTo("https://mastodon.example/follows/1");
            });
            // the same delivery again: nothing changes, nothing is sent, the stored key is used
            assertThat(outcome(rig.inbox.receive(post("/inbox", body, bob.signingKey(), CLOCK), Optional.empty())))
                    .isEqualTo(InboxProcessor.Outcome.DUPLICATE);
            assertThat(rig.refetches).isEqualTo(1);
            assertThat(rig.sent()).isEmpty();
            assertThat(rig.follows.relationship(rig.alice.id(),
                    rig.db.read(dsl -> rig.accounts.findByUri(dsl, bob.account().uri()).orElseThrow().id()).await())
                    .await().followedBy()).isTrue();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void forgedStaleAndUnsignedDeliveriesAreRefusedAndStoreNothing(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            Remote mallory = world.remote("mallory", "evil.example", true);
            String body = follow(bob, "https://mastodon.example/follows/2", rig.alice);

            HttpRequestView unsigned = HttpRequestView.outbound("POST", URI.create("https://chorus.example/inbox"),
                    HttpHeaders.of("Content-Type", "application/activity+json", "Host", "chorus.example"),
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat((String) outcome(rig.inbox.receive(unsigned, Optional.empty()))).startsWith("401 ")
                    .contains("MISSING_SIGNATURE");

            // bob's activity signed with mallory's key claiming to be bob's
            SigningKey forged = new SigningKey(bob.account().publicKey().id(), mallory.keys().getPrivate());
            assertThat((String) outcome(rig.inbox.receive(post("/inbox", body, forged, CLOCK), Optional.empty())))
                    .startsWith("401 ").contains("BAD_SIGNATURE");

            // mallory signs bob's activity with her own key: the key's owner is not the actor
            assertThat((String) outcome(rig.inbox.receive(post("/inbox", body, mallory.signingKey(), CLOCK),
                    Optional.empty()))).startsWith("401 ").contains("not to the activity's actor");

            Clock twoHoursAgo = Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC);
            assertThat((String) outcome(rig.inbox.receive(post("/inbox", body, bob.signingKey(), twoHoursAgo),
                    Optional.empty()))).startsWith("401 ").contains("DATE_OUT_OF_WINDOW");

            // a body altered after signing
            HttpRequestView signed = post("/inbox", body, bob.signingKey(), CLOCK);
            HttpRequestView altered = new HttpRequestView(signed.method(), signed.scheme(), signed.authority(),
                    signed.target(), signed.headers(), body.replace("follows/2", "follows/3")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat((String) outcome(rig.inbox.receive(altered, Optional.empty()))).startsWith("401 ")
                    .contains("DIGEST_MISMATCH");

            // a genuine request bob signed for another server, replayed here
            HttpRequestView forElsewhere = RequestSigner.of(SignatureStyle.CAVAGE, CLOCK).signed(
                    HttpRequestView.outbound("POST", URI.create("https://other.example/inbox"),
                            HttpHeaders.of("Content-Type", "application/activity+json"),
                            body.getBytes(StandardCharsets.UTF_8)), bob.signingKey());
            assertThat((String) outcome(rig.inbox.receive(forElsewhere, Optional.empty()))).startsWith("401 ")
                    .contains("signed for other.example, not for chorus.example");

            assertThat(rig.sent()).isEmpty();
            assertThat(rig.follows.relationship(rig.alice.id(), rig.alice.id()).await().followedBy()).isFalse();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void badBodiesAndForeignIdsAreRefused(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            assertThat((String) outcome(rig.inbox.receive(post("/inbox", "{not json", bob.signingKey(), CLOCK),
                    Optional.empty()))).startsWith("400 ").contains("unreadable");
            String note = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                    .put("id", "https://mastodon.example/notes/1").put("type", "Note")
                    .put("attributedTo", bob.account().uri()).put("content", "hi").encode();
            assertThat((String) outcome(rig.inbox.receive(post("/inbox", note, bob.signingKey(), CLOCK),
                    Optional.empty()))).startsWith("400 ").contains("not an activity");
            String spoofedId = follow(bob, "https://elsewhere.example/follows/9", rig.alice);
            assertThat((String) outcome(rig.inbox.receive(post("/inbox", spoofedId, bob.signingKey(), CLOCK),
                    Optional.empty()))).startsWith("403 ").contains("not on the actor's host");
            String unknownType = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                    .put("id", "https://mastodon.example/x/1").put("type", "Arrive")
                    .put("actor", bob.account().uri()).encode();
            assertThat(outcome(rig.inbox.receive(post("/inbox", unknownType, bob.signingKey(), CLOCK),
                    Optional.empty()))).isEqualTo(InboxProcessor.Outcome.IGNORED);
            assertThat(rig.sent()).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aDeletedActorWeNeverKnewIsAnsweredQuietly(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote gone = world.remote("gone", "mastodon.example", false); // its key can no longer be fetched
            String delete = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                    .put("id", gone.account().uri() + "#delete").put("type", "Delete")
                    .put("actor", gone.account().uri()).put("object", gone.account().uri()).encode();
            assertThat(outcome(rig.inbox.receive(post("/inbox", delete, gone.signingKey(), CLOCK), Optional.empty())))
                    .isEqualTo(InboxProcessor.Outcome.IGNORED);
            // anything else from an unfetchable key is still refused
            assertThat((String) outcome(rig.inbox.receive(post("/inbox", follow(gone, gone.account().uri()
                    + "/follows/1", rig.alice), gone.signingKey(), CLOCK), Optional.empty()))).startsWith("401 ");
            // and a known actor's Delete must verify: a forged one is refused
            Remote bob = world.remote("bob", "mastodon.example", false);
            rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, bob.account())).await();
            String bobDelete = delete.replace("users/gone", "users/bob");
            assertThat((String) outcome(rig.inbox.receive(post("/inbox", bobDelete, gone.signingKey(), CLOCK),
                    Optional.empty()))).startsWith("401 ");
            assertThat(rig.db.read(dsl -> rig.accounts.findByUri(dsl, bob.account().uri())).await()).isPresent();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void brokenOrStaleRequestsNeverMakeUsFetchTheKeyAgain(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            rig.inbox.receive(post("/inbox", follow(bob, "https://mastodon.example/follows/r1", rig.alice),
                    bob.signingKey(), CLOCK), Optional.empty()).await();
            assertThat(rig.refetches).isEqualTo(1);
            Clock twoHoursAgo = Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC);
            for (int i = 0; i < 5; i++) {
                HttpRequestView stale = post("/inbox", follow(bob, "https://mastodon.example/follows/s" + i,
                        rig.alice), bob.signingKey(), twoHoursAgo);
                assertThat((String) outcome(rig.inbox.receive(stale, Optional.empty()))).startsWith("401 ");
            }
            assertThat(rig.refetches).as("a stale date fails with any key: no refetch").isEqualTo(1);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRotatedKeyIsFetchedAgainOnceAndThenVerifies(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote oldBob = world.remote("bob", "mastodon.example", false);
            rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, oldBob.account())).await();
            Remote newBob = world.remote("bob", "mastodon.example", true); // same actor, new key pair
            String body = follow(newBob, "https://mastodon.example/follows/3", rig.alice);
            assertThat(outcome(rig.inbox.receive(post("/inbox", body, newBob.signingKey(), CLOCK),
                    Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.refetches).isEqualTo(1);
            String stored = rig.db.read(dsl -> rig.accounts.findByUri(dsl, newBob.account().uri()).orElseThrow()
                    .publicKey().encoded()).await();
            assertThat(stored).isEqualTo(newBob.account().publicKey().encoded());
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void undoUpdateBlockAndDeleteOfTheSendersOwnThings(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            String followId = "https://mastodon.example/follows/4";
            rig.inbox.receive(post("/inbox", follow(bob, followId, rig.alice), bob.signingKey(), CLOCK),
                    Optional.empty()).await();
            long bobId = rig.db.read(dsl -> rig.accounts.findByUri(dsl, bob.account().uri()).orElseThrow().id())
                    .await();
            JsonObject undo = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                    .put("id", "https://mastodon.example/undo/1").put("type", "Undo").put("actor", bob.account().uri())
                    .put("object", new JsonObject(follow(bob, followId, rig.alice)));
            undo.getJsonObject("object").remove("@context"); // embedded objects carry no context of their own
            assertThat(outcome(rig.inbox.receive(post("/inbox", undo.encode(), bob.signingKey(), CLOCK),
                    Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.follows.relationship(rig.alice.id(), bobId).await().followedBy()).isFalse();

            JsonObject update = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                    .put("id", "https://mastodon.example/update/1").put("type", "Update")
                    .put("actor", bob.account().uri()).put("object", new JsonObject()
                            .put("id", bob.account().uri()).put("type", "Person").put("preferredUsername", "bob")
                            .put("name", "Bob <script>x</script>").put("summary", "<p onclick=\"x()\">Hi</p>")
                            .put("inbox", bob.account().uri() + "/inbox"));
            assertThat(outcome(rig.inbox.receive(post("/inbox", update.encode(), bob.signingKey(), CLOCK),
                    Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            Account updated = rig.db.read(dsl -> rig.accounts.findById(dsl, bobId).orElseThrow()).await();
            assertThat(updated.displayName()).isEqualTo("Bob <script>x</script>"); // plain text, escaped when shown
            assertThat(updated.note()).isEqualTo("<p>Hi</p>");

            JsonObject block = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                    .put("id", "https://mastodon.example/blocks/1").put("type", "Block")
                    .put("actor", bob.account().uri()).put("object", rig.alice.uri());
            rig.inbox.receive(post("/inbox", block.encode(), bob.signingKey(), CLOCK), Optional.empty()).await();
            assertThat(rig.follows.relationship(rig.alice.id(), bobId).await().blockedBy()).isTrue();

            JsonObject delete = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
                    .put("id", bob.account().uri() + "#delete").put("type", "Delete")
                    .put("actor", bob.account().uri()).put("object", bob.account().uri());
            assertThat(outcome(rig.inbox.receive(post("/inbox", delete.encode(), bob.signingKey(), CLOCK),
                    Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.db.read(dsl -> rig.accounts.findById(dsl, bobId)).await()).isEmpty();
        });
    }
}
