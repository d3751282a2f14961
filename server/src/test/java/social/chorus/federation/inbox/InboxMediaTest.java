package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static social.chorus.federation.inbox.InboxRig.CLOCK;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.convert.AsToMedia;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.model.Account;
import social.chorus.model.Follow;
import social.chorus.model.MediaAttachment;
import social.chorus.model.MediaAttachment.Kind;
import social.chorus.model.Status;
import social.chorus.schema.Tables;
import social.chorus.storage.FollowRepository;
import social.chorus.storage.MediaAttachmentRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.MastodonNotes;
import social.chorus.testing.TestDatabase;

/**
 * Media of remote posts through the inbox, on both databases: real payloads of Mastodon,
 * WordPress and Lemmy stored with their media; hostile lists stored without their bad parts;
 * an Update replaces the media, a Delete takes them with the post.
 */
class InboxMediaTest {
    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final String PUBLIC = AS + "#Public";

    @AutoClose
    private final InboxRig world = new InboxRig();
    private final StatusRepository statuses = new StatusRepository(CLOCK);
    private final MediaAttachmentRepository media = new MediaAttachmentRepository();

    private static String fixture(String name) {
        try {
            return Files.readString(MastodonNotes.fixtures().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A remote account someone here follows, so its posts are stored. */
    private Account followed(InboxRig.Rig rig, Remote who) {
        Account stored = rig.store(who);
        rig.db.tx(dsl -> new FollowRepository(CLOCK).insert(dsl, rig.alice.id(), stored.id(),
                "https://chorus.example/follows/" + stored.id(), Follow.State.ACCEPTED)).await();
        return stored;
    }

    private Status stored(InboxRig.Rig rig, String uri) {
        return rig.db.read(dsl -> statuses.findByUri(dsl, uri)).await().orElseThrow();
    }

    private List<MediaAttachment> mediaOf(InboxRig.Rig rig, String uri) {
        long id = stored(rig, uri).id();
        return rig.db.read(dsl -> media.of(dsl, id)).await();
    }

    private static JsonObject note(Remote author, String id, String content, JsonArray attachments) {
        JsonObject terms = new JsonObject().put("toot", "http://joinmastodon.org/ns#").put("blurhash", "toot:blurhash")
                .put("focalPoint", new JsonObject().put("@container", "@list").put("@id", "toot:focalPoint"));
        return new JsonObject().put("@context", new JsonArray().add(AS).add(terms)).put("id", id).put("type", "Note")
                .put("attributedTo", author.account().uri()).put("content", content)
                .put("to", new JsonArray().add(PUBLIC)).put("cc", new JsonArray())
                .put("published", "2026-11-29T11:00:00Z").put("attachment", attachments);
    }

    private static JsonObject image(String url, String alt) {
        return new JsonObject().put("type", "Document").put("mediaType", "image/jpeg").put("url", url).put("name", alt);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void realPayloadsAreStoredWithTheirMedia(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            // Mastodon: one image with alt text, blurhash, focal point and size.
            Remote kde = world.remote("kde", "floss.social", true);
            followed(rig, kde);
            JsonObject note = new JsonObject(fixture("mastodon/objects/note_2.json"));
            assertThat(rig.send(kde, InboxRig.activity("Create", kde, note.getString("id") + "/activity", note)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(mediaOf(rig, note.getString("id"))).singleElement().satisfies(m -> {
                assertThat(m.id()).isPositive();
                assertThat(m.type()).isEqualTo(Kind.IMAGE);
                assertThat(m.remoteUrl()).endsWith("/original/c8d906a2f2ab2334.jpg");
                assertThat(m.mediaType()).isEqualTo("image/jpeg");
                assertThat(m.description()).startsWith("The KDE dragons Katie and Konqi");
                assertThat(m.blurhash()).isEqualTo("USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDobSc");
                assertThat(m.width()).isEqualTo(1500);
                assertThat(m.height()).isEqualTo(1095);
                assertThat(m.focus()).isEqualTo(new MediaAttachment.Focus(0, 0));
            });

            // WordPress: four images of an Article, in the post's order.
            Remote db0 = world.remote("db0", "dbzer0.com", true);
            followed(rig, db0);
            JsonObject article = new JsonObject(fixture("wordpress/objects/page.json")
                    .replace("https://dbzer0.com/blog/author/db0/", db0.account().uri()));
            assertThat(rig.send(db0, InboxRig.activity("Create", db0, "https://dbzer0.com/?c=1", article)))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(mediaOf(rig, article.getString("id"))).extracting(m -> m.remoteUrl().replaceAll("\\?.*", ""))
                    .containsExactly("https://i0.wp.com/dbzer0.com/wp-content/uploads/2025/12/Splash-Art2-3.png",
                            "https://i0.wp.com/dbzer0.com/wp-content/uploads/2025/12/Splash-Art.jpg",
                            "https://i0.wp.com/dbzer0.com/wp-content/uploads/2025/12/small3-1.png",
                            "https://i0.wp.com/dbzer0.com/wp-content/uploads/2025/12/small-1-scaled.jpg");

            // Lemmy: the whole Create as sent, its picture a Link with an href.
            Remote lemmy = world.remote("lemmy_alpha", "ds9.lemmy.ml", true);
            followed(rig, lemmy);
            String create = fixture("lemmy/activities/create_or_update/create_page.json")
                    .replace("http://ds9.lemmy.ml/", "https://ds9.lemmy.ml/")
                    .replace("https://ds9.lemmy.ml/u/lemmy_alpha", lemmy.account().uri());
            assertThat(rig.send(lemmy, create)).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(mediaOf(rig, "https://ds9.lemmy.ml/post/1"))
                    .extracting(MediaAttachment::type, MediaAttachment::remoteUrl)
                    .containsExactly(tuple(Kind.IMAGE, "https://lemmy.ml/pictrs/image/xl8W7FZfk9.jpg"));
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void hostileAttachmentsLoseTheirBadPartsAndThePostIsStored(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            followed(rig, bob);
            JsonArray attachments = new JsonArray()
                    .add(image("javascript:alert(document.cookie)", "script"))
                    .add(image("data:image/png;base64,iVBORw0KGgo=", "inline"))
                    .add(image("https://cdn.example/first.jpg", "x".repeat(10_000)).put("width", 999_999_999)
                            .put("height", 10).put("blurhash", "'); DROP TABLE status; --")
                            .put("focalPoint", new JsonArray().add(7).add(0)));
            for (int i = 0; i < 500; i++) {
                attachments.add(image("https://cdn.example/" + i + ".jpg", null));
            }
            String id = "https://mastodon.example/users/bob/statuses/1";
            assertThat(rig.send(bob, InboxRig.activity("Create", bob, id + "/activity",
                    note(bob, id, "<p>many</p>", attachments)))).isEqualTo(InboxProcessor.Outcome.HANDLED);

            assertThat(stored(rig, id).content().html()).isEqualTo("<p>many</p>");
            List<MediaAttachment> kept = mediaOf(rig, id);
            assertThat(kept).hasSize(AsToMedia.MAX_ATTACHMENTS);
            MediaAttachment first = kept.get(0);
            assertThat(first.remoteUrl()).isEqualTo("https://cdn.example/first.jpg");
            assertThat(first.description()).hasSize(AsToMedia.MAX_DESCRIPTION);
            assertThat(first.width()).isNull();
            assertThat(first.height()).isNull();
            assertThat(first.blurhash()).isNull();
            assertThat(first.focus()).isNull();
            assertThat(kept.get(1).remoteUrl()).isEqualTo("https://cdn.example/0.jpg");
            assertThat(kept).extracting(MediaAttachment::remoteUrl).allMatch(u -> u.startsWith("https://"));
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anUpdateReplacesTheMediaAndADeleteTakesThem(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            followed(rig, bob);
            String id = "https://mastodon.example/users/bob/statuses/2";
            JsonArray two = new JsonArray().add(image("https://cdn.example/a.jpg", "first"))
                    .add(image("https://cdn.example/b.jpg", "second"));
            assertThat(rig.send(bob, InboxRig.activity("Create", bob, id + "/activity",
                    note(bob, id, "<p>two</p>", two)))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(mediaOf(rig, id)).extracting(MediaAttachment::description).containsExactly("first", "second");

            // The same text with other media: the media are replaced, and that is an edit.
            JsonArray one = new JsonArray().add(image("https://cdn.example/c.jpg", "third"));
            assertThat(rig.send(bob, InboxRig.activity("Update", bob, id + "#updates/1",
                    note(bob, id, "<p>two</p>", one)))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            Status edited = stored(rig, id);
            assertThat(mediaOf(rig, id)).extracting(MediaAttachment::remoteUrl, MediaAttachment::description)
                    .containsExactly(tuple("https://cdn.example/c.jpg", "third"));
            assertThat(edited.editedAt()).isNotNull();
            assertThat(rig.db.read(dsl -> statuses.edits(dsl, edited.id())).await()).hasSize(1);

            // Repeated: nothing changes, no new version. New text, same media: the rows stay as they are.
            long mediaId = mediaOf(rig, id).get(0).id();
            assertThat(rig.send(bob, InboxRig.activity("Update", bob, id + "#updates/2",
                    note(bob, id, "<p>two</p>", one.copy())))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.db.read(dsl -> statuses.edits(dsl, edited.id())).await()).hasSize(1);
            assertThat(rig.send(bob, InboxRig.activity("Update", bob, id + "#updates/3",
                    note(bob, id, "<p>two, edited</p>", one.copy())))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.db.read(dsl -> statuses.edits(dsl, edited.id())).await()).hasSize(2);
            assertThat(mediaOf(rig, id)).extracting(MediaAttachment::id).containsExactly(mediaId);

            // An Update without attachments removes them.
            assertThat(rig.send(bob, InboxRig.activity("Update", bob, id + "#updates/4",
                    note(bob, id, "<p>two, edited</p>", new JsonArray())))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(mediaOf(rig, id)).isEmpty();

            String other = "https://mastodon.example/users/bob/statuses/3";
            assertThat(rig.send(bob, InboxRig.activity("Create", bob, other + "/activity",
                    note(bob, other, "<p>more</p>", two.copy())))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.db.read(dsl -> dsl.fetchCount(Tables.MEDIA_ATTACHMENT)).await()).isEqualTo(2);
            assertThat(rig.send(bob, InboxRig.activity("Delete", bob, other + "#delete",
                    new JsonObject().put("id", other).put("type", "Tombstone"))))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.db.read(dsl -> dsl.fetchCount(Tables.MEDIA_ATTACHMENT)).await()).isZero();
        });
    }
}
