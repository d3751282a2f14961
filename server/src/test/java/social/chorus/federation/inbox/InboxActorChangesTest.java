package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.NOW;
import static social.chorus.federation.inbox.InboxRig.follow;
import static social.chorus.federation.inbox.InboxRig.outcome;
import static social.chorus.federation.inbox.InboxRig.post;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Account;
import social.chorus.testing.TestDatabase;

/** Remote actors changing or leaving: counts stay right and nobody takes another's handle. */
class InboxActorChangesTest {
    private static final String AS = "https://www.w3.org/ns/activitystreams";

    private InboxRig world;

    @BeforeEach
    void start() {
        world = new InboxRig();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private static long followers(InboxRig.Rig rig, long id) {
        return rig.db.read(dsl -> rig.accounts.findById(dsl, id).orElseThrow().counts().followers()).await();
    }

    private static JsonObject updateOf(Remote who, String id, String username) {
        return new JsonObject().put("@context", AS).put("id", id).put("type", "Update")
                .put("actor", who.account().uri()).put("object", new JsonObject().put("id", who.account().uri())
                        .put("type", "Person").put("preferredUsername", username).put("name", "Renamed")
                        .put("inbox", who.account().uri() + "/inbox"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void theDeleteOfARemoteFollowerLowersTheLocalCount(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            rig.inbox.receive(post("/inbox", follow(bob, "https://mastodon.example/follows/d1", rig.alice),
                    bob.signingKey(), CLOCK), Optional.empty()).await();
            assertThat(followers(rig, rig.alice.id())).isEqualTo(1);
            JsonObject delete = new JsonObject().put("@context", AS).put("id", bob.account().uri() + "#delete")
                    .put("type", "Delete").put("actor", bob.account().uri()).put("object", bob.account().uri());
            assertThat(outcome(rig.inbox.receive(post("/inbox", delete.encode(), bob.signingKey(), CLOCK),
                    Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(followers(rig, rig.alice.id())).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anUpdateKeepsTheCountsItsCollectionsGaveUs(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            rig.inbox.receive(post("/inbox", follow(bob, "https://mastodon.example/follows/u1", rig.alice),
                    bob.signingKey(), CLOCK), Optional.empty()).await();
            Account s = rig.db.read(dsl -> rig.accounts.findByUri(dsl, bob.account().uri()).orElseThrow()).await();
            Account counted = new Account(s.id(), s.username(), s.domain(), s.type(), s.uri(), s.url(),
                    s.displayName(), s.note(), s.endpoints(), s.publicKey(), null, s.flags(),
                    new Account.AccountCounts(120, 80, 4000), null, null, NOW);
            rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, counted)).await();
            assertThat(outcome(rig.inbox.receive(post("/inbox", updateOf(bob, "https://mastodon.example/update/u1",
                    "bob").encode(), bob.signingKey(), CLOCK), Optional.empty())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            Account after = rig.db.read(dsl -> rig.accounts.findById(dsl, s.id()).orElseThrow()).await();
            assertThat(after.displayName()).isEqualTo("Renamed");
            assertThat(after.counts()).isEqualTo(new Account.AccountCounts(120, 80, 4000));
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anUpdateOntoAnotherActorsHandleIsRefusedAndChangesNothing(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            Remote carol = world.remote("carol", "mastodon.example", true);
            rig.inbox.receive(post("/inbox", follow(bob, "https://mastodon.example/follows/h1", rig.alice),
                    bob.signingKey(), CLOCK), Optional.empty()).await();
            rig.inbox.receive(post("/inbox", follow(carol, "https://mastodon.example/follows/h2", rig.alice),
                    carol.signingKey(), CLOCK), Optional.empty()).await();
            Object refused = outcome(rig.inbox.receive(post("/inbox", updateOf(bob,
                    "https://mastodon.example/update/h1", "Carol").encode(), bob.signingKey(), CLOCK),
                    Optional.empty()));
            assertThat(refused).isInstanceOf(String.class);
            assertThat((String) refused).startsWith("403 ").contains("another actor's handle");
            assertThat(rig.db.read(dsl -> rig.accounts.findByUri(dsl, bob.account().uri()).orElseThrow().username())
                    .await()).isEqualTo("bob");
        });
    }
}
