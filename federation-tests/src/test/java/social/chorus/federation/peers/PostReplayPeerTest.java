package social.chorus.federation.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.rig.FakePeer;
import social.chorus.federation.rig.FediverseFixtures;
import social.chorus.federation.rig.LocalInstance;
import social.chorus.federation.rig.LocalInstance.Person;
import social.chorus.federation.rig.PeerActor;
import social.chorus.federation.rig.Platform;
import social.chorus.testing.ApiTestClient.Response;

/**
 * Real Create, Update, Delete, Like and Undo payloads of Mastodon, Pleroma, Lemmy and Friendica
 * (Pleroma's fixtures hold no Like), moved onto a
 * fake peer (the fixture's actor becomes the peer's account, its host the peer's origin) and
 * signed with the peer account's key, against a live instance; the result is read through the
 * client API. Pleroma and Friendica are played by a peer serving Mastodon-shaped actor documents
 * (the rig has no dialect of theirs); what is replayed is their own activities. Where a platform's
 * fixtures have no Update, the Update is its Create with new content, as those platforms send it.
 * Parents on other servers are dropped from the replies (parent fetching is tested on its own).
 */
@Timeout(120)
class PostReplayPeerTest {

    enum Replay {
        MASTODON(Platform.MASTODON, "mastodon/activities/create_note.json", null,
                "mastodon/activities/delete.json"),
        PLEROMA(Platform.MASTODON, "pleroma/activities/create_note.json", null, "pleroma/activities/delete.json"),
        LEMMY(Platform.LEMMY, "lemmy/activities/create_or_update/create_page.json",
                "lemmy/activities/create_or_update/update_page.json", "lemmy/activities/deletion/delete_page.json"),
        FRIENDICA(Platform.MASTODON, "friendica/activities/create_note.json", "friendica/activities/update_note.json",
                "friendica/activities/delete.json");

        final Platform peer;
        final String create;
        final String update;
        final String delete;

        Replay(Platform peer, String create, String update, String delete) {
            this.peer = peer;
            this.create = create;
            this.update = update;
            this.delete = delete;
        }
    }

    /** The fixture with its actor made {@code as} and its actor's host made the peer's origin. */
    private static JsonObject moved(String fixture, PeerActor as, FakePeer peer) {
        String actor = new JsonObject(FediverseFixtures.text(fixture)).getString("actor");
        URI u = URI.create(actor);
        String origin = u.getScheme() + "://" + u.getRawAuthority();
        return FediverseFixtures.rewritten(fixture, actor, as.id(), origin, peer.origin());
    }

    private static JsonArray statusesOf(Person viewer, String accountId) {
        Response r = viewer.get("/api/v1/accounts/" + accountId + "/statuses");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new JsonArray(r.body());
    }

    @ParameterizedTest
    @EnumSource(Replay.class)
    void createUpdateDeleteAsThePlatformSendsThem(Replay replay) {
        try (FakePeer peer = FakePeer.start(replay.peer);
                LocalInstance chorus = LocalInstance.start(replay.peer.database())) {
            Person bob = chorus.signUp("bob");
            JsonObject bobActor = bob.actor();
            PeerActor carol = peer.addPerson("carol");
            String carolId = bob.resolve(carol.acct());

            // Create: addressed to bob as well, so that it concerns someone here without a follow.
            JsonObject create = moved(replay.create, carol, peer);
            JsonObject note = create.getJsonObject("object");
            note.remove("inReplyTo");
            note.remove("inReplyToAtomUri");
            JsonArray cc = note.getJsonArray("cc", new JsonArray()).copy().add(bobActor.getString("id"));
            note.put("cc", cc);
            String uri = note.getString("id");
            assertThat(URI.create(uri).getRawAuthority()).isEqualTo(URI.create(peer.origin()).getRawAuthority());
            assertThat(peer.send(carol, bobActor, create)).isEqualTo(202);

            JsonArray shown = statusesOf(bob, carolId);
            assertThat(shown).as(replay + " Create").hasSize(1);
            JsonObject status = shown.getJsonObject(0);
            assertThat(status.getString("uri")).isEqualTo(uri);
            assertThat(status.getString("content")).isNotBlank().doesNotContain("<script");
            assertThat(status.getValue("edited_at")).isNull();
            String before = status.getString("content");

            // Update of the same object.
            JsonObject update;
            if (replay.update == null) {
                update = create.copy().put("type", "Update").put("id", uri + "#updates/1");
                update.getJsonObject("object").put("content", "<p>edited on " + replay + "</p>")
                        .put("updated", Instant.now().toString());
            } else {
                update = moved(replay.update, carol, peer);
                update.getJsonObject("object").put("id", uri).put("attributedTo", carol.id()).remove("inReplyTo");
            }
            assertThat(peer.send(carol, bobActor, update)).isEqualTo(202);
            JsonObject edited = statusesOf(bob, carolId).getJsonObject(0);
            assertThat(edited.getString("id")).isEqualTo(status.getString("id"));
            assertThat(edited.getString("content")).as(replay + " Update").isNotEqualTo(before);
            assertThat(edited.getString("edited_at")).isNotNull();

            // Delete, by id or Tombstone as the platform sends it.
            JsonObject delete = moved(replay.delete, carol, peer);
            if (delete.getValue("object") instanceof JsonObject tombstone) {
                tombstone.put("id", uri);
            } else {
                delete.put("object", uri);
            }
            assertThat(peer.send(carol, bobActor, delete)).isEqualTo(202);
            assertThat(statusesOf(bob, carolId)).as(replay + " Delete").isEmpty();
            assertThat(bob.get("/api/v1/statuses/" + status.getString("id")).status()).isEqualTo(404);
        }
    }

    /** Like fixtures by platform; Pleroma's fixtures hold no Like. An absent Undo is built as the platform builds it. */
    enum LikeReplay {
        MASTODON(Platform.MASTODON, "mastodon/activities/like_page.json", "mastodon/activities/undo_like_page.json"),
        LEMMY(Platform.LEMMY, "lemmy/activities/voting/like_note.json", "lemmy/activities/voting/undo_like_note.json"),
        FRIENDICA(Platform.MASTODON, "friendica/activities/like_page.json", null);

        final Platform peer;
        final String like;
        final String undo;

        LikeReplay(Platform peer, String like, String undo) {
            this.peer = peer;
            this.like = like;
            this.undo = undo;
        }
    }

    @ParameterizedTest
    @EnumSource(LikeReplay.class)
    void likeAndUndoAsThePlatformSendsThem(LikeReplay replay) {
        try (FakePeer peer = FakePeer.start(replay.peer);
                LocalInstance chorus = LocalInstance.start(replay.peer.database())) {
            Person bob = chorus.signUp("bob");
            JsonObject bobActor = bob.actor();
            PeerActor carol = peer.addPerson("carol");
            bob.resolve(carol.acct());
            Response posted = chorus.api().postForm("/api/v1/statuses", java.util.Map.of("status", "like me"),
                    bob.token());
            assertThat(posted.status()).as(posted.body()).isEqualTo(200);
            String statusId = posted.json().getString("id");
            String statusUri = posted.json().getString("uri");

            JsonObject like = moved(replay.like, carol, peer).put("object", statusUri);
            assertThat(peer.send(carol, bobActor, like)).isEqualTo(202);
            assertThat(bob.get("/api/v1/statuses/" + statusId).json().getInteger("favourites_count"))
                    .as(replay + " Like").isEqualTo(1);
            JsonArray notified = new JsonArray(bob.get("/api/v1/notifications?types[]=favourite").body());
            assertThat(notified).as(replay + " notification").hasSize(1);
            assertThat(notified.getJsonObject(0).getJsonObject("account").getString("acct")).isEqualTo(carol.acct()
                    .replaceFirst("^@", ""));

            JsonObject undo;
            if (replay.undo == null) {
                JsonObject inner = like.copy();
                inner.remove("@context");
                undo = new JsonObject().put("@context", like.getValue("@context")).put("type", "Undo")
                        .put("id", like.getString("id") + "/undo").put("actor", carol.id()).put("object", inner);
            } else {
                undo = moved(replay.undo, carol, peer);
                // The Undo names the Like it takes back by its own id, or by actor and object.
                undo.getJsonObject("object").put("object", statusUri);
            }
            assertThat(peer.send(carol, bobActor, undo)).isEqualTo(202);
            assertThat(bob.get("/api/v1/statuses/" + statusId).json().getInteger("favourites_count"))
                    .as(replay + " Undo").isZero();
        }
    }
}
