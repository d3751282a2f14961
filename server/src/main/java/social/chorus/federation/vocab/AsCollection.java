package social.chorus.federation.vocab;

import java.util.List;

/**
 * A Collection, OrderedCollection or one of their pages. {@code items} keeps the order of
 * {@code orderedItems}; plain {@code items} have no order in RDF and are sorted by IRI.
 *
 * @param first the first page's IRI (null when the first page is embedded without an id)
 */
public record AsCollection(
        String id,
        String type,
        Long totalItems,
        String first,
        String next,
        String partOf,
        List<AsRef> items) implements AsDocument {

    public AsCollection {
        items = List.copyOf(items);
    }

    @Override
    public Kind kind() {
        return Kind.COLLECTION;
    }
}
