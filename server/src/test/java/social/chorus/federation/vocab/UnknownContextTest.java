package social.chorus.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Context URLs that are not bundled are skipped, reported and never fetched. The hosts are under
 * ".invalid" (RFC 2606), which no resolver answers, so even a regression would reach nothing.
 */
class UnknownContextTest {

    private static final JsonLdReader READER = new JsonLdReader();
    private static final String UNKNOWN = "https://contexts.unroutable.invalid/ns/extra.jsonld";

    @Test
    void anUnknownContextIsSkippedWithAWarningAndTheDocumentStillReads() {
        String json = """
                {"@context": ["https://www.w3.org/ns/activitystreams", "%s",
                              {"sensitive": "as:sensitive"}],
                 "id": "https://a.example/notes/1", "type": "Note", "attributedTo": "https://a.example/u/amy",
                 "content": "still here", "sensitive": true, "extraTerm": "from the unknown context"}"""
                .formatted(UNKNOWN);

        // Warm first, with only bundled contexts: the first read of a JVM loads Jena and Titanium,
        // which on a loaded machine alone can take longer than the bound below.
        assertThat(READER.read(json.replace("\"%s\",".formatted(UNKNOWN), "")).warnings()).isEmpty();
        long start = System.nanoTime();
        ReadResult result = READER.read(json);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).as("no network round trip").isLessThan(500);
        assertThat(result.warnings()).singleElement().asString().contains(UNKNOWN);
        AsObject note = result.object().orElseThrow();
        assertThat(note.content()).isEqualTo("still here");
        assertThat(note.sensitive()).isTrue();
    }

    @Test
    void aContextThatIsOnlyAnUnknownUrlStillReadsAsActivityStreams() {
        ReadResult result = READER.read("""
                {"@context": "%s", "id": "https://a.example/notes/2", "type": "Note",
                 "attributedTo": "https://a.example/u/amy", "to": "as:Public"}""".formatted(UNKNOWN));

        assertThat(result.warnings()).hasSize(1);
        assertThat(result.object().orElseThrow().to()).containsExactly(Vocab.PUBLIC);
    }

    @Test
    void unknownContextsInsideEmbeddedObjectsAndImportsAreSkippedToo() {
        ReadResult result = READER.read("""
                {"@context": ["https://www.w3.org/ns/activitystreams", {"@import": "https://other.invalid/c"}],
                 "id": "https://a.example/create/1", "type": "Create", "actor": "https://a.example/u/amy",
                 "object": {"@context": "%s", "id": "https://a.example/notes/3", "type": "Note",
                            "attributedTo": "https://a.example/u/amy"}}""".formatted(UNKNOWN));

        assertThat(result.warnings()).hasSize(2).anyMatch(w -> w.contains(UNKNOWN))
                .anyMatch(w -> w.contains("https://other.invalid/c"));
        assertThat(result.activity().orElseThrow().object().asObject().orElseThrow().attributedTo())
                .containsExactly("https://a.example/u/amy");
    }

    @Test
    void theLoaderRefusesAnythingNotBundledAtOnce() {
        BundledContexts loader = new BundledContexts();
        // Another unknown URL first, so that the timed refusal does not include loading the error classes.
        assertThatThrownBy(() -> loader.loadDocument(URI.create("https://warm-up.unroutable.invalid/c"), null))
                .isInstanceOf(JsonLdError.class);

        long start = System.nanoTime();
        assertThatThrownBy(() -> loader.loadDocument(URI.create(UNKNOWN), null))
                .isInstanceOf(JsonLdError.class).hasMessageContaining("never fetched");
        assertThat((System.nanoTime() - start) / 1_000_000).as("refused without a connection attempt").isLessThan(500);
    }

    @Test
    void theLoaderServesLitepubForAnyPleromaHost() throws JsonLdError {
        BundledContexts loader = new BundledContexts();

        JsonDocument a = (JsonDocument) loader.loadDocument(
                URI.create("https://pleroma.example/schemas/litepub-0.1.jsonld"), null);
        JsonDocument b = (JsonDocument) loader.loadDocument(
                URI.create("https://akkoma.invalid/schemas/litepub-0.1.jsonld"), null);

        assertThat(a.getJsonContent()).isEqualTo(b.getJsonContent()).isPresent();
        assertThat(a.getDocumentUrl()).hasHost("pleroma.example");
        assertThat(loader.isBundled("https://w3id.org/security/multikey/v1")).isTrue();
        assertThat(loader.isBundled("https://w3id.org/security/data-integrity/v2")).isTrue();
        assertThat(loader.isBundled("https://pleroma.example/schemas/litepub-0.1.jsonld?x=1")).isFalse();
        assertThat(loader.isBundled("https://fedia.io/contexts")).isFalse();
    }
}
