package social.chorus.federation.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import social.chorus.federation.vocab.AsActivity;
import social.chorus.federation.vocab.AsAttachment;
import social.chorus.federation.vocab.AsCollection;
import social.chorus.federation.vocab.AsDocument;
import social.chorus.federation.vocab.AsObject;
import social.chorus.federation.vocab.AsRef;
import social.chorus.federation.vocab.JsonLdReader;
import social.chorus.model.MediaAttachment;
import social.chorus.model.MediaAttachment.Kind;
import social.chorus.testing.MastodonNotes;

/**
 * Attachments as the media stored for a post: every real payload converts, each platform's shape
 * gives the right type and fields, and hostile values lose only themselves.
 */
class AsToMediaTest {
    private static final JsonLdReader READER = new JsonLdReader();
    private static final String AS = "https://www.w3.org/ns/activitystreams";

    private static List<AsObject> objects(Path file) {
        try {
            List<AsObject> out = new ArrayList<>();
            collect(READER.read(Files.readAllBytes(file)).document(), out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(AsDocument doc, List<AsObject> out) {
        if (doc instanceof AsObject) {
            out.add((AsObject) doc);
        } else if (doc instanceof AsActivity) {
            for (AsRef ref : ((AsActivity) doc).objects()) {
                ref.embedded().ifPresent(d -> collect(d, out));
            }
        } else if (doc instanceof AsCollection) {
            for (AsRef ref : ((AsCollection) doc).items()) {
                ref.embedded().ifPresent(d -> collect(d, out));
            }
        }
    }

    private static List<MediaAttachment> fixture(String name) {
        return AsToMedia.attachments(objects(MastodonNotes.fixtures().resolve(name)).get(0));
    }

    private static AsObject note(JsonArray attachments) {
        return READER.read(new JsonObject().put("@context", AS).put("id", "https://social.example/notes/1")
                .put("type", "Note").put("attributedTo", "https://social.example/users/bob")
                .put("attachment", attachments).encode()).object().orElseThrow();
    }

    private static Object image(String url) {
        return new JsonObject().put("type", "Image").put("mediaType", "image/png").put("url", url);
    }

    private static AsAttachment entry(String url, Long width, Long height, String blurhash, List<Double> focus,
            String name) {
        return new AsAttachment("Document", url, "image/jpeg", name, null, blurhash, focus, width, height, null, null);
    }

    @Test
    void everyPayloadWithAttachmentsConverts() throws IOException {
        Map<String, Integer> media = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MastodonNotes.fixtures())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                if (!Files.readString(file).contains("\"attachment\"")) {
                    continue;
                }
                int n = 0;
                for (AsObject o : objects(file)) {
                    n += AsToMedia.attachments(o).size();
                }
                media.put(MastodonNotes.fixtures().relativize(file).toString().replace('\\', '/'), n);
            }
        }
        assertThat(media).hasSizeGreaterThanOrEqualTo(30);
        assertThat(media).containsEntry("mastodon/objects/note_2.json", 1)
                .containsEntry("wordpress/objects/page.json", 4)
                .containsEntry("lemmy/objects/page.json", 1)
                .containsEntry("lemmy/objects/page_image_and_link.json", 1)
                .containsEntry("lemmy/activities/create_or_update/create_page.json", 1)
                .containsEntry("lotide/activities/create_page_image.json", 1)
                .containsEntry("mobilizon/objects/event.json", 1)
                // Profile fields (PropertyValue) of actors and PeerTube's file metadata are no media.
                .containsEntry("mastodon/objects/person.json", 0)
                .containsEntry("peertube/objects/video.json", 0)
                .containsEntry("friendica/activities/create_note.json", 0);
    }

    @Test
    void mastodonImageWithAltBlurhashFocusAndSize() {
        assertThat(fixture("mastodon/objects/note_2.json")).containsExactly(new MediaAttachment(0, Kind.IMAGE,
                "https://cdn.masto.host/floss/media_attachments/files/113/306/826/682/985/891/original/c8d906a2f2ab2334.jpg",
                null, "image/jpeg",
                "The KDE dragons Katie and Konqi stand on either side of a pot filling up with gold coins. Donate!",
                "USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDobSc", 1500, 1095, new MediaAttachment.Focus(0, 0)));
    }

    @Test
    void lemmyImageLinkIsAPictureAndItsArticleLinkIsNot() {
        assertThat(fixture("lemmy/objects/page.json")).extracting(MediaAttachment::type, MediaAttachment::remoteUrl)
                .containsExactly(tuple(Kind.IMAGE, "https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png"));
        assertThat(fixture("lemmy/objects/page_image_and_link.json"))
                .extracting(MediaAttachment::type, MediaAttachment::remoteUrl, MediaAttachment::mediaType)
                .containsExactly(tuple(Kind.IMAGE, "https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png",
                        "image/png"));
    }

    @Test
    void wordpressImagesInOrderWithTheirAltText() {
        List<MediaAttachment> media = fixture("wordpress/objects/page.json");
        assertThat(media).extracting(MediaAttachment::type).containsOnly(Kind.IMAGE);
        assertThat(media).extracting(MediaAttachment::description)
                .containsExactly("A fleet of varied spacships", null, null, null);
        assertThat(media.get(1).remoteUrl()).contains("Splash-Art.jpg");
    }

    @Test
    void typeComesFromMediaTypeThenActivityStreamsTypeThenTheFileName() {
        assertThat(AsToMedia.media(new AsAttachment("Document", "https://s.example/a", "video/webm", null), null))
                .map(MediaAttachment::type).contains(Kind.VIDEO);
        assertThat(AsToMedia.media(new AsAttachment("Audio", "https://s.example/a", null, null), null))
                .map(MediaAttachment::type).contains(Kind.AUDIO);
        assertThat(AsToMedia.media(new AsAttachment("Document", "https://s.example/song.MP3?x=1", null, null), null))
                .map(MediaAttachment::type).contains(Kind.AUDIO);
        assertThat(AsToMedia.media(new AsAttachment("Document", "https://s.example/paper.pdf", "application/pdf",
                null), null)).map(MediaAttachment::type).contains(Kind.UNKNOWN);
        assertThat(AsToMedia.media(new AsAttachment("Image", "https://s.example/anim.gif", "image/gif", null), null))
                .map(MediaAttachment::type).contains(Kind.IMAGE);
        // A Link or bare IRI with no media type and no file name is a link, not media, unless it is
        // the post's own picture.
        assertThat(AsToMedia.media(new AsAttachment("Link", "https://s.example/article", null, null), null))
                .isEmpty();
        assertThat(AsToMedia.media(new AsAttachment(null, "https://s.example/thing", null, null), null)).isEmpty();
        assertThat(AsToMedia.media(new AsAttachment("Link", "https://s.example/pic", null, null),
                "https://s.example/pic")).map(MediaAttachment::type).contains(Kind.IMAGE);
        assertThat(AsToMedia.media(new AsAttachment("Document", "https://s.example/page", "text/html", null), null))
                .isEmpty();
        assertThat(AsToMedia.media(new AsAttachment("PropertyValue", null, null, "Website"), null)).isEmpty();
    }

    @Test
    void onlyHttpUrlsAreFiles() {
        for (String url : List.of("javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo=", "ftp://s.example/a.png",
                "file:///etc/passwd", "//s.example/a.png", "/media/a.png", " https://s.example/a.png",
                "https://s.example/" + "a".repeat(AsToStatus.URI_MAX))) {
            assertThat(AsToMedia.media(entry(url, null, null, null, List.of(), null), null)).as(url).isEmpty();
        }
        assertThat(AsToMedia.media(entry("http://s.example/a.png", null, null, null, List.of(), null), null))
                .isPresent();
        // Readers' apps load the files: nothing that points them into their own networks.
        for (String url : List.of("http://localhost/a.png", "https://cam.localhost/a.png", "http://127.0.0.1/a.png",
                "http://10.1.2.3/a.png", "http://192.168.1.1/a.png", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/a.png", "http://[fe80::1]/a.png", "http://[fd00::5]/a.png", "http://printer/a.png",
                "http://2130706433/a.png", "http://0x7f.1/a.png", "http://127.1/a.png", "http://10.0.0.010/a.png",
                "http://s.example./a.png")) {
            assertThat(AsToMedia.media(entry(url, null, null, null, List.of(), null), null)).as(url).isEmpty();
        }
        for (String url : List.of("https://8.8.8.8/a.png", "https://[2001:4860:4860::8888]/a.png",
                "https://media.s.example/a.png", "https://files.example.org:8443/a.png")) {
            assertThat(AsToMedia.media(entry(url, null, null, null, List.of(), null), null)).as(url).isPresent();
        }
        // A thumbnail with another scheme is left out, the picture kept.
        AsAttachment withIcon = new AsAttachment("Video", "https://s.example/v.mp4", "video/mp4", null, null, null,
                List.of(), null, null, "javascript:alert(1)", null);
        assertThat(AsToMedia.media(withIcon, null).orElseThrow().previewRemoteUrl()).isNull();
    }

    @Test
    void badPartsAreLeftOutAndThePictureKept() {
        String url = "https://s.example/a.jpg";
        MediaAttachment absurd = AsToMedia.media(entry(url, 1_000_000_000L, 500L, "not a blurhash!",
                List.of(2.0, 0.0), "x".repeat(5000)), null).orElseThrow();
        assertThat(absurd.remoteUrl()).isEqualTo(url);
        assertThat(absurd.width()).isNull();
        assertThat(absurd.height()).isNull(); // a size is both or neither
        assertThat(absurd.blurhash()).isNull();
        assertThat(absurd.focus()).isNull();
        assertThat(absurd.description()).hasSize(AsToMedia.MAX_DESCRIPTION);

        MediaAttachment negative = AsToMedia.media(entry(url, -1L, 10L, "USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDob",
                List.of(Double.NaN, 0.0), " \u0000alt\u0007 text\n "), null).orElseThrow();
        assertThat(negative.width()).isNull();
        assertThat(negative.blurhash()).as("too short for its header").isNull();
        assertThat(negative.focus()).isNull();
        assertThat(negative.description()).isEqualTo("alt text");

        MediaAttachment fine = AsToMedia.media(entry(url, 4000L, 3000L, "LEHV6nWB2yk8pyo0adR*.7kCMdnj",
                List.of(-1.0, 1.0), "   "), null).orElseThrow();
        assertThat(fine.width()).isEqualTo(4000);
        assertThat(fine.height()).isEqualTo(3000);
        assertThat(fine.blurhash()).isEqualTo("LEHV6nWB2yk8pyo0adR*.7kCMdnj");
        assertThat(fine.focus()).isEqualTo(new MediaAttachment.Focus(-1, 1));
        assertThat(fine.description()).isNull();

        // Astral characters are not cut in half.
        String emoji = "\uD83D\uDC31".repeat(AsToMedia.MAX_DESCRIPTION + 5);
        String cut = AsToMedia.media(entry(url, null, null, null, List.of(), emoji), null).orElseThrow()
                .description();
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(AsToMedia.MAX_DESCRIPTION);
        // A media type that is no media type is dropped, not stored.
        assertThat(AsToMedia.media(new AsAttachment("Image", url, "image/png<script>", null), null).orElseThrow()
                .mediaType()).isNull();
    }

    @Test
    void blurhashMustBeBase83AndAsLongAsItsHeaderSays() {
        assertThat(Blurhash.isValid("USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDobSc")).isTrue();
        assertThat(Blurhash.isValid("00TSUA")).isTrue(); // 1 × 1 component
        assertThat(Blurhash.isValid("USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDobS")).isFalse();
        assertThat(Blurhash.isValid("USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDobSc0")).isFalse();
        assertThat(Blurhash.isValid("USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDob\"c")).isFalse();
        assertThat(Blurhash.isValid("USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDob c")).isFalse();
        assertThat(Blurhash.isValid("~" + "0".repeat(165))).isFalse(); // a header beyond 9 × 9
        assertThat(Blurhash.isValid(null)).isFalse();
    }

    @Test
    void aHugeListKeepsTheFirstUsableOnesUpToTheCap() {
        JsonArray attachments = new JsonArray().add(image("javascript:alert(1)")).add(image("data:,x"));
        for (int i = 0; i < 60; i++) {
            attachments.add(image(String.format("https://social.example/%02d.png", 59 - i)));
        }
        List<MediaAttachment> media = AsToMedia.attachments(note(attachments));

        assertThat(media).hasSize(AsToMedia.MAX_ATTACHMENTS);
        assertThat(media.get(0).remoteUrl()).isEqualTo("https://social.example/59.png");
        assertThat(media.get(AsToMedia.MAX_ATTACHMENTS - 1).remoteUrl()).isEqualTo("https://social.example/44.png");
    }

    @Test
    void aSensitiveFileMakesThePostSensitive() {
        JsonArray attachments = new JsonArray().add(new JsonObject().put("type", "Document")
                .put("mediaType", "image/webp").put("url", "https://misskey.example/files/abc").put("sensitive", true));
        AsObject marked = note(attachments);
        assertThat(AsToMedia.anySensitive(marked)).isTrue();
        assertThat(new AsToStatus().content(marked).sensitive()).isTrue();

        AsObject plain = note(new JsonArray().add(image("https://social.example/a.png")));
        assertThat(new AsToStatus().content(plain).sensitive()).isFalse();
    }
}
