package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.NOW;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.Visibility;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.TestDatabase;

/**
 * What a remote server must not be able to do with otherwise well-formed activities: count likes
 * of a third server's post, make a boost more visible than its post, edit a boost into a post,
 * or pass its post off as another server's page.
 */
class InboxBoundariesTest {
    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final String PUBLIC = AS + "#Public";

    @AutoClose
    private final InboxRig world = new InboxRig();
    private final StatusRepository statuses = new StatusRepository(CLOCK);

    private Status stored(InboxRig.Rig rig, Account author, long id, String uri, Visibility visibility) {
        return rig.db.tx(dsl -> statuses.insert(dsl, new Status(id, uri, null, author.id(), author.local(),
                Status.Reply.NONE, uri + "#context", visibility, new StatusContent(null, "<p>x</p>", "", false, null),
                null, Status.Counts.ZERO, NOW, null), List.of(), List.of())).await();
    }

    private Status reread(InboxRig.Rig rig, Status s) {
        return rig.db.read(dsl -> statuses.findById(dsl, s.id()).orElseThrow()).await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void remoteServersCannotBendLikesBoostsOrUrls(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            Remote mallory = world.remote("mallory", "evil.example", true);
            Account bobStored = rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, bob.account())).await();
            Account malloryStored = rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, mallory.account())).await();
            rig.db.tx(dsl -> new FollowRepository(CLOCK).insert(dsl, rig.alice.id(), malloryStored.id(),
                    "https://chorus.example/follows/1", Follow.State.ACCEPTED)).await();
            Status bobsPost = stored(rig, bobStored, 1L << 21, "https://mastodon.example/users/bob/statuses/1",
                    Visibility.UNLISTED);

            // A like of bob's post, sent here by mallory: bob's server counts its likes, not us.
            assertThat(rig.send(mallory, InboxRig.activity("Like", mallory, "https://evil.example/likes/1", bobsPost.uri())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(reread(rig, bobsPost).counts().favourites()).isZero();

            // A "public" boost of an unlisted post stays unlisted.
            String boostId = "https://evil.example/announces/1";
            String announce = new JsonObject(InboxRig.activity("Announce", mallory, boostId, bobsPost.uri()))
                    .put("to", new JsonArray().add(PUBLIC)).encode();
            assertThat(rig.send(mallory, announce)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            Status boost = rig.db.read(dsl -> statuses.findByUri(dsl, boostId)).await().orElseThrow();
            assertThat(boost.visibility()).isEqualTo(Visibility.UNLISTED);

            // An Update naming the boost's id does not turn the boost into a post.
            JsonObject note = new JsonObject().put("id", boostId).put("type", "Note")
                    .put("attributedTo", mallory.account().uri()).put("content", "<p>now I am a post</p>")
                    .put("to", new JsonArray().add(PUBLIC));
            assertThat(rig.send(mallory, InboxRig.activity("Update", mallory, boostId + "#update", note)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            Status after = reread(rig, boost);
            assertThat(after.content().html()).isEmpty();
            assertThat(after.reblogOfId()).isEqualTo(bobsPost.id());

            // A post whose url is another server's page keeps its own id as its url.
            String spoofId = "https://evil.example/users/mallory/statuses/9";
            JsonObject spoof = new JsonObject().put("id", spoofId).put("type", "Note")
                    .put("attributedTo", mallory.account().uri()).put("content", "<p>I am bob, honest</p>")
                    .put("url", "https://mastodon.example/@bob/1").put("to", new JsonArray().add(PUBLIC));
            assertThat(rig.send(mallory, InboxRig.activity("Create", mallory, spoofId + "/activity", spoof)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.db.read(dsl -> statuses.findByUri(dsl, spoofId)).await().orElseThrow().url())
                    .isEqualTo(spoofId);
        });
    }
}
