package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Account;
import social.chorus.model.Notification;
import social.chorus.process.notification.NotificationView;
import social.chorus.storage.BlockRepository;
import social.chorus.storage.NotificationRepository;
import social.chorus.storage.StatusRepository.PageQuery;
import social.chorus.testing.TestDatabase;

/** What other servers' activities notify local people of: follows and mentions, once, never from the blocked. */
class InboxNotificationsTest {
    private static final String AS = "https://www.w3.org/ns/activitystreams";

    @AutoClose
    private final InboxRig world = new InboxRig();

    private static List<NotificationView> notifications(InboxRig.Rig rig, Account who) {
        return rig.notifications.page(who.id(), NotificationRepository.Filter.ALL, new PageQuery(null, null, null, 40))
                .await();
    }

    private static String mentioning(Remote author, String id, Account mentioned) {
        JsonObject note = new JsonObject().put("id", id).put("type", "Note")
                .put("attributedTo", author.account().uri())
                .put("content", "<p>@" + mentioned.username() + " what do you think?</p>")
                .put("to", new JsonArray().add(AS + "#Public")).put("cc", new JsonArray().add(mentioned.uri()))
                .put("tag", new JsonArray().add(new JsonObject().put("type", "Mention").put("href", mentioned.uri())
                        .put("name", "@" + mentioned.username() + "@chorus.example")))
                .put("published", "2026-11-29T11:00:00Z");
        return new JsonObject().put("@context", AS).put("id", id + "/activity").put("type", "Create")
                .put("actor", author.account().uri()).put("object", note).encode();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aRemoteFollowAndMentionNotifyOnceEach(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            assertThat(rig.send(bob, InboxRig.follow(bob, "https://mastodon.example/follows/1", rig.alice)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            String note = "https://mastodon.example/users/bob/statuses/1";
            assertThat(rig.send(bob, mentioning(bob, note, rig.alice))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            // The same post again under another activity id (a relay, a retry with a new id).
            String again = new JsonObject(mentioning(bob, note, rig.alice)).put("id", note + "/again").encode();
            assertThat(rig.send(bob, again)).isEqualTo(InboxProcessor.Outcome.HANDLED);

            List<NotificationView> got = notifications(rig, rig.alice);
            assertThat(got).extracting(v -> v.notification().type())
                    .containsExactly(Notification.Type.MENTION, Notification.Type.FOLLOW);
            assertThat(got.get(0).from().uri()).isEqualTo(bob.account().uri());
            assertThat(got.get(0).status().status().uri()).isEqualTo(note);
            assertThat(got.get(1).status()).isNull();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void nothingFromABlockedAccountNorFromARefusedActivity(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote mallory = world.remote("mallory", "evil.example", true);
            Remote bob = world.remote("bob", "mastodon.example", true);
            Account stored = rig.db.tx(dsl -> rig.accounts.upsertRemote(dsl, mallory.account())).await();
            rig.db.tx(dsl -> new BlockRepository(CLOCK).insert(dsl, rig.alice.id(), stored.id(),
                    "https://chorus.example/blocks/1")).await();
            rig.send(mallory, mentioning(mallory, "https://evil.example/users/mallory/statuses/1", rig.alice));
            rig.send(mallory, InboxRig.follow(mallory, "https://evil.example/follows/1", rig.alice));
            // bob signs a Create attributed to mallory: refused before anything is stored or notified.
            assertThat(rig.send(bob, mentioning(mallory, "https://evil.example/users/mallory/statuses/2",
                    rig.alice))).asString().startsWith("401");
            assertThat(notifications(rig, rig.alice)).isEmpty();
        });
    }
}
