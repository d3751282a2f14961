package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.NOW;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.Visibility;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.MastodonNotes;
import social.chorus.testing.TestDatabase;

/**
 * {@code Add} and {@code Remove} to a featured collection (Mastodon's pins, Lemmy's featured posts
 * of a community) are accepted and ignored: remote pins are not kept here. Nothing is stored, not
 * even the activity id, nothing is sent, and an Add aimed at a local account's collection pins
 * nothing.
 */
class InboxFeaturedTest {
    private static final StatusRepository STATUSES = new StatusRepository(CLOCK);
    private static final PinRepository PINS = new PinRepository(CLOCK);

    @AutoClose
    private final InboxRig world = new InboxRig();

    private static JsonObject fixture(String path) {
        try {
            return new JsonObject(Files.readString(MastodonNotes.fixtures().resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Lemmy fixture sent by {@code who}: its actor and host replaced by theirs, the rest as Lemmy wrote it. */
    private static String lemmy(String path, Remote who) {
        String raw = fixture(path).encode();
        String actor = new JsonObject(raw).getString("actor");
        URI a = URI.create(actor);
        return raw.replace(actor, who.account().uri())
                .replace(a.getScheme() + "://" + a.getAuthority(), "https://" + who.account().domain());
    }

    /**
     * Mastodon's Add or Remove of a pin, as its serializer writes them: no id and no addressing,
     * the post by id, the target the actor's {@code featured} (from the person fixture), the post
     * one from the featured collection fixture, both moved to {@code who}'s host.
     */
    private static String mastodon(String type, Remote who) {
        JsonObject person = fixture("mastodon/objects/person.json");
        String featured = person.getString("featured").replace(person.getString("id"), who.account().uri());
        String pinned = fixture("mastodon/collections/featured.json").getJsonArray("orderedItems").getJsonObject(0)
                .getString("id");
        String object = who.account().uri() + pinned.substring(pinned.indexOf("/statuses/"));
        return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("type", type)
                .put("actor", who.account().uri()).put("object", object).put("target", featured).encode();
    }

    private Status alicePost(InboxRig.Rig rig) {
        return rig.db.tx(dsl -> STATUSES.insert(dsl, new Status(77L, "https://chorus.example/users/alice/statuses/77",
                null, rig.alice.id(), true, Status.Reply.NONE, "https://chorus.example/contexts/77", Visibility.PUBLIC,
                new StatusContent("hi", "<p>hi</p>", "", false, null), null, Status.Counts.ZERO, NOW, null), List.of(),
                List.of())).await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void addAndRemoveToFeaturedCollectionsAreAcceptedAndChangeNothing(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote masto = world.remote("mastodon", "mastodon.example", true);
            Remote lemmy = world.remote("lemmy_alpha", "lemmy.example", true);
            rig.store(masto);
            rig.store(lemmy);
            Status post = alicePost(rig);

            String lemmyAdd = lemmy("lemmy/activities/community/add_featured_post.json", lemmy);
            assertThat(new JsonObject(lemmyAdd).getString("target")).isEqualTo("https://lemmy.example/c/main/featured");
            for (String[] sent : new String[][] {
                    {"mastodon Add", mastodon("Add", masto)},
                    {"mastodon Remove", mastodon("Remove", masto)},
                    {"lemmy Add", lemmyAdd},
                    {"lemmy Remove", lemmy("lemmy/activities/community/remove_featured_post.json", lemmy)},
                    {"lemmy Add mod", lemmy("lemmy/activities/community/add_mod.json", lemmy)},
                    {"lemmy Remove mod", lemmy("lemmy/activities/community/remove_mod.json", lemmy)}}) {
                Remote from = sent[0].startsWith("mastodon") ? masto : lemmy;
                assertThat(rig.send(from, sent[1])).as(sent[0]).isEqualTo(InboxProcessor.Outcome.IGNORED);
            }
            // Ignored, not remembered: the same delivery again is ignored again, not a duplicate.
            assertThat(rig.send(lemmy, lemmyAdd)).isEqualTo(InboxProcessor.Outcome.IGNORED);

            // An Add naming alice's post and her featured collection is no way to pin it for her.
            String hostile = new JsonObject(mastodon("Add", masto)).put("id", "https://mastodon.example/adds/1")
                    .put("object", post.uri())
                    .put("target", "https://chorus.example/users/alice/collections/featured").encode();
            assertThat(rig.send(masto, hostile)).isEqualTo(InboxProcessor.Outcome.IGNORED);

            assertThat(rig.db.read(dsl -> PINS.count(dsl, rig.alice.id())).await()).isZero();
            assertThat(rig.db.read(dsl -> STATUSES.findByUri(dsl, "https://lemmy.example/post/2")).await()).isEmpty();
            assertThat(rig.db.read(dsl -> STATUSES.findByUri(dsl, new JsonObject(mastodon("Add", masto))
                    .getString("object"))).await()).isEmpty();
            assertThat(rig.sent()).isEmpty();
        });
    }
}
