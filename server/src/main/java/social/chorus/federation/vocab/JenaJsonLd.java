package social.chorus.federation.vocab;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Runs Jena's JSON-LD 1.1 reader (Titanium) over a prepared document and returns the default
 * graph. Package-private: no Jena type leaves this package.
 */
final class JenaJsonLd {

    private final BundledContexts loader;

    JenaJsonLd(BundledContexts loader) {
        this.loader = loader;
    }

    /**
     * Parses {@code json} into a graph, adding Jena's warnings to {@code warnings}. No base IRI is
     * given on purpose: a relative IRI in an inbound document is dropped instead of being resolved
     * against something the sender did not choose.
     */
    Graph parse(byte[] json, List<String> warnings) {
        // New options for every parse: Jena and Titanium set fields on them. The loader is shared.
        JsonLdOptions options = new JsonLdOptions(loader);
        Graph graph = GraphFactory.createDefaultGraph();
        try {
            RDFParser.source(new ByteArrayInputStream(json))
                    .forceLang(Lang.JSONLD11)
                    .errorHandler(new Collecting(warnings))
                    .set(LangJSONLD11.JSONLD_OPTIONS, options)
                    .parse(new DefaultGraphOnly(graph));
        } catch (JsonLdException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JsonLdException(JsonLdException.Reason.INVALID_JSON_LD,
                    "invalid JSON-LD: " + describe(e), e);
        }
        return graph;
    }

    /** The JSON-LD error's own message (error code + detail) when there is one. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonLdError) {
                JsonLdError error = (JsonLdError) t;
                return error.getCode() + (error.getMessage() == null ? "" : ": " + error.getMessage());
            }
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * Keeps triples of the default graph only. Named graphs come from {@code @graph} containers,
     * in practice the {@code proof} of a Data Integrity signature, which is not the document.
     */
    private static final class DefaultGraphOnly extends StreamRDFBase {
        private final Graph graph;

        DefaultGraphOnly(Graph graph) {
            this.graph = graph;
        }

        @Override
        public void triple(Triple triple) {
            graph.add(triple);
        }

        @Override
        public void quad(Quad quad) {
            if (quad.isTriple() || quad.isDefaultGraph()) {
                graph.add(quad.asTriple());
            }
        }
    }

    /**
     * Records warnings and errors instead of logging them: they belong to one inbound document.
     * Jena goes on after an error it reports (a suspect IRI); when it cannot go on it throws.
     */
    private static final class Collecting implements ErrorHandler {
        private final List<String> warnings;

        Collecting(List<String> warnings) {
            this.warnings = warnings;
        }

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
            throw new JsonLdException(JsonLdException.Reason.INVALID_JSON_LD, "invalid JSON-LD: " + message);
        }
    }
}
