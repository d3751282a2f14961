package social.chorus.federation.vocab;

import java.util.Comparator;
import java.util.List;
import org.apache.jena.graph.Node;

/** Reads content objects (Note, Page, Video, Event…) with their tags and attachments. */
final class ObjectMapper {

    private static final Comparator<AsAttachment> ATTACHMENT_ORDER = Comparator
            .comparing(AsAttachment::url, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AsAttachment::name, Comparator.nullsLast(Comparator.naturalOrder()));

    private final GraphView g;

    ObjectMapper(GraphView graph) {
        this.g = graph;
    }

    AsObject read(Node node) {
        String context = g.firstId(node, Vocab.CONTEXT);
        return new AsObject(
                g.id(node),
                g.type(node),
                g.actorIds(node, Vocab.ATTRIBUTED_TO),
                g.text(node, Vocab.CONTENT),
                g.text(node, Vocab.SUMMARY),
                g.text(node, Vocab.NAME),
                g.link(node, Vocab.URL),
                g.firstId(node, Vocab.IN_REPLY_TO),
                g.instant(node, Vocab.PUBLISHED),
                g.instant(node, Vocab.UPDATED),
                g.ids(node, Vocab.TO),
                g.ids(node, Vocab.CC),
                g.ids(node, Vocab.AUDIENCE),
                Tags.read(g, node),
                g.bool(node, Vocab.SENSITIVE),
                g.text(node, Vocab.MEDIA_TYPE),
                attachments(node),
                // Pleroma and older Mastodon thread by OStatus conversation, the rest by context.
                context != null ? context : conversation(node),
                g.instant(node, Vocab.START_TIME),
                g.instant(node, Vocab.END_TIME));
    }

    private String conversation(Node node) {
        String id = g.firstId(node, Vocab.CONVERSATION);
        return id != null ? id : g.text(node, Vocab.CONVERSATION);
    }

    private List<AsAttachment> attachments(Node node) {
        return g.values(node, Vocab.ATTACHMENT).stream()
                .map(attachment -> g.hasProperties(attachment)
                        ? new AsAttachment(
                                g.type(attachment),
                                attachmentUrl(attachment),
                                g.text(attachment, Vocab.MEDIA_TYPE),
                                g.text(attachment, Vocab.NAME))
                        : new AsAttachment(null, g.id(attachment), null, null))
                .filter(a -> a.url() != null || a.name() != null)
                .sorted(ATTACHMENT_ORDER)
                .toList();
    }

    /** Documents and Images carry {@code url}, Links carry {@code href}. */
    private String attachmentUrl(Node attachment) {
        String url = g.link(attachment, Vocab.URL);
        return url != null ? url : g.firstId(attachment, Vocab.HREF);
    }
}
