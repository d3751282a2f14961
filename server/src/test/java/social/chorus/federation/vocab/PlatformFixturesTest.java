package social.chorus.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key fields of one payload per platform shape, asserted exactly. */
class PlatformFixturesTest {

    private static final JsonLdReader READER = new JsonLdReader();
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private static ReadResult read(String fixture) {
        return READER.read(Fixtures.bytes(fixture));
    }

    @Test
    void mastodonCreateNote() {
        ReadResult result = read("mastodon/activities/create_note.json");
        AsActivity create = result.activity().orElseThrow();

        assertThat(result.warnings()).isEmpty();
        assertThat(create.id()).isEqualTo("https://mastodon.madrid/users/felix/statuses/107224289116410645/activity");
        assertThat(create.type()).isEqualTo("Create");
        assertThat(create.actor()).isEqualTo("https://mastodon.madrid/users/felix");
        assertThat(create.published()).isEqualTo(Instant.parse("2021-11-05T11:46:50Z"));
        assertThat(create.to()).containsExactly("https://mastodon.madrid/users/felix/followers");
        assertThat(create.cc()).containsExactly("https://mamot.fr/users/retiolus", PUBLIC);
        assertThat(create.isPublic()).isTrue();

        AsObject note = create.object().asObject().orElseThrow();
        assertThat(note.id()).isEqualTo("https://mastodon.madrid/users/felix/statuses/107224289116410645");
        assertThat(note.type()).isEqualTo("Note");
        assertThat(note.attributedTo()).containsExactly("https://mastodon.madrid/users/felix");
        assertThat(note.inReplyTo()).isEqualTo("https://mamot.fr/users/retiolus/statuses/107224244380204526");
        assertThat(note.url()).isEqualTo("https://mastodon.madrid/@felix/107224289116410645");
        // "content" and "contentMap.en" differ in this capture: the plain content wins.
        assertThat(note.content()).startsWith("<p><span class=\"h-card\">")
                .contains("i have never been disappointed by a thinkpad");
        assertThat(note.summary()).isNull();
        assertThat(note.sensitive()).isFalse();
        assertThat(note.context()).isEqualTo("tag:mamot.fr,2021-11-05:objectId=64635960:objectType=Conversation");
        assertThat(note.cc()).contains(PUBLIC);
        assertThat(note.tags()).containsExactly(
                new AsTag("Mention", "@retiolus@mamot.fr", "https://mamot.fr/users/retiolus", null, null));
        assertThat(note.attachments()).isEmpty();
    }

    /** However the sender compacts the public collection, it reads as the full IRI. */
    @ParameterizedTest
    @ValueSource(strings = {"as:Public", "Public", "https://www.w3.org/ns/activitystreams#Public"})
    void mastodonCreateNoteWithAnyFormOfPublic(String form) {
        String json = new String(Fixtures.bytes("mastodon/activities/create_note.json"), StandardCharsets.UTF_8)
                .replace("\"https://www.w3.org/ns/activitystreams#Public\"", "\"" + form + "\"");
        AsActivity create = READER.read(json).activity().orElseThrow();

        assertThat(create.cc()).containsExactly("https://mamot.fr/users/retiolus", PUBLIC);
        assertThat(create.object().asObject().orElseThrow().cc()).contains(PUBLIC);
    }

    @Test
    void mastodonPerson() {
        AsActor person = read("mastodon/objects/person.json").actor().orElseThrow();
        String id = "https://masto.qa.urbanwildlife.biz/users/mastodon";

        assertThat(person.id()).isEqualTo(id);
        assertThat(person.type()).isEqualTo("Person");
        assertThat(person.preferredUsername()).isEqualTo("mastodon");
        assertThat(person.name()).isEqualTo("Mastodon");
        assertThat(person.url()).isEqualTo("https://masto.qa.urbanwildlife.biz/@mastodon");
        assertThat(person.inbox()).isEqualTo(id + "/inbox");
        assertThat(person.outbox()).isEqualTo(id + "/outbox");
        assertThat(person.followers()).isEqualTo(id + "/followers");
        assertThat(person.following()).isEqualTo(id + "/following");
        assertThat(person.sharedInbox()).isEqualTo("https://masto.qa.urbanwildlife.biz/inbox");
        assertThat(person.manuallyApprovesFollowers()).isFalse();
        assertThat(person.discoverable()).isFalse();
        assertThat(person.published()).isEqualTo(Instant.parse("2022-10-03T00:00:00Z"));
        assertThat(person.publicKey().id()).isEqualTo(id + "#main-key");
        assertThat(person.publicKey().owner()).isEqualTo(id);
        assertThat(person.publicKey().publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\nMIIBIjANBg")
                .endsWith("-----END PUBLIC KEY-----\n");
    }

    /** Lemmy sends no @context at all: ActivityStreams is assumed, Lemmy's own terms read by name. */
    @Test
    void lemmyPage() {
        ReadResult result = read("lemmy/objects/page.json");
        AsObject page = result.object().orElseThrow();

        assertThat(page.id()).isEqualTo("https://enterprise.lemmy.ml/post/55143");
        assertThat(page.type()).isEqualTo("Page");
        assertThat(page.attributedTo()).containsExactly("https://enterprise.lemmy.ml/u/picard");
        assertThat(page.name()).isEqualTo("Post title");
        assertThat(page.content()).isEqualTo("<p>This is a post in the /c/tenforward community</p>\n");
        assertThat(page.mediaType()).isEqualTo("text/html");
        assertThat(page.to()).containsExactly("https://enterprise.lemmy.ml/c/tenforward", PUBLIC);
        assertThat(page.audience()).containsExactly("https://enterprise.lemmy.ml/c/tenforward");
        assertThat(page.sensitive()).isFalse();
        assertThat(page.context()).isEqualTo("https://enterprise.lemmy.ml/post/55143/context");
        assertThat(page.published()).isEqualTo(Instant.parse("2021-02-26T12:35:34.292626Z"));
        assertThat(page.attachments()).containsExactly(
                new AsAttachment("Link", "https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png", null, null));
        // CommunityPostTag is defined nowhere: kept by name, not an error.
        assertThat(page.tags()).containsExactly(
                new AsTag("CommunityPostTag", null, null, "https://enterprise.lemmy.ml/c/tenforward/tag/news", null),
                new AsTag("Mention", "@tenforward@enterprise.lemmy.ml", "https://enterprise.lemmy.ml/c/tenforward",
                        null, null));
    }

    @Test
    void lemmyGroup() {
        AsActor group = read("lemmy/objects/group.json").actor().orElseThrow();
        String id = "https://enterprise.lemmy.ml/c/tenforward";

        assertThat(group.id()).isEqualTo(id);
        assertThat(group.type()).isEqualTo("Group");
        assertThat(group.preferredUsername()).isEqualTo("tenforward");
        assertThat(group.name()).isEqualTo("Ten Forward");
        assertThat(group.summary()).startsWith("<p>Lounge and recreation facility</p>");
        assertThat(group.inbox()).isEqualTo(id + "/inbox");
        assertThat(group.outbox()).isEqualTo(id + "/outbox");
        assertThat(group.followers()).isEqualTo(id + "/followers");
        assertThat(group.sharedInbox()).isEqualTo("https://enterprise.lemmy.ml/inbox");
        assertThat(group.iconUrl()).isEqualTo("https://enterprise.lemmy.ml/pictrs/image/waqyZwLAy4.webp");
        assertThat(group.published()).isEqualTo(Instant.parse("2019-06-02T16:43:50.799554Z"));
        assertThat(group.publicKey()).isEqualTo(new AsPublicKey(id + "#main-key", id,
                group.publicKey().publicKeyPem()));
        assertThat(group.publicKey().publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void lemmyAnnounceWrapsCreatePage() {
        AsActivity announce = read("lemmy/activities/community/announce_create_page.json").activity().orElseThrow();

        assertThat(announce.type()).isEqualTo("Announce");
        assertThat(announce.id())
                .isEqualTo("http://enterprise.lemmy.ml/activities/announce/8030b171-803a-4108-94b1-342688f375cf");
        assertThat(announce.actor()).isEqualTo("http://enterprise.lemmy.ml/c/main");
        assertThat(announce.to()).containsExactly(PUBLIC);
        assertThat(announce.cc()).containsExactly("http://enterprise.lemmy.ml/c/main/followers");

        AsActivity create = announce.object().asActivity().orElseThrow();
        assertThat(create.type()).isEqualTo("Create");
        assertThat(create.id())
                .isEqualTo("http://enterprise.lemmy.ml/activities/create/2807c9ec-3ad8-4859-a9e0-28b59b6e499f");
        assertThat(create.actor()).isEqualTo("http://enterprise.lemmy.ml/u/lemmy_beta");
        assertThat(create.cc()).containsExactly("http://enterprise.lemmy.ml/c/main");

        AsObject page = create.object().asObject().orElseThrow();
        assertThat(page.type()).isEqualTo("Page");
        assertThat(page.id()).isEqualTo("http://enterprise.lemmy.ml/post/7");
        assertThat(page.name()).isEqualTo("post 4");
        assertThat(page.attributedTo()).containsExactly("http://enterprise.lemmy.ml/u/lemmy_beta");
        assertThat(page.to()).containsExactly("http://enterprise.lemmy.ml/c/main", PUBLIC);
    }

    /** The LitePub context is served from the bundle whatever Pleroma host names it. */
    @Test
    void pleromaCreateWithLitepubContext() {
        ReadResult result = read("pleroma/activities/create_note.json");
        AsActivity create = result.activity().orElseThrow();

        assertThat(result.warnings()).isEmpty();
        assertThat(create.type()).isEqualTo("Create");
        assertThat(create.actor()).isEqualTo("https://greenish.red/users/nutomic");
        assertThat(create.to()).containsExactly("https://enterprise.lemmy.ml/u/picard", PUBLIC);
        AsObject note = create.object().asObject().orElseThrow();
        assertThat(note.id()).isEqualTo("https://greenish.red/objects/1a522f2e-d5ab-454b-93d7-e58bc0650c2a");
        assertThat(note.content()).endsWith("</a></span> test");
        assertThat(note.summary()).isEmpty();
        assertThat(note.sensitive()).isFalse();
        assertThat(note.inReplyTo()).isEqualTo("https://enterprise.lemmy.ml/post/55143");
        assertThat(note.context()).isEqualTo("https://greenish.red/contexts/f6244742-0526-4b84-ac4f-ceadf1fb4e56");
        assertThat(note.tags()).extracting(AsTag::type, AsTag::name)
                .containsExactly(tuple("Mention", "@lanodan@ds9.lemmy.ml"));
    }

    @Test
    void pleromaChatMessageTypeComesFromLitepub() {
        ReadResult result = read("pleroma/objects/chat_message.json");

        assertThat(result.warnings()).isEmpty();
        AsObject message = result.object().orElseThrow();
        assertThat(message.type()).isEqualTo("ChatMessage");
        assertThat(message.content()).isEqualTo("Hi!");
        assertThat(message.attributedTo()).containsExactly("https://queer.hacktivis.me/users/lanodan");
    }

    @Test
    void pleromaPersonEmojiTags() {
        AsActor person = read("pleroma/objects/person.json").actor().orElseThrow();

        assertThat(person.name()).contains(":bzh:");
        assertThat(person.tags()).containsExactly(
                emoji(":anarchy:", "https://queer.hacktivis.me/emoji/custom/symbols/anarchy.png"),
                emoji(":bzh:", "https://queer.hacktivis.me/emoji/custom/mastodon.xyz/bzh.png"),
                emoji(":gentoo:", "https://queer.hacktivis.me/emoji/custom/gentoo.png"));
    }

    private static AsTag emoji(String name, String url) {
        return new AsTag("Emoji", name, null, url, url);
    }

    @Test
    void peertubeVideo() {
        AsObject video = read("peertube/objects/video.json").object().orElseThrow();

        assertThat(video.type()).isEqualTo("Video");
        assertThat(video.id()).isEqualTo("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1");
        assertThat(video.name()).startsWith("Mesa, Wayland & X.org in trouble");
        // Several Links, one per format: the HTML page is the url.
        assertThat(video.url()).isEqualTo("https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1");
        // The account (Person) before the channel (Group), whatever order RDF gives.
        assertThat(video.attributedTo()).containsExactly("https://tilvids.com/accounts/thelinuxexperiment",
                "https://tilvids.com/video-channels/thelinuxexperiment_channel");
        assertThat(video.author()).isEqualTo("https://tilvids.com/accounts/thelinuxexperiment");
        assertThat(video.mediaType()).isEqualTo("text/markdown");
        assertThat(video.published()).isEqualTo(Instant.parse("2025-02-01T11:59:45.094Z"));
        assertThat(video.updated()).isEqualTo(Instant.parse("2025-02-04T09:00:50.396Z"));
        assertThat(video.to()).containsExactly(PUBLIC);
        assertThat(video.sensitive()).isFalse();
    }

    @Test
    void mobilizonEvent() {
        AsObject event = read("mobilizon/objects/event.json").object().orElseThrow();

        assertThat(event.type()).isEqualTo("Event");
        assertThat(event.id()).isEqualTo("https://rendezvous.nomagic.uk/events/b81c0531-a57c-497d-93ba-af0f8b255498");
        assertThat(event.name()).isEqualTo("Caledonian scottish dance class");
        assertThat(event.attributedTo()).containsExactly("https://rendezvous.nomagic.uk/@devon_caledonian_society");
        assertThat(event.startTime()).isEqualTo(Instant.parse("2022-12-11T19:00:00Z"));
        assertThat(event.endTime()).isEqualTo(Instant.parse("2022-12-11T21:00:00Z"));
        assertThat(event.url()).isEqualTo(event.id());
        assertThat(event.content()).startsWith("<p>£6 each.</p>");
        assertThat(event.tags()).extracting(AsTag::type).containsOnly("Hashtag");
        assertThat(event.tags()).extracting(AsTag::name).contains("#Dance", "#Caledonian");
        assertThat(event.attachments()).extracting(AsAttachment::name, AsAttachment::mediaType)
                .containsExactly(tuple("Banner", "image/jpeg"));
    }

    @Test
    void lemmyDislike() {
        AsActivity dislike = read("lemmy/activities/voting/dislike_page.json").activity().orElseThrow();

        assertThat(dislike.type()).isEqualTo("Dislike");
        assertThat(dislike.actor()).isEqualTo("http://enterprise.lemmy.ml/u/lemmy_beta");
        assertThat(dislike.object()).isEqualTo(new AsRef.Link("http://ds9.lemmy.ml/post/1"));
        assertThat(dislike.audience()).containsExactly("https://enterprise.lemmy.ml/c/tenforward");
    }

    @Test
    void friendicaUndoDislike() {
        AsActivity undo = read("friendica/activities/undo_dislike_page.json").activity().orElseThrow();

        assertThat(undo.type()).isEqualTo("Undo");
        AsActivity dislike = undo.object().asActivity().orElseThrow();
        assertThat(dislike.type()).isEqualTo("Dislike");
        assertThat(dislike.objectId()).isEqualTo("https://pirati.ca/objects/ec054ce7-2062-3bfa-8687-ca8313624820");
    }

    @Test
    void mastodonFlagKeepsEveryObject() {
        AsActivity flag = read("mastodon/activities/flag.json").activity().orElseThrow();

        assertThat(flag.type()).isEqualTo("Flag");
        assertThat(flag.objects()).extracting(AsRef::id).containsExactly("https://example.com/posts/380590",
                "https://example.com/posts/380591", "https://example.com/users/1");
        assertThat(flag.to()).containsExactly("https://example.com/users/1");
    }

    /** Lemmy's Lock is in no context: the type keeps its name and the document is an activity. */
    @Test
    void lemmyLockIsAnActivityOfUnknownType() {
        AsActivity lock = read("lemmy/activities/community/lock_page.json").activity().orElseThrow();

        assertThat(lock.type()).isEqualTo("Lock");
        assertThat(lock.objectId()).isNotNull();
    }

    /** Mbin's context is not bundled: skipped with a warning, the actor still reads in full. */
    @Test
    void mbinInstanceWithUnbundledContext() {
        ReadResult result = read("mbin/objects/instance.json");
        AsActor instance = result.actor().orElseThrow();

        assertThat(result.warnings()).singleElement().asString().contains("https://fedia.io/contexts");
        assertThat(instance.type()).isEqualTo("Application");
        assertThat(instance.inbox()).isEqualTo("https://fedia.io/i/inbox");
        assertThat(instance.manuallyApprovesFollowers()).isTrue();
        assertThat(instance.publicKey().owner()).isEqualTo("https://fedia.io/i/actor");
        assertThat(instance.publicKey().publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    /** WordPress sends an id with two '#': repaired, reported, and the Announce stays the root. */
    @Test
    void wordpressAnnounceWithMalformedId() {
        ReadResult result = read("wordpress/activities/announce.json");
        AsActivity announce = result.activity().orElseThrow();

        assertThat(announce.type()).isEqualTo("Announce");
        assertThat(announce.id()).isEqualTo("https://pfefferle.org/lemmy-part-4/#activity%23activity");
        assertThat(result.warnings()).anyMatch(w -> w.contains("#activity#activity"));
        assertThat(announce.object().asActivity().orElseThrow().type()).isEqualTo("Update");
    }

    @Test
    void mastodonFeaturedCollectionKeepsItemOrder() {
        AsCollection featured = read("mastodon/collections/featured.json").collection().orElseThrow();

        assertThat(featured.type()).isEqualTo("OrderedCollection");
        assertThat(featured.totalItems()).isEqualTo(1L);
        assertThat(featured.items()).singleElement()
                .satisfies(item -> assertThat(item.asObject().orElseThrow().type()).isEqualTo("Note"));
    }
}
