package social.chorus.federation.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.rig.Delivery;
import social.chorus.federation.rig.FakePeer;
import social.chorus.federation.rig.LocalInstance;
import social.chorus.federation.rig.LocalInstance.Person;
import social.chorus.federation.rig.PeerActor;
import social.chorus.federation.rig.Platform;
import social.chorus.testing.ApiTestClient.Response;

/**
 * A locked Chorus account: follows from a remote server of each platform wait for approval; one
 * is authorized (the peer gets Accept), another rejected (the peer gets Reject).
 */
@Timeout(90)
class LockedAccountPeerTest {

    @ParameterizedTest
    @EnumSource(Platform.class)
    void lockedAccountAuthorizesOneRequestAndRejectsAnother(Platform platform) {
        try (FakePeer peer = FakePeer.start(platform);
                LocalInstance chorus = LocalInstance.start(platform.database())) {
            Person bob = chorus.signUp("bob");
            Response locked = chorus.api().patchForm("/api/v1/accounts/update_credentials", Map.of("locked", "true"),
                    bob.token());
            assertThat(locked.status()).as(locked.body()).isEqualTo(200);
            assertThat(locked.json().getBoolean("locked")).isTrue();
            JsonObject bobActor = bob.actor();
            assertThat(bobActor.getBoolean("manuallyApprovesFollowers")).isTrue();

            PeerActor carol = peer.addPerson("carol");
            PeerActor dave = peer.addPerson("dave");
            JsonObject carolsFollow = peer.dialect().follow(carol, bobActor.getString("id"));
            JsonObject davesFollow = peer.dialect().follow(dave, bobActor.getString("id"));
            assertThat(peer.send(carol, bobActor, carolsFollow)).isEqualTo(202);
            assertThat(peer.send(dave, bobActor, davesFollow)).isEqualTo(202);

            JsonArray requests = bob.followRequests();
            assertThat(requests).hasSize(2);
            assertThat(bob.followers()).isEmpty();
            String carolId = idOf(requests, carol);
            String daveId = idOf(requests, dave);
            assertThat(bob.relationship(carolId).getBoolean("requested_by")).isTrue();

            Response authorized = bob.post("/api/v1/follow_requests/" + carolId + "/authorize");
            assertThat(authorized.status()).as(authorized.body()).isEqualTo(200);
            assertThat(authorized.json().getBoolean("followed_by")).isTrue();
            Delivery accept = PeerFollowsLocalTest.awaitAnswer(peer, "Accept", carol);
            accept.verifiedWith(bob.publishedKey());
            assertThat(accept.actor()).isEqualTo(bobActor.getString("id"));
            assertThat(accept.embedded().getString("id")).isEqualTo(carolsFollow.getString("id"));
            assertThat(accept.embedded().getString("actor")).isEqualTo(carol.id());

            Response rejected = bob.post("/api/v1/follow_requests/" + daveId + "/reject");
            assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
            assertThat(rejected.json().getBoolean("followed_by")).isFalse();
            Delivery reject = PeerFollowsLocalTest.awaitAnswer(peer, "Reject", dave);
            reject.verifiedWith(bob.publishedKey());
            assertThat(reject.actor()).isEqualTo(bobActor.getString("id"));
            assertThat(reject.embedded().getString("type")).isEqualTo("Follow");
            assertThat(reject.embedded().getString("id")).isEqualTo(davesFollow.getString("id"));
            assertThat(reject.embedded().getString("actor")).isEqualTo(dave.id());

            assertThat(bob.followRequests()).isEmpty();
            JsonArray followers = bob.followers();
            assertThat(followers).hasSize(1);
            assertThat(followers.getJsonObject(0).getString("acct")).isEqualTo(carol.acct());
            assertThat(bob.followersTotal()).isEqualTo(1);
            // One answer each, by id: a send that timed out on a loaded machine may bring the same
            // Accept or Reject twice, which at-least-once delivery allows.
            assertThat(peer.deliveries("Accept").stream().map(d -> d.activity().getString("id")).distinct())
                    .containsExactly(accept.activity().getString("id"));
            assertThat(peer.deliveries("Reject").stream().map(d -> d.activity().getString("id")).distinct())
                    .containsExactly(reject.activity().getString("id"));
        }
    }

    private static String idOf(JsonArray accounts, PeerActor who) {
        for (int i = 0; i < accounts.size(); i++) {
            if (who.acct().equals(accounts.getJsonObject(i).getString("acct"))) {
                return accounts.getJsonObject(i).getString("id");
            }
        }
        throw new AssertionError(who.acct() + " is not among " + accounts.encodePrettily());
    }
}
