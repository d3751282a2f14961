package social.chorus.federation.vocab;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each attachment stood in the document as it was sent. {@code attachment} is no ordered
 * list in the ActivityStreams context, so the graph keeps no order for it, yet the order is the
 * author's (the first picture is the one a gallery shows large). It is only in the JSON text, so
 * it is read there, once the document has been prepared (IRIs repaired as the graph has them), by
 * the URLs each entry names: the read values all still come from the graph; this only sorts them.
 *
 * <p>Computed on first use, which only an object with two attachments or more needs. One per
 * document, not thread-safe.
 */
final class AttachmentOrder {
    private static final int UNPLACED = Integer.MAX_VALUE;

    private final JsonObject document;
    private Map<String, Integer> positions;

    AttachmentOrder(JsonObject document) {
        this.document = document;
    }

    /**
     * The entry's index in the {@code attachment} array that names {@code url} (the first such
     * array, the first such entry); {@link Integer#MAX_VALUE} when no array names it.
     */
    int position(String url) {
        if (url == null || document == null) {
            return UNPLACED;
        }
        if (positions == null) {
            positions = new HashMap<>();
            walk(document);
        }
        return positions.getOrDefault(url, UNPLACED);
    }

    private void walk(Object value) {
        if (value instanceof JsonObject) {
            JsonObject node = (JsonObject) value;
            for (Map.Entry<String, Object> e : node) {
                if (isAttachment(e.getKey()) && e.getValue() instanceof JsonArray) {
                    record((JsonArray) e.getValue());
                }
                if (!"@context".equals(e.getKey())) {
                    walk(e.getValue());
                }
            }
        } else if (value instanceof JsonArray) {
            for (Object item : (JsonArray) value) {
                walk(item);
            }
        }
    }

    /** {@code attachment}, or a prefixed or full IRI of it. */
    private static boolean isAttachment(String key) {
        return key.equals("attachment") || key.endsWith(":attachment") || key.endsWith("#attachment");
    }

    private void record(JsonArray attachments) {
        for (int i = 0; i < attachments.size(); i++) {
            for (String href : hrefs(attachments.getValue(i))) {
                positions.putIfAbsent(href, i);
            }
        }
    }

    /** Every URL an entry may be read by: itself (a bare IRI), its url (IRI, Link or list), its href. */
    private static List<String> hrefs(Object entry) {
        List<String> out = new ArrayList<>();
        if (entry instanceof String) {
            out.add((String) entry);
        } else if (entry instanceof JsonObject) {
            JsonObject object = (JsonObject) entry;
            addLink(object.getValue("url"), out);
            addLink(object.getValue("href"), out);
        }
        return out;
    }

    private static void addLink(Object value, List<String> out) {
        if (value instanceof String) {
            out.add((String) value);
        } else if (value instanceof JsonObject) {
            JsonObject link = (JsonObject) value;
            addLink(link.getValue("href"), out);
            addLink(link.getValue("url"), out);
        } else if (value instanceof JsonArray) {
            for (Object item : (JsonArray) value) {
                if (!(item instanceof JsonArray)) { // a list of lists is no shape anyone sends
                    addLink(item, out);
                }
            }
        }
    }
}
