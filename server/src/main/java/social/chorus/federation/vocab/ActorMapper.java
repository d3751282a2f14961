package social.chorus.federation.vocab;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.jena.graph.Node;

/** Reads actors, with their HTTP-signature key and their Multikeys. */
final class ActorMapper {

    private final GraphView g;

    ActorMapper(GraphView graph) {
        this.g = graph;
    }

    AsActor read(Node node) {
        String id = g.id(node);
        return new AsActor(
                id,
                g.type(node),
                g.text(node, Vocab.PREFERRED_USERNAME),
                g.text(node, Vocab.NAME),
                g.text(node, Vocab.SUMMARY),
                g.link(node, Vocab.URL),
                g.firstId(node, Vocab.INBOX),
                g.firstId(node, Vocab.OUTBOX),
                g.firstId(node, Vocab.FOLLOWERS),
                g.firstId(node, Vocab.FOLLOWING),
                sharedInbox(node),
                publicKey(node, id),
                multikeys(node),
                g.bool(node, Vocab.MANUALLY_APPROVES_FOLLOWERS),
                g.bool(node, Vocab.DISCOVERABLE),
                g.bool(node, Vocab.INDEXABLE),
                g.instant(node, Vocab.PUBLISHED),
                g.imageUrl(node, Vocab.ICON),
                Tags.read(g, node),
                g.firstId(node, Vocab.FEATURED));
    }

    private String sharedInbox(Node node) {
        return g.values(node, Vocab.ENDPOINTS).stream()
                .map(endpoints -> g.firstId(endpoints, Vocab.SHARED_INBOX))
                .filter(Objects::nonNull)
                .sorted()
                .findFirst()
                .orElse(null);
    }

    /**
     * The key the actor owns, when it sends several; a key given by IRI only (to be fetched) is
     * returned with just its id, so the caller can tell it exists.
     */
    private AsPublicKey publicKey(Node node, String actorId) {
        List<AsPublicKey> keys = g.values(node, Vocab.PUBLIC_KEY).stream()
                .map(key -> new AsPublicKey(
                        g.id(key),
                        g.firstId(key, Vocab.OWNER),
                        g.text(key, Vocab.PUBLIC_KEY_PEM)))
                .filter(key -> key.id() != null || key.publicKeyPem() != null)
                .sorted(Comparator
                        .comparing((AsPublicKey key) -> actorId == null || !actorId.equals(key.owner()))
                        .thenComparing(key -> key.publicKeyPem() == null)
                        .thenComparing(AsPublicKey::id, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return keys.isEmpty() ? null : keys.get(0);
    }

    private List<AsMultikey> multikeys(Node node) {
        return g.values(node, Vocab.ASSERTION_METHOD).stream()
                .filter(g::hasProperties)
                .map(key -> new AsMultikey(
                        g.id(key),
                        g.firstId(key, Vocab.CONTROLLER),
                        g.text(key, Vocab.PUBLIC_KEY_MULTIBASE)))
                .filter(key -> key.publicKeyMultibase() != null)
                .sorted(Comparator.comparing(AsMultikey::id, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }
}
