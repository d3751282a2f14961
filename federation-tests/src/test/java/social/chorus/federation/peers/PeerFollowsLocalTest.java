package social.chorus.federation.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.rig.Delivery;
import social.chorus.federation.rig.Eventually;
import social.chorus.federation.rig.FakePeer;
import social.chorus.federation.rig.FakePeer.SignedPost;
import social.chorus.federation.rig.LocalInstance;
import social.chorus.federation.rig.LocalInstance.Person;
import social.chorus.federation.rig.PeerActor;
import social.chorus.federation.rig.Platform;

/**
 * An account on a remote server of each platform follows a Chorus account with that platform's
 * signed Follow, delivered to the inbox that platform picks, and later undoes it; a replayed
 * Follow changes nothing.
 */
@Timeout(90)
class PeerFollowsLocalTest {

    @ParameterizedTest
    @EnumSource(Platform.class)
    void peerFollowsIsAcceptedCountedAndUndone(Platform platform) {
        try (FakePeer peer = FakePeer.start(platform);
                LocalInstance chorus = LocalInstance.start(platform.database())) {
            Person bob = chorus.signUp("bob");
            PeerActor carol = peer.addPerson("carol");
            JsonObject bobActor = bob.actor();

            JsonObject follow = peer.dialect().follow(carol, bobActor.getString("id"));
            SignedPost post = peer.sign(carol, peer.dialect().deliveryInbox(bobActor), follow);
            assertThat(post.uri().getPath()).isEqualTo(platform == Platform.MASTODON || platform == Platform.LEMMY
                    ? "/inbox" : "/users/bob/inbox");
            assertThat(peer.post(post)).isEqualTo(202);

            Delivery accept = awaitAnswer(peer, "Accept", carol);
            accept.verifiedWith(bob.publishedKey());
            assertThat(accept.actor()).isEqualTo(bobActor.getString("id"));
            JsonObject accepted = accept.embedded();
            assertThat(accepted.getString("type")).isEqualTo("Follow");
            assertThat(accepted.getString("id")).isEqualTo(follow.getString("id"));
            assertThat(accepted.getString("actor")).isEqualTo(carol.id());
            assertThat(accepted.getString("object")).isEqualTo(bobActor.getString("id"));

            JsonArray followers = bob.followers();
            assertThat(followers).hasSize(1);
            assertThat(followers.getJsonObject(0).getString("acct")).isEqualTo(carol.acct());
            assertThat(bob.followersTotal()).isEqualTo(1);

            assertThat(peer.send(carol, bobActor, peer.dialect().undo(carol, follow))).isEqualTo(202);
            // The inbox applies an Undo before it answers: no wait needed.
            assertThat(bob.followers()).isEmpty();
            assertThat(bob.followersTotal()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void replayedFollowChangesNothing(Platform platform) {
        try (FakePeer peer = FakePeer.start(platform);
                LocalInstance chorus = LocalInstance.start(platform.database())) {
            Person bob = chorus.signUp("bob");
            PeerActor carol = peer.addPerson("carol");
            JsonObject bobActor = bob.actor();

            SignedPost post = peer.sign(carol, peer.dialect().deliveryInbox(bobActor),
                    peer.dialect().follow(carol, bobActor.getString("id")));
            assertThat(peer.post(post)).isEqualTo(202);
            // The same bytes, signature and Date again: taken (202), recognised, ignored.
            assertThat(peer.post(post)).isEqualTo(202);

            awaitAnswer(peer, "Accept", carol);
            // Deliveries are polled every second: a second Accept would show up well within this.
            Eventually.stays("one Accept only", Duration.ofMillis(2500), () -> peer.deliveries("Accept").size() == 1);
            assertThat(bob.followers()).hasSize(1);
            assertThat(bob.followersTotal()).isEqualTo(1);
        }
    }

    /** The Accept or Reject Chorus delivers to {@code to}'s personal inbox. */
    static Delivery awaitAnswer(FakePeer peer, String type, PeerActor to) {
        return peer.awaitDelivery("the " + type + " for " + to.name(), d -> type.equals(d.type())
                && d.path().equals(to.path() + "/inbox"));
    }
}
