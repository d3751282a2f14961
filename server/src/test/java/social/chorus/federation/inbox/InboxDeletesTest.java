package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.NOW;
import static social.chorus.federation.inbox.InboxRig.outcome;
import static social.chorus.federation.inbox.InboxRig.post;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusTombstone;
import social.chorus.model.Visibility;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.storage.TombstoneRepository;
import social.chorus.testing.TestDatabase;

/**
 * Deletes of remote posts and actors: tombstones for posts (also before their Create arrives,
 * only on the sender's host), and an actor's Delete taking its posts along, on both databases.
 */
class InboxDeletesTest {
    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final String PUBLIC = AS + "#Public";

    private InboxRig world;
    private final StatusRepository statuses = new StatusRepository(CLOCK);
    private final TombstoneRepository tombstones = new TombstoneRepository(CLOCK);

    @BeforeEach
    void start() {
        world = new InboxRig();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private Object send(InboxRig.Rig rig, Remote from, String body) {
        return outcome(rig.inbox.receive(post("/inbox", body, from.signingKey(), CLOCK), Optional.empty()));
    }

    private static String create(Remote author, String id, String inReplyTo) {
        JsonObject note = new JsonObject().put("id", id).put("type", "Note")
                .put("attributedTo", author.account().uri()).put("content", "<p>post " + id + "</p>")
                .put("to", new JsonArray().add(PUBLIC)).put("cc", new JsonArray())
                .put("published", "2026-11-29T11:00:00Z");
        if (inReplyTo != null) {
            note.put("inReplyTo", inReplyTo);
        }
        return new JsonObject().put("@context", AS).put("id", id + "/activity").put("type", "Create")
                .put("actor", author.account().uri()).put("object", note).encode();
    }

    private static String delete(Remote actor, String activityId, String objectId) {
        return new JsonObject().put("@context", AS).put("id", activityId).put("type", "Delete")
                .put("actor", actor.account().uri())
                .put("object", new JsonObject().put("id", objectId).put("type", "Tombstone")).encode();
    }

    private Optional<Status> stored(InboxRig.Rig rig, String uri) {
        return rig.db.read(dsl -> statuses.findByUri(dsl, uri)).await();
    }

    private Optional<StatusTombstone> tombstone(InboxRig.Rig rig, String uri) {
        return rig.db.read(dsl -> tombstones.find(dsl, uri)).await();
    }

    private Account storeFollowed(InboxRig.Rig rig, Remote r) {
        Account a = rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, r.account())).await();
        rig.db.tx(dsl -> new FollowRepository(CLOCK).insert(dsl, rig.alice.id(), a.id(),
                "https://chorus.example/follows/" + a.id(), Follow.State.ACCEPTED)).await();
        return a;
    }

    private int statusesCount(InboxRig.Rig rig, long accountId) {
        return rig.db.read(dsl -> rig.accounts.findById(dsl, accountId).orElseThrow().counts().statuses()).await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aDeleteBeforeItsCreateDropsTheLateCreate(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            Account bobStored = storeFollowed(rig, bob);
            String early = "https://mastodon.example/users/bob/statuses/1";

            assertThat(send(rig, bob, delete(bob, early + "#delete", early))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            StatusTombstone t = tombstone(rig, early).orElseThrow();
            assertThat(t.accountId()).isEqualTo(bobStored.id());
            assertThat(t.deletedAt()).isEqualTo(NOW);

            // The Create that arrives late is accepted (202) but stores nothing.
            assertThat(send(rig, bob, create(bob, early, null))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, early)).isEmpty();
            assertThat(statusesCount(rig, bobStored.id())).isZero();

            // A stored post that is deleted leaves a tombstone too: a replayed Create stays dropped.
            String later = "https://mastodon.example/users/bob/statuses/2";
            assertThat(send(rig, bob, create(bob, later, null))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, later)).isPresent();
            assertThat(statusesCount(rig, bobStored.id())).isEqualTo(1);
            assertThat(send(rig, bob, delete(bob, later + "#delete", later))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, later)).isEmpty();
            assertThat(tombstone(rig, later)).isPresent();
            assertThat(statusesCount(rig, bobStored.id())).isZero();
            String replay = new JsonObject(create(bob, later, null)).put("id", later + "/activity-again").encode();
            assertThat(send(rig, bob, replay)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, later)).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void nobodyTombstonesSomeoneElsesPost(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            storeFollowed(rig, bob);
            Remote mallory = world.remote("mallory", "evil.example", true);
            rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, mallory.account())).await();
            Remote neighbour = world.remote("neighbour", "mastodon.example", true);
            Account neighbourStored = rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, neighbour.account())).await();
            String first = "https://mastodon.example/users/bob/statuses/10";
            String second = "https://mastodon.example/users/bob/statuses/11";

            // Another server's id: no tombstone at all, and bob's Create is stored.
            assertThat(send(rig, mallory, delete(mallory, "https://evil.example/d/1", first)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(tombstone(rig, first)).isEmpty();
            assertThat(send(rig, bob, create(bob, first, null))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, first)).isPresent();

            // A stored post of someone else: neither deleted nor tombstoned.
            assertThat(send(rig, mallory, delete(mallory, "https://evil.example/d/2", first)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, first)).isPresent();
            assertThat(tombstone(rig, first)).isEmpty();

            // Same host, other actor: the tombstone is the neighbour's, and bob's own Create still counts.
            assertThat(send(rig, neighbour, delete(neighbour, "https://mastodon.example/d/3", second)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(tombstone(rig, second).orElseThrow().accountId()).isEqualTo(neighbourStored.id());
            assertThat(send(rig, bob, create(bob, second, null))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, second)).isPresent();

            // A Delete naming a local post (ours) is no reason to tombstone it.
            String local = "https://chorus.example/users/alice/statuses/1";
            assertThat(send(rig, mallory, delete(mallory, "https://evil.example/d/4", local)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(tombstone(rig, local)).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anActorsDeleteRemovesTheirPostsAndUncountsTheirReplies(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            Account bobStored = storeFollowed(rig, bob);
            Status alicePost = rig.db.tx(dsl -> statuses.insert(dsl, new Status(1L << 20,
                    "https://chorus.example/users/alice/statuses/" + (1L << 20), null, rig.alice.id(), true,
                    Status.Reply.NONE, "https://chorus.example/contexts/1", Visibility.PUBLIC,
                    new StatusContent("hi", "<p>hi</p>", "", false, null), null, Status.Counts.ZERO, NOW, null),
                    java.util.List.of(), java.util.List.of())).await();
            String own = "https://mastodon.example/users/bob/statuses/20";
            String reply = "https://mastodon.example/users/bob/statuses/21";
            assertThat(send(rig, bob, create(bob, own, null))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(send(rig, bob, create(bob, reply, alicePost.uri()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(stored(rig, own)).isPresent();
            assertThat(stored(rig, reply).orElseThrow().reply().inReplyToId()).isEqualTo(alicePost.id());
            assertThat(rig.db.read(dsl -> statuses.findById(dsl, alicePost.id())).await().orElseThrow()
                    .counts().replies()).isEqualTo(1);
            assertThat(statusesCount(rig, bobStored.id())).isEqualTo(2);

            String goodbye = new JsonObject().put("@context", AS).put("id", bob.account().uri() + "#delete")
                    .put("type", "Delete").put("actor", bob.account().uri()).put("object", bob.account().uri())
                    .put("to", new JsonArray().add(PUBLIC)).encode();
            assertThat(send(rig, bob, goodbye)).isEqualTo(InboxProcessor.Outcome.HANDLED);

            assertThat(rig.db.read(dsl -> rig.accounts.findById(dsl, bobStored.id())).await()).isEmpty();
            assertThat(stored(rig, own)).isEmpty();
            assertThat(stored(rig, reply)).isEmpty();
            Status after = rig.db.read(dsl -> statuses.findById(dsl, alicePost.id())).await().orElseThrow();
            assertThat(after.counts().replies()).isZero();
            assertThat(statusesCount(rig, rig.alice.id())).isEqualTo(1);
        });
    }
}
