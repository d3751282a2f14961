package social.chorus.federation.vocab;

import java.time.Instant;
import java.util.List;

/**
 * A content object: Note, Page, Article, Video, Event, Tombstone, ChatMessage…
 *
 * @param attributedTo authors, sorted so that a Person/Service/Application comes before the
 *     Group a post was made in (PeerTube sends both)
 * @param content HTML as sent (not sanitised); the plain {@code content} wins over
 *     {@code contentMap} entries
 * @param url the page a person would open: a plain IRI, else a text/html Link's href
 * @param context {@code context}, or OStatus {@code conversation} when there is none
 * @param attachments in the order the document lists them (see {@link AttachmentOrder})
 * @param image the object's {@code image} (Lemmy's and WordPress's picture of a post), its URL
 */
public record AsObject(
        String id,
        String type,
        List<String> attributedTo,
        String content,
        String summary,
        String name,
        String url,
        String inReplyTo,
        Instant published,
        Instant updated,
        List<String> to,
        List<String> cc,
        List<String> audience,
        List<AsTag> tags,
        Boolean sensitive,
        String mediaType,
        List<AsAttachment> attachments,
        String context,
        Instant startTime,
        Instant endTime,
        String image) implements AsDocument {

    public AsObject {
        attributedTo = List.copyOf(attributedTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        audience = List.copyOf(audience);
        tags = List.copyOf(tags);
        attachments = List.copyOf(attachments);
    }

    /** The first of {@link #attributedTo()}, or null. */
    public String author() {
        return attributedTo.isEmpty() ? null : attributedTo.get(0);
    }

    /** Whether the object is addressed to the public collection in to or cc. */
    public boolean isPublic() {
        return to.contains(Vocab.PUBLIC) || cc.contains(Vocab.PUBLIC);
    }

    @Override
    public Kind kind() {
        return Kind.OBJECT;
    }
}
