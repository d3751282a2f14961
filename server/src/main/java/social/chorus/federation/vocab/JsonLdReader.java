package social.chorus.federation.vocab;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;

/**
 * Reads an inbound ActivityStreams document into a typed record.
 *
 * <p>The document is expanded by Jena's JSON-LD 1.1 reader, so every compaction a server may
 * choose (a string or an array or an embedded object; {@code content} or {@code contentMap};
 * {@code "as:Public"} or the full IRI) reads the same, and fields are then taken from the graph
 * by IRI. Contexts come only from the bundle; nothing is ever fetched (see
 * {@link BundledContexts}, {@link ContextPreparer}).
 *
 * <p>Thread-safe. Build one and share it: it holds the parsed bundled contexts.
 */
public final class JsonLdReader {

    private final ContextPreparer preparer;
    private final JenaJsonLd jena;

    public JsonLdReader() {
        BundledContexts contexts = new BundledContexts();
        this.preparer = new ContextPreparer(contexts);
        this.jena = new JenaJsonLd(contexts);
    }

    /** Reads a UTF-8 (or UTF-16/32, detected) JSON document. */
    public ReadResult read(byte[] json) {
        Object decoded;
        try {
            decoded = Json.decodeValue(Buffer.buffer(json));
        } catch (DecodeException e) {
            throw malformed(e);
        }
        return read(decoded);
    }

    public ReadResult read(String json) {
        Object decoded;
        try {
            decoded = Json.decodeValue(json);
        } catch (DecodeException e) {
            throw malformed(e);
        }
        return read(decoded);
    }

    private ReadResult read(Object decoded) {
        if (!(decoded instanceof JsonObject)) {
            throw new JsonLdException(JsonLdException.Reason.NOT_AN_OBJECT,
                    "an ActivityStreams document must be a JSON object, not " + describe(decoded));
        }
        ContextPreparer.Prepared prepared = preparer.prepare((JsonObject) decoded);
        List<String> warnings = new ArrayList<>(prepared.warnings());
        Graph graph = jena.parse(prepared.json(), warnings);
        GraphView view = new GraphView(graph);
        AsDocument document = new DocumentMapper(view, new AttachmentOrder((JsonObject) decoded))
                .read(view.root(prepared.rootId()));
        return new ReadResult(document, warnings);
    }

    private static JsonLdException malformed(DecodeException e) {
        // Jackson's message locates the problem; its first line is enough for the sender.
        String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return new JsonLdException(JsonLdException.Reason.MALFORMED_JSON, "malformed JSON: " + detail, e);
    }

    private static String describe(Object decoded) {
        if (decoded == null) {
            return "null";
        }
        if (decoded instanceof JsonArray) {
            return "an array";
        }
        return decoded instanceof String ? "a string" : "a " + decoded.getClass().getSimpleName().toLowerCase();
    }
}
