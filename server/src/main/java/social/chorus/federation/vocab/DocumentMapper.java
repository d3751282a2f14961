package social.chorus.federation.vocab;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.jena.graph.Node;

/**
 * Decides which record a node becomes and reads activities and collections, which may embed
 * further nodes ({@code object}, {@code target}, items). Objects and actors are read by their
 * own mappers.
 */
final class DocumentMapper {

    /**
     * How deep embedded nodes are read (Announce → Create → Page is 2). Deeper ones come back as
     * links: a bound on work for hostile input, and the end of any cycle in the graph.
     */
    private static final int MAX_DEPTH = 4;

    private static final Set<String> ACTOR_TYPES =
            Set.of("Person", "Service", "Application", "Group", "Organization");
    private static final Set<String> COLLECTION_TYPES =
            Set.of("Collection", "OrderedCollection", "CollectionPage", "OrderedCollectionPage");
    /** ActivityStreams' activity types, except Question, which servers send as a poll object. */
    private static final Set<String> ACTIVITY_TYPES = Set.of("Activity", "IntransitiveActivity",
            "Accept", "Add", "Announce", "Arrive", "Block", "Create", "Delete", "Dislike", "Flag",
            "Follow", "Ignore", "Invite", "Join", "Leave", "Like", "Listen", "Move", "Offer", "Read",
            "Reject", "Remove", "TentativeAccept", "TentativeReject", "Travel", "Undo", "Update", "View");
    private static final Set<String> OBJECT_TYPES = Set.of("Object", "Article", "Audio", "Document",
            "Event", "Image", "Note", "Page", "Place", "Profile", "Question", "Relationship",
            "Tombstone", "Video", "Link", "Mention");

    private static final Comparator<AsRef> REF_ORDER = Comparator
            .comparing((AsRef ref) -> ref.embedded().isEmpty())
            .thenComparing(AsRef::id, Comparator.nullsLast(Comparator.naturalOrder()));

    private final GraphView g;
    private final ObjectMapper objects;
    private final ActorMapper actors;

    DocumentMapper(GraphView graph, AttachmentOrder attachmentOrder) {
        this.g = graph;
        this.objects = new ObjectMapper(graph, attachmentOrder);
        this.actors = new ActorMapper(graph);
    }

    AsDocument read(Node node) {
        return read(node, 0);
    }

    private AsDocument read(Node node, int depth) {
        switch (classify(node)) {
            case ACTIVITY:
                return activity(node, depth);
            case ACTOR:
                return actors.read(node);
            case COLLECTION:
                return collection(node, depth);
            default:
                return objects.read(node);
        }
    }

    /**
     * By ActivityStreams type first (Pleroma puts an {@code actor} on its Notes, Mobilizon on its
     * Events). A type we do not know is judged by its properties: an actor and no author make an
     * activity (Lemmy's Lock, Pleroma's EmojiReact), an inbox an actor.
     */
    AsDocument.Kind classify(Node node) {
        // Only ActivityStreams types decide: vcard:Organization or schema:Place must not.
        List<String> types = g.activityStreamsTypes(node);
        if (types.stream().anyMatch(ACTOR_TYPES::contains)) {
            return AsDocument.Kind.ACTOR;
        }
        if (types.stream().anyMatch(COLLECTION_TYPES::contains)) {
            return AsDocument.Kind.COLLECTION;
        }
        if (types.stream().anyMatch(ACTIVITY_TYPES::contains)) {
            return AsDocument.Kind.ACTIVITY;
        }
        if (types.stream().anyMatch(OBJECT_TYPES::contains)) {
            return AsDocument.Kind.OBJECT;
        }
        if (!g.values(node, Vocab.ACTOR).isEmpty() && g.values(node, Vocab.ATTRIBUTED_TO).isEmpty()) {
            return AsDocument.Kind.ACTIVITY;
        }
        return g.values(node, Vocab.INBOX).isEmpty() ? AsDocument.Kind.OBJECT : AsDocument.Kind.ACTOR;
    }

    private AsActivity activity(Node node, int depth) {
        List<String> actorIds = g.actorIds(node, Vocab.ACTOR);
        List<AsRef> targets = refs(g.values(node, Vocab.TARGET), depth);
        return new AsActivity(
                g.id(node),
                g.type(node),
                actorIds.isEmpty() ? null : actorIds.get(0),
                refs(g.values(node, Vocab.OBJECT), depth),
                targets.isEmpty() ? null : targets.get(0),
                g.ids(node, Vocab.TO),
                g.ids(node, Vocab.CC),
                g.ids(node, Vocab.AUDIENCE),
                g.instant(node, Vocab.PUBLISHED));
    }

    private AsCollection collection(Node node, int depth) {
        List<Node> items = g.items(node, Vocab.ITEMS);
        // orderedItems arrive as an RDF list and keep their order; plain items have none.
        boolean ordered = g.values(node, Vocab.ITEMS).stream().anyMatch(g::isList);
        List<AsRef> refs = items.stream().map(item -> ref(item, depth)).filter(Objects::nonNull).toList();
        return new AsCollection(
                g.id(node),
                g.type(node),
                g.integer(node, Vocab.TOTAL_ITEMS),
                g.firstId(node, Vocab.FIRST),
                g.firstId(node, Vocab.NEXT),
                g.firstId(node, Vocab.PART_OF),
                ordered ? refs : refs.stream().sorted(REF_ORDER).toList());
    }

    private List<AsRef> refs(List<Node> values, int depth) {
        return values.stream().map(value -> ref(value, depth)).filter(Objects::nonNull).sorted(REF_ORDER).toList();
    }

    /** A bare IRI stays a link; a node the sender described is read in full. */
    private AsRef ref(Node value, int depth) {
        if (!g.hasProperties(value) || depth >= MAX_DEPTH) {
            String id = g.id(value);
            return id == null ? null : new AsRef.Link(id);
        }
        return new AsRef.Embedded(read(value, depth + 1));
    }
}
