package social.chorus.federation.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.rig.Delivery;
import social.chorus.federation.rig.Eventually;
import social.chorus.federation.rig.FakePeer;
import social.chorus.federation.rig.LocalInstance;
import social.chorus.federation.rig.LocalInstance.Person;
import social.chorus.federation.rig.PeerActor;
import social.chorus.federation.rig.Platform;
import social.chorus.federation.sig.ParsedSignature;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.testing.ApiTestClient.Response;

/**
 * A Chorus account follows an account on a remote server of each platform (WireMock playing the
 * server with its real document shapes), gets that platform's Accept, and unfollows.
 */
@Timeout(90)
class LocalFollowsPeerTest {

    @ParameterizedTest
    @EnumSource(Platform.class)
    void followIsSignedAcceptedInThePlatformsShapeAndUndone(Platform platform) {
        try (FakePeer peer = FakePeer.start(platform);
                LocalInstance chorus = LocalInstance.start(platform.database())) {
            Person alice = chorus.signUp("alice");
            // Lemmy's people follow communities, and so does anyone who follows "into" Lemmy.
            PeerActor remote = platform == Platform.LEMMY ? peer.addGroup("chorus_fans") : peer.addPerson("bob");
            JsonObject aliceActor = alice.actor();

            String remoteId = alice.resolve(remote.handle());
            Response follow = alice.post("/api/v1/accounts/" + remoteId + "/follow");
            assertThat(follow.status()).as(follow.body()).isEqualTo(200);
            assertThat(follow.json().getBoolean("requested")).isTrue();
            assertThat(follow.json().getBoolean("following")).isFalse();

            Delivery sent = peer.awaitDelivery("the Follow", d -> "Follow".equals(d.type()));
            assertThat(sent.path()).isEqualTo(remote.path() + "/inbox");
            ParsedSignature signature = sent.verifiedWith(alice.publishedKey());
            assertThat(signature.keyId()).isEqualTo(aliceActor.getJsonObject("publicKey").getString("id"));
            // None of the four verifies RFC 9421 by default: Chorus knocked twice and fell back.
            assertThat(signature.style()).isEqualTo(SignatureStyle.CAVAGE);
            assertThat(signature.components()).contains("(request-target)", "host", "date", "digest");
            assertThat(sent.actor()).isEqualTo(aliceActor.getString("id"));
            assertThat(sent.activity().getString("object")).isEqualTo(remote.id());
            String followId = sent.activity().getString("id");
            URI alicesId = URI.create(aliceActor.getString("id"));
            assertThat(followId).startsWith(alicesId.getScheme() + "://" + alicesId.getRawAuthority() + "/");

            JsonObject accept = peer.dialect().accept(remote, sent.activity());
            assertThat(peer.send(remote, aliceActor, accept)).isEqualTo(202);
            Eventually.until("the " + platform + " Accept makes alice a follower",
                    () -> alice.relationship(remoteId).getBoolean("following"));
            assertThat(alice.relationship(remoteId).getBoolean("requested")).isFalse();

            Response unfollow = alice.post("/api/v1/accounts/" + remoteId + "/unfollow");
            assertThat(unfollow.json().getBoolean("following")).isFalse();
            Delivery undo = peer.awaitDelivery("the Undo", d -> "Undo".equals(d.type()));
            undo.verifiedWith(alice.publishedKey());
            assertThat(undo.path()).isEqualTo(remote.path() + "/inbox");
            assertThat(undo.actor()).isEqualTo(aliceActor.getString("id"));
            JsonObject undone = undo.embedded();
            assertThat(undone.getString("type")).isEqualTo("Follow");
            assertThat(undone.getString("id")).isEqualTo(followId);
            assertThat(undone.getString("actor")).isEqualTo(aliceActor.getString("id"));
            assertThat(undone.getString("object")).isEqualTo(remote.id());
            // One Follow, not a new one with the Undo. By id: a send that timed out on a loaded machine
            // may bring the same Follow twice, which at-least-once delivery allows.
            assertThat(peer.deliveries("Follow").stream().map(d -> d.activity().getString("id")).distinct())
                    .containsExactly(followId);
        }
    }
}
