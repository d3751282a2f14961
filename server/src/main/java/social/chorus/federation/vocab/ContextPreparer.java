package social.chorus.federation.vocab;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a decoded inbound document, before JSON-LD processing, so that it reads the way
 * ActivityPub servers mean it rather than failing or losing data:
 *
 * <ul>
 *   <li>Context URLs that are not bundled are removed and reported: Titanium fails the whole
 *       parse when a context cannot be loaded, and we never fetch one.</li>
 *   <li>ActivityStreams is put first in the top-level context when it is missing, as the AS2
 *       spec allows for {@code application/activity+json} (Lemmy sends no context at all).</li>
 *   <li>Every context gets {@code "@vocab": "urn:chorus:undefined:"} appended (unless it sets
 *       its own), replacing ActivityStreams' {@code "_:"}. Terms no context defines then become
 *       IRIs that keep their name, instead of blank nodes that lose it: an unknown type still
 *       reads as "Lock", and {@code publicKey} under a skipped context is still found.</li>
 *   <li>{@code "Public"} in addressing becomes the full IRI: {@code to} is an {@code @id}
 *       property, so a bare term would be resolved as a relative IRI and dropped.</li>
 *   <li>Malformed http(s) IRIs are percent-encoded ({@link IriRepair}) rather than dropped.</li>
 * </ul>
 *
 * The document is changed in place; it belongs to the reader, which decoded it.
 */
final class ContextPreparer {

    /** The result: JSON ready for Jena, the top-level id as written, what was skipped. */
    record Prepared(byte[] json, String rootId, List<String> warnings) {
    }

    private static final String CONTEXT = "@context";
    private static final String AS_URL = "https://www.w3.org/ns/activitystreams";
    private static final Set<String> ADDRESSING = Set.of("to", "cc", "bto", "bcc", "audience");
    private static final Set<String> PUBLIC_ALIASES = Set.of("Public", "as:Public");

    private final BundledContexts contexts;

    ContextPreparer(BundledContexts contexts) {
        this.contexts = contexts;
    }

    Prepared prepare(JsonObject document) {
        Collection<String> warnings = new LinkedHashSet<>();
        node(document, true, warnings);
        return new Prepared(document.toBuffer().getBytes(), rootId(document), new ArrayList<>(warnings));
    }

    private static String rootId(JsonObject document) {
        Object id = document.getValue("id");
        if (!(id instanceof String)) {
            id = document.getValue("@id");
        }
        return id instanceof String ? (String) id : null;
    }

    private void node(JsonObject node, boolean top, Collection<String> warnings) {
        if (node.containsKey(CONTEXT)) {
            Object context = node.getValue(CONTEXT);
            if (context != null || top) {
                node.put(CONTEXT, context(context, top, warnings));
            }
        } else if (top) {
            node.put(CONTEXT, context(null, true, warnings));
        }
        for (String key : List.copyOf(node.fieldNames())) {
            if (!CONTEXT.equals(key)) {
                node.put(key, value(key, node.getValue(key), warnings));
            }
        }
    }

    private Object value(String key, Object value, Collection<String> warnings) {
        if (value instanceof JsonObject) {
            node((JsonObject) value, false, warnings);
        } else if (value instanceof JsonArray) {
            JsonArray array = (JsonArray) value;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, value(key, array.getValue(i), warnings));
            }
        } else if (value instanceof String) {
            if (ADDRESSING.contains(key) && PUBLIC_ALIASES.contains(value)) {
                return Vocab.PUBLIC;
            }
            String repaired = IriRepair.repair((String) value);
            if (!repaired.equals(value)) {
                warnings.add("malformed IRI repaired: " + value + " -> " + repaired);
            }
            return repaired;
        }
        return value;
    }

    /** Filters one {@code @context} value; always returns an array. */
    private JsonArray context(Object context, boolean top, Collection<String> warnings) {
        List<Object> entries = context instanceof JsonArray ? ((JsonArray) context).getList()
                : context == null ? List.of() : List.of(context);
        JsonArray kept = new JsonArray();
        boolean hasActivityStreams = false;
        boolean hasVocab = false;
        for (Object raw : entries) {
            Object entry = raw instanceof Map ? new JsonObject(castMap(raw)) : raw;
            if (entry instanceof String) {
                String url = (String) entry;
                if (contexts.isBundled(url)) {
                    kept.add(url);
                    hasActivityStreams |= contexts.importsActivityStreams(url);
                } else {
                    warnings.add("context not bundled, skipped (its terms read by plain name only): " + url);
                }
            } else if (entry instanceof JsonObject) {
                JsonObject inline = (JsonObject) entry;
                inline(inline, warnings);
                hasVocab |= inline.containsKey("@vocab");
                kept.add(inline);
            } else {
                kept.add(entry); // null resets, anything else is for Titanium to judge
            }
        }
        if (top && !hasActivityStreams) {
            kept.getList().add(0, AS_URL);
        }
        if (!hasVocab) {
            kept.add(new JsonObject().put("@vocab", Vocab.UNDEFINED_NS));
        }
        return kept;
    }

    /** Filters what an inline context can load: {@code @import} and scoped contexts. */
    private void inline(JsonObject inline, Collection<String> warnings) {
        Object imported = inline.getValue("@import");
        if (imported instanceof String && !contexts.isBundled((String) imported)) {
            inline.remove("@import");
            warnings.add("context not bundled, skipped (its terms read by plain name only): " + imported);
        }
        for (String term : inline.fieldNames()) {
            Object definition = inline.getValue(term);
            Object scoped = definition instanceof JsonObject ? ((JsonObject) definition).getValue(CONTEXT) : null;
            if (scoped != null) { // a null scoped context is a deliberate reset: left alone
                ((JsonObject) definition).put(CONTEXT, context(scoped, false, warnings));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
