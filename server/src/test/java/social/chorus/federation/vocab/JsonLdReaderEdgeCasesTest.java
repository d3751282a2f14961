package social.chorus.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-written documents for the shapes a tolerant reader must accept, and the ones it refuses. */
class JsonLdReaderEdgeCasesTest {

    private static final JsonLdReader READER = new JsonLdReader();
    private static final String AS = "\"https://www.w3.org/ns/activitystreams\"";
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private static String note(String context, String to) {
        return "{" + (context == null ? "" : "\"@context\": " + context + ",") + """
                "id": "https://a.example/notes/1", "type": "Note",
                "attributedTo": "https://a.example/users/amy",
                "content": "<p>hi</p>", "to": %s }""".formatted(to);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            AS,
            "[" + AS + "]",
            "[" + AS + ", {\"sensitive\": \"as:sensitive\", \"toot\": \"http://joinmastodon.org/ns#\"}]",
            "[" + AS + ", \"https://w3id.org/security/v1\"]",
            "\"http://www.w3.org/ns/activitystreams\"",
            "null"})
    void everyFormOfContextReadsTheSame(String context) {
        AsObject note = READER.read(note(context, "\"" + PUBLIC + "\"")).object().orElseThrow();

        assertThat(note.id()).isEqualTo("https://a.example/notes/1");
        assertThat(note.type()).isEqualTo("Note");
        assertThat(note.attributedTo()).containsExactly("https://a.example/users/amy");
        assertThat(note.content()).isEqualTo("<p>hi</p>");
        assertThat(note.to()).containsExactly(PUBLIC);
    }

    @Test
    void noContextAtAllMeansActivityStreams() {
        ReadResult result = READER.read(note(null, "[\"https://a.example/users/bob\"]"));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.object().orElseThrow().to()).containsExactly("https://a.example/users/bob");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Public\"", "\"as:Public\"", "[\"Public\"]", "[\"as:Public\", \"https://b.example/u\"]"})
    void publicReadsAsTheFullIriInStringsAndArrays(String to) {
        AsObject note = READER.read(note(AS, to)).object().orElseThrow();

        assertThat(note.to()).contains(PUBLIC);
        assertThat(note.isPublic()).isTrue();
    }

    @Test
    void addressingAsStringOrArrayOrEmbeddedObjectReadsTheSame() {
        String asString = note(AS, "\"https://b.example/users/bob\"");
        String asArray = note(AS, "[\"https://b.example/users/bob\"]");
        String asObject = note(AS, "{\"id\": \"https://b.example/users/bob\", \"type\": \"Person\"}");

        assertThat(READER.read(asString).document())
                .isEqualTo(READER.read(asArray).document())
                .isEqualTo(READER.read(asObject).document());
    }

    @Test
    void contentMapAloneGivesTheContent() {
        AsObject note = READER.read("""
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "https://a.example/n/2",
                 "type": "Note", "attributedTo": "https://a.example/u/amy",
                 "contentMap": {"de": "<p>Hallo</p>"}, "nameMap": {"en": "Hello"}}""").object().orElseThrow();

        assertThat(note.content()).isEqualTo("<p>Hallo</p>");
        assertThat(note.name()).isEqualTo("Hello");
    }

    @Test
    void activityObjectAsIdOrEmbeddedObject() {
        String byId = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "https://a.example/like/1",
                 "type": "Like", "actor": {"id": "https://a.example/u/amy", "type": "Person"},
                 "object": "https://b.example/notes/9"}""";
        String embedded = byId.replace("\"https://b.example/notes/9\"",
                "{\"id\": \"https://b.example/notes/9\", \"type\": \"Note\", \"content\": \"x\"}");

        AsActivity linked = READER.read(byId).activity().orElseThrow();
        AsActivity inlined = READER.read(embedded).activity().orElseThrow();

        assertThat(linked.actor()).isEqualTo("https://a.example/u/amy");
        assertThat(linked.object()).isEqualTo(new AsRef.Link("https://b.example/notes/9"));
        assertThat(inlined.objectId()).isEqualTo("https://b.example/notes/9");
        assertThat(inlined.object().asObject().orElseThrow().content()).isEqualTo("x");
    }

    /** A Misskey-style note: emoji and hashtags, with Hashtag left undefined as Misskey does. */
    @Test
    void misskeyLikeNoteWithEmojiAndUndefinedHashtag() {
        AsObject note = READER.read("""
                {"@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
                   {"misskey": "https://misskey-hub.net/ns#", "_misskey_content": "misskey:_misskey_content",
                    "toot": "http://joinmastodon.org/ns#", "Emoji": "toot:Emoji", "sensitive": "as:sensitive"}],
                 "id": "https://m.example/notes/9x", "type": "Note", "attributedTo": "https://m.example/users/9a",
                 "content": "<p>:blobcat: #cats</p>", "_misskey_content": ":blobcat: #cats", "sensitive": true,
                 "tag": [
                   {"id": "https://m.example/emojis/blobcat", "type": "Emoji", "name": ":blobcat:",
                    "updated": "2023-01-01T00:00:00.000Z",
                    "icon": {"type": "Image", "mediaType": "image/png", "url": "https://m.example/files/blobcat.png"}},
                   {"type": "Hashtag", "href": "https://m.example/tags/cats", "name": "#cats"}]}""")
                .object().orElseThrow();

        assertThat(note.sensitive()).isTrue();
        assertThat(note.tags()).containsExactly(
                new AsTag("Emoji", ":blobcat:", null, "https://m.example/emojis/blobcat",
                        "https://m.example/files/blobcat.png"),
                new AsTag("Hashtag", "#cats", "https://m.example/tags/cats", null, null));
    }

    @Test
    void unknownTypesArePreservedByName() {
        ReadResult object = READER.read("{\"id\": \"https://a.example/h/1\", \"type\": \"Hat\", \"name\": \"fez\"}");
        ReadResult activity = READER.read(
                "{\"id\": \"https://a.example/w/1\", \"type\": \"Wave\", \"actor\": \"https://a.example/u/amy\"}");

        assertThat(object.document().type()).isEqualTo("Hat");
        assertThat(object.kind()).isEqualTo(AsDocument.Kind.OBJECT);
        assertThat(object.object().orElseThrow().name()).isEqualTo("fez");
        assertThat(activity.document().type()).isEqualTo("Wave");
        assertThat(activity.kind()).isEqualTo(AsDocument.Kind.ACTIVITY);
    }

    @Test
    void actorMultikeysFromFep521a() {
        AsActor actor = READER.read("""
                {"@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
                              "https://w3id.org/security/data-integrity/v1", "https://w3id.org/security/multikey/v1"],
                 "id": "https://a.example/users/amy", "type": "Person", "inbox": "https://a.example/users/amy/inbox",
                 "assertionMethod": [{"id": "https://a.example/users/amy#ed25519-key", "type": "Multikey",
                   "controller": "https://a.example/users/amy",
                   "publicKeyMultibase": "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}]}""")
                .actor().orElseThrow();

        assertThat(actor.assertionMethods()).containsExactly(new AsMultikey("https://a.example/users/amy#ed25519-key",
                "https://a.example/users/amy", "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"));
        assertThat(actor.publicKey()).isNull();
    }

    @Test
    void aDocumentWithoutIdReadsItsOnlyTopNode() {
        AsObject note = READER.read("""
                {"@context": "https://www.w3.org/ns/activitystreams", "type": "Note",
                 "attributedTo": {"id": "https://a.example/u/amy", "type": "Person"}, "content": "anon"}""")
                .object().orElseThrow();

        assertThat(note.id()).isNull();
        assertThat(note.content()).isEqualTo("anon");
        assertThat(note.attributedTo()).containsExactly("https://a.example/u/amy");
    }

    /** No base IRI: a relative IRI is dropped, never resolved against the server's own location. */
    @Test
    void relativeIrisAreNotResolved() {
        AsObject note = READER.read("""
                {"id": "https://a.example/notes/1", "type": "Note", "attributedTo": "https://a.example/u/amy",
                 "inReplyTo": "../2", "url": "/@amy/1"}""").object().orElseThrow();

        assertThat(note.inReplyTo()).isNull();
        assertThat(note.url()).isNull();
    }

    /**
     * Titanium drops every triple of a node with a relative or malformed id, so such a root is
     * refused by name rather than replaced by whatever node is left.
     */
    @Test
    void aRelativeTopLevelIdIsRefused() {
        assertThatThrownBy(() -> READER.read("{\"id\": \"/notes/1\", \"type\": \"Note\", \"content\": \"x\"}"))
                .isInstanceOfSatisfying(JsonLdException.class,
                        e -> assertThat(e.reason()).isEqualTo(JsonLdException.Reason.NO_ROOT))
                .hasMessage("the document's id is not a well-formed absolute IRI: /notes/1");
    }

    @Test
    void bytesInUtf8ReadLikeTheString() {
        String json = note(AS, "\"https://b.example/ü\"").replace("<p>hi</p>", "<p>grüß dich 👋</p>");

        assertThat(READER.read(json.getBytes(StandardCharsets.UTF_8)).document())
                .isEqualTo(READER.read(json).document());
        assertThat(READER.read(json).object().orElseThrow().content()).isEqualTo("<p>grüß dich 👋</p>");
    }

    @Test
    void malformedJsonIsRefused() {
        assertThatThrownBy(() -> READER.read("{\"id\": \"https://a.example/1\", \"type\": "))
                .isInstanceOfSatisfying(JsonLdException.class,
                        e -> assertThat(e.reason()).isEqualTo(JsonLdException.Reason.MALFORMED_JSON))
                .hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> READER.read(new byte[0]))
                .isInstanceOfSatisfying(JsonLdException.class,
                        e -> assertThat(e.reason()).isEqualTo(JsonLdException.Reason.MALFORMED_JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"id\": \"https://a.example/1\", \"type\": \"Note\"}]", "\"Note\"", "42", "null"})
    void aTopLevelThatIsNotAnObjectIsRefused(String json) {
        assertThatThrownBy(() -> READER.read(json))
                .isInstanceOfSatisfying(JsonLdException.class,
                        e -> assertThat(e.reason()).isEqualTo(JsonLdException.Reason.NOT_AN_OBJECT))
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void jsonLdThatTitaniumRejectsIsRefusedWithItsReason() {
        assertThatThrownBy(() -> READER.read("{\"@context\": [42], \"id\": \"https://a.example/1\", \"type\": \"Note\"}"))
                .isInstanceOfSatisfying(JsonLdException.class,
                        e -> assertThat(e.reason()).isEqualTo(JsonLdException.Reason.INVALID_JSON_LD))
                .hasMessageStartingWith("invalid JSON-LD: INVALID_LOCAL_CONTEXT");
    }

    @Test
    void anAnnounceWhoseIdCannotBeRepairedIsNotReadAsItsObject() {
        assertThatThrownBy(() -> READER.read("""
                {"id": "https://a.example/announce/1 copy", "type": "Announce", "actor": "https://a.example/u/amy",
                 "object": {"id": "https://b.example/n/1", "type": "Note", "content": "x"}}"""))
                .isInstanceOfSatisfying(JsonLdException.class,
                        e -> assertThat(e.reason()).isEqualTo(JsonLdException.Reason.NO_ROOT))
                .hasMessageContaining("not a well-formed absolute IRI");
    }

    @Test
    void aDocumentWithNothingReadableIsRefused() {
        assertThatThrownBy(() -> READER.read("{\"id\": \"https://a.example/1\"}"))
                .isInstanceOfSatisfying(JsonLdException.class,
                        e -> assertThat(e.reason()).isEqualTo(JsonLdException.Reason.NO_ROOT))
                .hasMessage("the document has no properties that any known context defines");
    }
}
