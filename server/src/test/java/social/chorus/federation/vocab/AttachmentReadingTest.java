package social.chorus.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code attachment} read with what media need, from the real payloads and from the shapes other
 * platforms use: url as a string, a Link or a list of Links; blurhash and focal point with and
 * without a context that defines them; and in the document's order, which the graph does not keep.
 */
class AttachmentReadingTest {

    private static final JsonLdReader READER = new JsonLdReader();
    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final JsonObject MASTODON_TERMS = new JsonObject().put("toot", "http://joinmastodon.org/ns#")
            .put("blurhash", "toot:blurhash")
            .put("focalPoint", new JsonObject().put("@container", "@list").put("@id", "toot:focalPoint"));

    private static AsObject fixture(String name) {
        AsDocument doc = READER.read(Fixtures.bytes(name)).document();
        if (doc instanceof AsActivity) {
            return ((AsActivity) doc).object().asObject().orElseThrow();
        }
        return (AsObject) doc;
    }

    private static AsObject note(Object context, JsonArray attachments) {
        JsonObject note = new JsonObject().put("@context", context).put("id", "https://social.example/notes/1")
                .put("type", "Note").put("attributedTo", "https://social.example/users/bob")
                .put("content", "<p>pictures</p>").put("attachment", attachments);
        return READER.read(note.encode()).object().orElseThrow();
    }

    @Test
    void mastodonDocumentWithEverything() {
        AsObject note = fixture("mastodon/objects/note_2.json");

        assertThat(note.attachments()).containsExactly(new AsAttachment("Document",
                "https://cdn.masto.host/floss/media_attachments/files/113/306/826/682/985/891/original/c8d906a2f2ab2334.jpg",
                "image/jpeg",
                "The KDE dragons Katie and Konqi stand on either side of a pot filling up with gold coins. Donate!",
                null, "USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDobSc", List.of(0.0, 0.0), 1500L, 1095L, null, null));
    }

    @Test
    void wordpressImagesKeepTheDocumentsOrder() {
        AsObject page = fixture("wordpress/objects/page.json");

        // Sorted by URL, "Splash-Art.jpg" would come before "Splash-Art2-3.png": the order is the post's.
        assertThat(page.attachments()).extracting(AsAttachment::url).containsExactly(
                "https://i0.wp.com/dbzer0.com/wp-content/uploads/2025/12/Splash-Art2-3.png?fit=980%2C980&#038;ssl=1",
                "https://i0.wp.com/dbzer0.com/wp-content/uploads/2025/12/Splash-Art.jpg?fit=696%2C1024&#038;ssl=1",
                "https://i0.wp.com/dbzer0.com/wp-content/uploads/2025/12/small3-1.png?fit=980%2C980&#038;ssl=1",
                "https://i0.wp.com/dbzer0.com/wp-content/uploads/2025/12/small-1-scaled.jpg?fit=768%2C1024&#038;ssl=1");
        assertThat(page.attachments().get(0).name()).isEqualTo("A fleet of varied spacships");
        assertThat(page.attachments()).extracting(AsAttachment::type).containsOnly("Image");
        assertThat(page.image()).isEqualTo(page.attachments().get(0).url());
    }

    @Test
    void lemmyLinksAndImages() {
        AsObject linkOnly = fixture("lemmy/objects/page.json");
        assertThat(linkOnly.attachments()).containsExactly(
                new AsAttachment("Link", "https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png", null, null));
        assertThat(linkOnly.image()).isEqualTo("https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png");

        AsObject both = fixture("lemmy/objects/page_image_and_link.json");
        assertThat(both.attachments()).extracting(AsAttachment::type, AsAttachment::url, AsAttachment::mediaType)
                .containsExactly(
                        tuple("Image", "https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png", "image/png"),
                        tuple("Link", "https://example.com/some-article", "text/html"));

        AsObject created = fixture("lemmy/activities/create_or_update/create_page.json");
        assertThat(created.attachments()).extracting(AsAttachment::url)
                .containsExactly("https://lemmy.ml/pictrs/image/xl8W7FZfk9.jpg");
    }

    @Test
    void otherPlatformsFixturesRead() {
        assertThat(fixture("lotide/activities/create_page_image.json").attachments())
                .extracting(AsAttachment::type, AsAttachment::url)
                .containsExactly(tuple("Image", "http://ltthostname.local:3334/api/stable/posts/46/href"));
        // PeerTube's video lists its files as url Links, whose own attachments are PropertyValues:
        // the Video itself has none.
        assertThat(READER.read(Fixtures.bytes("peertube/objects/video.json")).object().orElseThrow().attachments())
                .isEmpty();
        assertThat(fixture("friendica/objects/note_1.json").attachments()).isEmpty();
    }

    @Test
    void pleromaUrlAsAListOfLinksWithItsOwnContext() {
        // Pleroma and Akkoma list the file as Links; their LitePub context defines no blurhash,
        // so it arrives by its plain name.
        JsonArray attachments = new JsonArray().add(new JsonObject().put("type", "Document")
                .put("mediaType", "image/png").put("name", "a cat")
                .put("blurhash", "LEHV6nWB2yk8pyo0adR*.7kCMdnj")
                .put("width", 640).put("height", 480)
                .put("url", new JsonArray()
                        .add(new JsonObject().put("type", "Link").put("mediaType", "text/html")
                                .put("href", "https://pleroma.example/notice/1"))
                        .add(new JsonObject().put("type", "Link").put("mediaType", "image/png")
                                .put("href", "https://pleroma.example/media/cat.png"))));
        AsObject note = note(new JsonArray().add(AS).add("https://pleroma.example/schemas/litepub-0.1.jsonld"),
                attachments);

        AsAttachment a = note.attachments().get(0);
        assertThat(a.url()).isEqualTo("https://pleroma.example/media/cat.png");
        assertThat(a.mediaType()).isEqualTo("image/png");
        assertThat(a.name()).isEqualTo("a cat");
        assertThat(a.blurhash()).isEqualTo("LEHV6nWB2yk8pyo0adR*.7kCMdnj");
        assertThat(a.width()).isEqualTo(640L);
        assertThat(a.height()).isEqualTo(480L);
    }

    @Test
    void aLinksSizeAndMediaTypeStandInForTheEntrys() {
        JsonArray attachments = new JsonArray().add(new JsonObject().put("type", "Video")
                .put("url", new JsonObject().put("type", "Link").put("mediaType", "video/mp4")
                        .put("href", "https://social.example/v.mp4").put("width", 1920).put("height", 1080))
                .put("icon", new JsonObject().put("type", "Image").put("url", "https://social.example/v.jpg")));
        AsAttachment a = note(AS, attachments).attachments().get(0);

        assertThat(a.url()).isEqualTo("https://social.example/v.mp4");
        assertThat(a.mediaType()).isEqualTo("video/mp4");
        assertThat(a.width()).isEqualTo(1920L);
        assertThat(a.height()).isEqualTo(1080L);
        assertThat(a.icon()).isEqualTo("https://social.example/v.jpg");
    }

    @Test
    void focalPointNeedsTheOrderedListMastodonsContextMakesOfIt() {
        JsonObject image = new JsonObject().put("type", "Image").put("mediaType", "image/jpeg")
                .put("url", "https://social.example/a.jpg").put("focalPoint", new JsonArray().add(-0.5).add(0.25));

        AsAttachment defined = note(new JsonArray().add(AS).add(MASTODON_TERMS), new JsonArray().add(image.copy()))
                .attachments().get(0);
        assertThat(defined.focalPoint()).containsExactly(-0.5, 0.25);

        // Without the term's definition the pair has no order: x and y cannot be told apart.
        AsAttachment undefined = note(AS, new JsonArray().add(image.copy())).attachments().get(0);
        assertThat(undefined.focalPoint()).isEmpty();
        assertThat(undefined.url()).isEqualTo("https://social.example/a.jpg");
    }

    @Test
    void misskeyMarksAFileSensitive() {
        JsonArray attachments = new JsonArray().add(new JsonObject().put("type", "Document")
                .put("mediaType", "image/webp").put("url", "https://misskey.example/files/abc").put("name", null)
                .put("sensitive", true));
        AsAttachment a = note(new JsonArray().add(AS).add(new JsonObject().put("sensitive", "as:sensitive")),
                attachments).attachments().get(0);

        assertThat(a.sensitive()).isTrue();
        assertThat(a.name()).isNull();
        assertThat(a.type()).isEqualTo("Document");
    }

    @Test
    void manyEntriesKeepTheirOrderAndTheReadingStopsAtItsBound() {
        JsonArray attachments = new JsonArray();
        for (int i = 199; i >= 0; i--) { // descending, so that URL order would reverse it
            attachments.add(new JsonObject().put("type", "Image")
                    .put("url", String.format("https://social.example/%03d.png", i)));
        }
        List<AsAttachment> read = note(AS, attachments).attachments();

        assertThat(read).hasSize(AttachmentMapper.MAX_READ);
        assertThat(read.get(0).url()).isEqualTo("https://social.example/199.png");
        assertThat(read.get(AttachmentMapper.MAX_READ - 1).url()).isEqualTo("https://social.example/136.png");
    }

    @Test
    void hostileValuesAreReadAsSentForTheConverterToJudge() {
        JsonArray attachments = new JsonArray()
                .add(new JsonObject().put("type", "Image").put("url", "javascript:alert(1)"))
                .add(new JsonObject().put("type", "Image").put("url", "https://social.example/b.png")
                        .put("width", "wide").put("height", -3).put("blurhash", "<script>"))
                .add(new JsonObject().put("type", "Image").put("url", "https://social.example/c.png")
                        .put("width", new BigInteger("18446744073709551716")).put("height", "1e999999999"));
        List<AsAttachment> read = note(AS, attachments).attachments();

        assertThat(read).extracting(AsAttachment::url).containsExactly("javascript:alert(1)",
                "https://social.example/b.png", "https://social.example/c.png");
        AsAttachment b = read.get(1);
        assertThat(b.width()).isNull();
        assertThat(b.height()).isEqualTo(-3L);
        assertThat(b.blurhash()).isEqualTo("<script>");
        // Beyond a long: no value, rather than one wrapped round into range (2^64 + 100 is not 100).
        AsAttachment c = read.get(2);
        assertThat(c.width()).isNull();
        assertThat(c.height()).isNull();
    }
}
