package social.chorus.federation.vocab;

import org.apache.jena.graph.Node;

/** Reads content objects (Note, Page, Video, Event…) with their tags and attachments. */
final class ObjectMapper {

    private final GraphView g;
    private final AttachmentMapper attachments;

    ObjectMapper(GraphView graph, AttachmentOrder attachmentOrder) {
        this.g = graph;
        this.attachments = new AttachmentMapper(graph, attachmentOrder);
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
                attachments.read(node),
                // Pleroma and older Mastodon thread by OStatus conversation, the rest by context.
                context != null ? context : conversation(node),
                g.instant(node, Vocab.START_TIME),
                g.instant(node, Vocab.END_TIME),
                g.imageUrl(node, Vocab.IMAGE));
    }

    private String conversation(Node node) {
        String id = g.firstId(node, Vocab.CONVERSATION);
        return id != null ? id : g.text(node, Vocab.CONVERSATION);
    }
}
