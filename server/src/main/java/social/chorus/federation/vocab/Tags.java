package social.chorus.federation.vocab;

import java.util.Comparator;
import java.util.List;
import org.apache.jena.graph.Node;

/** Reads {@code tag}: mentions, hashtags and custom emoji, on objects and on actors alike. */
final class Tags {

    private static final Comparator<AsTag> ORDER = Comparator
            .comparing(AsTag::type, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AsTag::name, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AsTag::href, Comparator.nullsLast(Comparator.naturalOrder()));

    private Tags() {
    }

    /**
     * Tags described in the document. A tag given only as an IRI says nothing we could use, so it
     * is left out; the order is by type, then name, as RDF keeps none.
     */
    static List<AsTag> read(GraphView g, Node node) {
        return g.values(node, Vocab.TAG).stream()
                .filter(g::hasProperties)
                .map(tag -> new AsTag(
                        g.type(tag),
                        g.text(tag, Vocab.NAME),
                        g.firstId(tag, Vocab.HREF),
                        tag.isURI() ? tag.getURI() : null,
                        g.imageUrl(tag, Vocab.ICON)))
                .sorted(ORDER)
                .toList();
    }
}
