package social.chorus.federation.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.apicatalog.jsonld.JsonLdOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reading with processed contexts kept ({@link JenaJsonLd}) gives exactly what Jena's own JSON-LD
 * reader gives, which processes every context again: for every fixture, on the first read (the
 * context is processed) and the second (it comes from the cache), the same graph and the same
 * warnings.
 */
class ProcessedContextsTest {
    private static final BundledContexts CONTEXTS = new BundledContexts();
    private static final ContextPreparer PREPARER = new ContextPreparer(CONTEXTS);

    @TestFactory
    Stream<DynamicTest> everyFixtureReadsAsJenasOwnReaderReadsIt() {
        Path dir = Fixtures.dir();
        JenaJsonLd cached = new JenaJsonLd(CONTEXTS);
        return Fixtures.all().stream().map(file -> DynamicTest.dynamicTest(dir.relativize(file).toString(), () -> {
            byte[] prepared = prepared(Files.readAllBytes(file));
            List<String> expectedWarnings = new ArrayList<>();
            Graph expected = jenasReader(prepared, expectedWarnings);
            for (int read = 1; read <= 2; read++) {
                List<String> warnings = new ArrayList<>();
                Graph graph = cached.parse(prepared, warnings);
                assertThat(graph.isIsomorphicWith(expected)).as("graph on read %d:%n%s%nexpected%n%s", read, graph,
                        expected).isTrue();
                assertThat(warnings).as("warnings on read %d", read).isEqualTo(expectedWarnings);
            }
        }));
    }

    @Test
    void oneMastodonContextIsProcessedOnceForManyDocuments() throws IOException {
        JenaJsonLd jena = new JenaJsonLd(CONTEXTS);
        byte[] note = prepared(Fixtures.bytes("mastodon/activities/create_note.json"));
        for (int i = 0; i < 5; i++) {
            jena.parse(note, new ArrayList<>());
        }
        jena.parse(prepared(Fixtures.bytes("mastodon/activities/follow.json")), new ArrayList<>());
        assertThat(jena.processedContexts()).isEqualTo(2); // create_note's inline terms differ from follow's
    }

    @Test
    void aContextThatDoesNotPropagateStillReadsAsJenaReadsIt() {
        byte[] json = """
                {"@context": [{"@propagate": false, "@vocab": "https://example.com/ns#"}],
                 "id": "https://example.com/a", "type": "Note",
                 "inner": {"id": "https://example.com/b", "name": "only the outer context applies"}}
                """.getBytes(StandardCharsets.UTF_8);
        List<String> expectedWarnings = new ArrayList<>();
        Graph expected = jenasReader(json, expectedWarnings);
        List<String> warnings = new ArrayList<>();
        JenaJsonLd jena = new JenaJsonLd(CONTEXTS);
        assertThat(jena.parse(json, warnings).isIsomorphicWith(expected)).isTrue();
        assertThat(jena.parse(json, warnings).isIsomorphicWith(expected)).isTrue();
        assertThat(warnings).isEqualTo(expectedWarnings);
    }

    @Test
    void aBrokenContextIsRefusedEveryTimeAndNeverKept() {
        byte[] json = """
                {"@context": [{"@version": 2.0}], "id": "https://example.com/a", "type": "Note"}
                """.getBytes(StandardCharsets.UTF_8);
        JenaJsonLd jena = new JenaJsonLd(CONTEXTS);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> jena.parse(json, new ArrayList<>())).isInstanceOf(JsonLdException.class)
                    .hasMessageStartingWith("invalid JSON-LD: INVALID_KEYWORD_VERSION_VALUE");
        }
        assertThat(jena.processedContexts()).isZero();
    }

    @Test
    void theCacheIsBounded() {
        JenaJsonLd jena = new JenaJsonLd(CONTEXTS);
        for (int i = 0; i < ProcessedContexts.CAPACITY + 20; i++) {
            byte[] json = ("{\"@context\": [\"https://www.w3.org/ns/activitystreams\", {\"x" + i
                    + "\": \"https://example.com/ns#x\"}], \"id\": \"https://example.com/a\", \"type\": \"Note\"}")
                    .getBytes(StandardCharsets.UTF_8);
            jena.parse(json, new ArrayList<>());
        }
        assertThat(jena.processedContexts()).isEqualTo(ProcessedContexts.CAPACITY);
    }

    private static byte[] prepared(byte[] raw) {
        return PREPARER.prepare(new JsonObject(new String(raw, StandardCharsets.UTF_8))).json();
    }

    /** Jena's JSON-LD 1.1 reader as the inbox used it before contexts were kept: the reference. */
    private static Graph jenasReader(byte[] json, List<String> warnings) {
        Graph graph = GraphFactory.createDefaultGraph();
        try {
            RDFParser.source(new ByteArrayInputStream(json)).forceLang(Lang.JSONLD11)
                    .errorHandler(new ErrorHandler() {
                        @Override
                        public void warning(String message, long line, long col) {
                            warnings.add("jena: " + message);
                        }

                        @Override
                        public void error(String message, long line, long col) {
                            warnings.add("jena: " + message);
                        }

                        @Override
                        public void fatal(String message, long line, long col) {
                            throw new IllegalStateException(message);
                        }
                    })
                    .set(LangJSONLD11.JSONLD_OPTIONS, new JsonLdOptions(CONTEXTS))
                    .parse(new org.apache.jena.riot.system.StreamRDFBase() {
                        @Override
                        public void triple(org.apache.jena.graph.Triple triple) {
                            graph.add(triple);
                        }

                        @Override
                        public void quad(org.apache.jena.sparql.core.Quad quad) {
                            if (quad.isTriple() || quad.isDefaultGraph()) {
                                graph.add(quad.asTriple());
                            }
                        }
                    });
        } catch (RuntimeException e) {
            throw new IllegalStateException("Jena's reader refused a fixture", e);
        }
        return graph;
    }
}
