package social.chorus.federation.vocab;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.expansion.Expansion;
import com.apicatalog.jsonld.http.media.MediaType;
import com.apicatalog.jsonld.json.JsonProvider;
import com.apicatalog.jsonld.json.JsonUtils;
import com.apicatalog.jsonld.processor.ExpansionProcessor;
import com.apicatalog.jsonld.processor.ToRdfProcessor;
import com.apicatalog.rdf.api.RdfQuadConsumer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIs;
import org.apache.jena.irix.IRIxResolver;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.ParserProfile;
import org.apache.jena.riot.system.RiotLib;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * Turns a prepared document into a Jena graph with Titanium (the JSON-LD 1.1 processor inside
 * Jena's reader), doing what Jena's JSON-LD reader does (expand, to RDF, into Jena nodes through
 * a checking parser profile) with one difference: the top-level context comes already processed
 * from {@link ProcessedContexts} instead of being processed again for every document.
 * Package-private: no Jena or Titanium type leaves this package.
 */
final class JenaJsonLd {
    private static final String CONTEXT = "@context";
    private static final String GRAPH = "@graph";

    /** More distinct property and type IRIs than every vocabulary the fixtures use, many times over. */
    static final int MAX_SHARED_IRIS = 4096;

    private final ProcessedContexts contexts;
    /**
     * Property and type IRIs that Jena checked without a warning, as nodes: the same few dozen
     * come in every document, and checking an IRI is most of what converting a triple costs.
     * An IRI that drew a warning is never kept, so it is checked (and reported) every time.
     */
    private final Map<String, Node> vocabulary = new ConcurrentHashMap<>();

    /**
     * Built once (building it parses the base IRI, which cost as much as a small document's
     * triples) and cloned for each parse: a resolver keeps a cache that is not thread-safe, and
     * a clone shares the parsed base but gets its own cache.
     */
    private final IRIxResolver resolver =
            IRIxResolver.create().base(IRIs.getBaseStr()).resolve(true).allowRelative(false).build();

    JenaJsonLd(BundledContexts loader) {
        this.contexts = new ProcessedContexts(loader);
    }

    /**
     * Parses {@code json} into a graph, adding Jena's warnings to {@code warnings}. No base IRI is
     * given on purpose: a relative IRI in an inbound document is dropped instead of being resolved
     * against something the sender did not choose.
     */
    Graph parse(byte[] json, List<String> warnings) {
        Graph graph = GraphFactory.createDefaultGraph();
        ErrorHandler errors = new Collecting(warnings);
        try {
            JsonStructure root = JsonDocument.of(MediaType.JSON_LD, new ByteArrayInputStream(json)).getJsonContent()
                    .orElseThrow(() -> new JsonLdException(JsonLdException.Reason.INVALID_JSON_LD,
                            "invalid JSON-LD: empty document"));
            ToRdfProcessor.toRdf(new GraphSink(graph, profile(errors), warnings, vocabulary), expand(root),
                    contexts.options());
        } catch (JsonLdException e) {
            throw e;
        } catch (JsonLdError | RuntimeException e) {
            throw new JsonLdException(JsonLdException.Reason.INVALID_JSON_LD,
                    "invalid JSON-LD: " + describe(e), e);
        }
        return graph;
    }

    /**
     * Titanium's expansion of a whole document, starting from the processed top-level context
     * when the document has one. A context that does not propagate ({@code "@propagate": false})
     * keeps the long way: expansion treats a starting context with a previous context differently.
     */
    private JsonArray expand(JsonStructure root) throws JsonLdError {
        if (root instanceof JsonObject && ((JsonObject) root).containsKey(CONTEXT)) {
            JsonObject document = (JsonObject) root;
            ActiveContext active = contexts.forContext(document.get(CONTEXT));
            if (active.getPreviousContext() == null) {
                JsonObject body = JsonProvider.instance().createObjectBuilder(document).remove(CONTEXT).build();
                // As Titanium's ExpansionProcessor ends: a lone @graph is unwrapped, null is empty.
                JsonValue expanded = Expansion.with(active, body, null, null).frameExpansion(false)
                        .ordered(contexts.options().isOrdered()).compute();
                if (JsonUtils.isObject(expanded) && expanded.asJsonObject().size() == 1
                        && expanded.asJsonObject().containsKey(GRAPH)) {
                    expanded = expanded.asJsonObject().get(GRAPH);
                }
                return JsonUtils.isNull(expanded) ? JsonValue.EMPTY_JSON_ARRAY : JsonUtils.toJsonArray(expanded);
            }
        }
        return ExpansionProcessor.expand(JsonDocument.of(root), contexts.options(), false);
    }

    /**
     * The profile Jena's reader uses for JSON-LD: IRIs checked (problems reported to
     * {@code errors} as warnings), resolved against the system base as Jena does (Titanium only
     * emits absolute IRIs, so nothing is actually resolved).
     */
    private ParserProfile profile(ErrorHandler errors) {
        return RiotLib.createParserProfile(RiotLib.factoryRDF(), errors, resolver.clone(), true);
    }

    /** Number of distinct top-level contexts processed and kept (for tests). */
    int processedContexts() {
        return contexts.size();
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
     * Titanium's quads as Jena triples, converted as Jena's reader converts them, keeping the
     * default graph only. Named graphs come from {@code @graph} containers, in practice the
     * {@code proof} of a Data Integrity signature, which is not the document.
     */
    private static final class GraphSink implements RdfQuadConsumer {
        private static final long UNKNOWN = -1;
        private static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
        private final Graph graph;
        private final ParserProfile profile;
        private final List<String> warnings;
        private final Map<String, Node> vocabulary;
        /** This document's IRIs already converted without a warning (a subject comes once per property). */
        private final Map<String, Node> seen = new HashMap<>();

        GraphSink(Graph graph, ParserProfile profile, List<String> warnings, Map<String, Node> vocabulary) {
            this.graph = graph;
            this.profile = profile;
            this.warnings = warnings;
            this.vocabulary = vocabulary;
        }

        @Override
        public RdfQuadConsumer quad(String subject, String predicate, String object, String datatype, String language,
                String direction, String graphName) {
            Node s = node(subject, false);
            Node p = node(predicate, true);
            Node o = RdfQuadConsumer.isLiteral(datatype, language, direction)
                    ? literal(object, datatype, language, direction) : node(object, RDF_TYPE.equals(predicate));
            if (graphName == null) {
                graph.add(Triple.create(s, p, o));
            } else {
                Quad quad = Quad.create(node(graphName, false), s, p, o);
                if (quad.isTriple() || quad.isDefaultGraph()) {
                    graph.add(quad.asTriple());
                }
            }
            return this;
        }

        /** @param term a property or a type: kept for every later document once it converts cleanly */
        private Node node(String value, boolean term) {
            if (RdfQuadConsumer.isBlank(value)) {
                return profile.getFactorRDF().createBlankNode(value.substring(2));
            }
            Node known = term ? vocabulary.get(value) : null;
            if (known == null) {
                known = seen.get(value);
            }
            if (known != null) {
                return known;
            }
            int warned = warnings.size();
            Node created = profile.createURI(profile.resolveIRI(value, UNKNOWN, UNKNOWN), UNKNOWN, UNKNOWN);
            if (warnings.size() == warned) {
                seen.put(value, created);
                if (term && vocabulary.size() < MAX_SHARED_IRIS) {
                    vocabulary.put(value, created);
                }
            }
            return created;
        }

        private Node literal(String lexical, String datatype, String language, String direction) {
            if (RdfQuadConsumer.isLangString(datatype, language, direction)) {
                return profile.createLangLiteral(lexical, language, UNKNOWN, UNKNOWN);
            }
            if (RdfQuadConsumer.isDirLangString(datatype, language, direction)) {
                return profile.createLangDirLiteral(lexical, language, direction, UNKNOWN, UNKNOWN);
            }
            return profile.createTypedLiteral(lexical, TypeMapper.getInstance().getSafeTypeByName(datatype), UNKNOWN,
                    UNKNOWN);
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
