package social.chorus.federation.vocab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.jena.graph.Node;

/**
 * Reads {@code attachment} entries with what media need: the file's URL however it is given (a
 * string, a Link with {@code href}, a list of Links with media types, as Pleroma sends them),
 * alt text, blurhash, focal point, size and thumbnail. Entries come in the document's order
 * ({@link AttachmentOrder}), else by URL.
 */
final class AttachmentMapper {
    /**
     * Entries passed on per object, after ordering, so the first ones are the ones kept. The
     * converters keep far fewer; this bounds what a hostile list of thousands costs them (the
     * reading itself is bounded by the size of the document the inbox accepts).
     */
    static final int MAX_READ = 64;

    private final GraphView g;
    private final AttachmentOrder order;
    private final Comparator<AsAttachment> byPosition;

    AttachmentMapper(GraphView graph, AttachmentOrder order) {
        this.g = graph;
        this.order = order;
        this.byPosition = Comparator.comparingInt((AsAttachment a) -> this.order.position(a.url()))
                .thenComparing(AsAttachment::url, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(AsAttachment::name, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    List<AsAttachment> read(Node node) {
        return g.values(node, Vocab.ATTACHMENT).stream()
                .map(this::entry)
                .filter(a -> a.url() != null || a.name() != null)
                .sorted(byPosition)
                .limit(MAX_READ)
                .toList();
    }

    private AsAttachment entry(Node attachment) {
        if (!g.hasProperties(attachment)) {
            return new AsAttachment(null, g.id(attachment), null, null);
        }
        String ownType = g.text(attachment, Vocab.MEDIA_TYPE);
        Link file = file(attachment, ownType);
        Long width = g.integer(attachment, Vocab.WIDTH);
        Long height = g.integer(attachment, Vocab.HEIGHT);
        return new AsAttachment(
                g.type(attachment),
                file.href(),
                ownType != null ? ownType : file.mediaType(),
                g.text(attachment, Vocab.NAME),
                g.text(attachment, Vocab.SUMMARY),
                g.text(attachment, Vocab.BLURHASH),
                focalPoint(attachment),
                width != null ? width : file.width(),
                height != null ? height : file.height(),
                g.imageUrl(attachment, Vocab.ICON),
                g.bool(attachment, Vocab.SENSITIVE));
    }

    /** One candidate for the file: a url value, or the entry's own href. */
    private record Link(String href, String mediaType, Long width, Long height, int rank) {
        static final Link NONE = new Link(null, null, null, null, Integer.MAX_VALUE);
    }

    /**
     * The entry's file. Several Links (one per format or size) → the one whose media type is the
     * entry's own, else an image, video or audio file, else a plain IRI, else any but a web page;
     * ties by href, so the same document always gives the same file.
     */
    private Link file(Node attachment, String ownType) {
        List<Link> candidates = new ArrayList<>();
        for (Node value : g.values(attachment, Vocab.URL)) {
            if (!g.hasProperties(value)) {
                candidates.add(new Link(g.id(value), null, null, null, 2));
                continue;
            }
            String href = g.firstId(value, Vocab.HREF);
            String type = g.text(value, Vocab.MEDIA_TYPE);
            candidates.add(new Link(href != null ? href : g.id(value), type, g.integer(value, Vocab.WIDTH),
                    g.integer(value, Vocab.HEIGHT), rank(type, ownType)));
        }
        String href = g.firstId(attachment, Vocab.HREF);
        if (href != null) { // a Link entry (Lemmy's): its own href, its own media type
            candidates.add(new Link(href, null, null, null, 2));
        }
        return candidates.stream().filter(c -> c.href() != null)
                .min(Comparator.comparingInt(Link::rank).thenComparing(Link::href))
                .orElse(Link.NONE);
    }

    private static int rank(String type, String ownType) {
        if (type == null) {
            return 2;
        }
        if (type.equals(ownType)) {
            return 0;
        }
        if (type.startsWith("image/") || type.startsWith("video/") || type.startsWith("audio/")) {
            return 1;
        }
        return type.startsWith("text/html") ? 4 : 3;
    }

    /**
     * Mastodon's {@code focalPoint} is {@code [x, y]} in an {@code @list} container. Under a
     * context that does not define it the two numbers arrive as an unordered pair (and as one
     * value when they are equal), so only a list of exactly two numbers is read.
     */
    private List<Double> focalPoint(Node attachment) {
        List<Node> values = g.values(attachment, Vocab.FOCAL_POINT);
        if (values.size() != 1 || !g.isList(values.get(0))) {
            return List.of();
        }
        List<Node> items = g.items(attachment, Vocab.FOCAL_POINT);
        if (items.size() != 2 || !items.stream().allMatch(Node::isLiteral)) {
            return List.of();
        }
        try {
            return List.of(Double.parseDouble(items.get(0).getLiteralLexicalForm()),
                    Double.parseDouble(items.get(1).getLiteralLexicalForm()));
        } catch (NumberFormatException e) {
            return List.of();
        }
    }
}
