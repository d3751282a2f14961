package social.chorus.process.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.convert.StatusToAs;
import social.chorus.federation.delivery.DeliveryOutbox;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.StatusView;
import social.chorus.process.account.SignUp;
import social.chorus.process.event.Events;
import social.chorus.storage.DeliveryRepository;
import social.chorus.storage.FollowRepository;
import social.chorus.testing.Fixtures;
import social.chorus.testing.LocalWorld;
import social.chorus.testing.TestDatabase;

/**
 * Pinning and unpinning a public or unlisted post queue an Add or Remove (to the featured
 * collection) for the remote followers, once per shared inbox, in the pin's transaction; a
 * followers-only pin and a pin or unpin that changes nothing queue nothing.
 */
class PinFanoutTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private record Rig(LocalWorld w, StatusServices statuses, DeliveryRepository deliveries) {
        Account local(String name) {
            return w.accounts.signUp(new SignUp(name, name + "@example.org", "long enough password", "", "",
                    SignUp.Role.USER, SignUp.Origin.OPERATOR)).await();
        }

        Account remote(Account a) {
            return w.db.tx(dsl -> w.accountRepo.upsertRemote(dsl, a)).await();
        }

        void follow(Account follower, Account target, Follow.State state) {
            w.db.tx(dsl -> new FollowRepository(w.clock).insert(dsl, follower.id(), target.id(),
                    follower.uri() + "#f" + target.id(), state)).await();
        }

        StatusView post(Account a, String visibility) {
            return statuses.posting().create(a.id(), new NewStatus("a " + visibility + " post", null, null,
                    visibility, null, null, null, null)).await();
        }

        /** inbox → payload of every queued delivery, claimed (so each call sees only new ones). */
        Map<String, JsonObject> sent() {
            Map<String, JsonObject> out = new TreeMap<>();
            w.db.tx(dsl -> deliveries.claimDue(dsl, 1000, Duration.ofMinutes(5))).await()
                    .forEach(j -> out.put(j.inboxUrl(), new JsonObject(j.payload())));
            return out;
        }
    }

    private void with(TestDatabase.Kind kind, java.util.function.Consumer<Rig> body) {
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            DeliveryRepository deliveries = new DeliveryRepository(w.clock);
            DeliveryOutbox outbox = new DeliveryOutbox(deliveries, w.ids, "chorus.example", () -> { });
            body.accept(new Rig(w, StatusServices.create(w.db, Events.none(w.db), w.clock, w.ids, "chorus.example",
                    5000, outbox), deliveries));
        }
    }

    private static void assertShape(JsonObject activity, String type, Account actor, StatusView post) {
        assertThat(activity.getString("@context")).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(activity.getString("type")).isEqualTo(type);
        assertThat(activity.getString("id")).startsWith("https://chorus.example/activities/");
        assertThat(activity.getString("actor")).isEqualTo(actor.uri());
        assertThat(activity.getString("object")).isEqualTo(post.status().uri());
        assertThat(activity.getString("target")).isEqualTo("https://chorus.example/users/bob/collections/featured");
        assertThat(activity.getJsonArray("to")).isEqualTo(new JsonArray().add(StatusToAs.PUBLIC));
        assertThat(activity.getJsonArray("cc")).isEqualTo(new JsonArray().add(actor.uri() + "/followers"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void pinAndUnpinGoOncePerSharedInboxToRemoteFollowers(TestDatabase.Kind kind) {
        with(kind, rig -> {
            Account bob = rig.local("bob");
            Account carol = rig.local("carol");
            Account a1 = rig.remote(Fixtures.remotePerson("a1", "one.example"));
            Account a2 = rig.remote(Fixtures.remotePerson("a2", "one.example"));
            Account b1 = rig.remote(Fixtures.remotePerson("b1", "two.example"));
            Account pending = rig.remote(Fixtures.remotePerson("p", "three.example"));
            Account stranger = rig.remote(Fixtures.remotePerson("s", "four.example"));
            rig.follow(a1, bob, Follow.State.ACCEPTED);
            rig.follow(a2, bob, Follow.State.ACCEPTED);
            rig.follow(b1, bob, Follow.State.ACCEPTED);
            rig.follow(carol, bob, Follow.State.ACCEPTED);
            rig.follow(pending, bob, Follow.State.PENDING);
            rig.follow(bob, stranger, Follow.State.ACCEPTED); // whom bob follows is not told
            StatusView post = rig.post(bob, "public");
            rig.sent(); // the post's Create

            rig.statuses().pins().pin(bob.id(), post.status().id()).await();
            Map<String, JsonObject> added = rig.sent();
            assertThat(added.keySet()).containsExactly("https://one.example/inbox", "https://two.example/inbox");
            JsonObject add = added.get("https://one.example/inbox");
            assertShape(add, "Add", bob, post);
            assertThat(added.get("https://two.example/inbox")).isEqualTo(add); // one activity, the same bytes

            // pinning again changes nothing, so nothing is sent
            rig.statuses().pins().pin(bob.id(), post.status().id()).await();
            assertThat(rig.sent()).isEmpty();

            rig.statuses().pins().unpin(bob.id(), post.status().id()).await();
            Map<String, JsonObject> removed = rig.sent();
            assertThat(removed.keySet()).containsExactly("https://one.example/inbox", "https://two.example/inbox");
            JsonObject remove = removed.get("https://one.example/inbox");
            assertShape(remove, "Remove", bob, post);
            assertThat(remove.getString("id")).isNotEqualTo(add.getString("id"));

            rig.statuses().pins().unpin(bob.id(), post.status().id()).await();
            assertThat(rig.sent()).isEmpty();

            // unlisted posts are in the featured collection too
            StatusView quiet = rig.post(bob, "unlisted");
            rig.sent();
            rig.statuses().pins().pin(bob.id(), quiet.status().id()).await();
            assertShape(rig.sent().get("https://one.example/inbox"), "Add", bob, quiet);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aFollowersOnlyPinIsNotPublished(TestDatabase.Kind kind) {
        with(kind, rig -> {
            Account bob = rig.local("bob");
            Account fan = rig.remote(Fixtures.remotePerson("fan", "fans.example"));
            rig.follow(fan, bob, Follow.State.ACCEPTED);
            StatusView secret = rig.post(bob, "private");
            assertThat(rig.sent()).containsOnlyKeys("https://fans.example/inbox"); // its Create

            StatusView pinned = rig.statuses().pins().pin(bob.id(), secret.status().id()).await();
            assertThat(pinned.viewer().pinned()).isTrue();
            assertThat(rig.sent()).isEmpty();
            rig.statuses().pins().unpin(bob.id(), secret.status().id()).await();
            assertThat(rig.sent()).isEmpty();

            // while a public pin, to the same follower, is
            StatusView open = rig.post(bob, "public");
            rig.sent();
            rig.statuses().pins().pin(bob.id(), open.status().id()).await();
            assertThat(rig.sent()).containsOnlyKeys("https://fans.example/inbox");
        });
    }
}
