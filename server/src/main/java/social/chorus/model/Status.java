package social.chorus.model;

import java.time.Instant;

/**
 * A post, local or remote. {@code uri} is its ActivityPub id, {@code url} the page people open,
 * {@code conversation} the thread it belongs to (ActivityPub {@code context}). A reply names its
 * parent by uri always and by id when the parent is stored here. A boost (reblog) is a status
 * too: {@code reblogOfId} names the boosted status, its content is empty and its uri is the
 * Announce activity's id; null for every other status.
 */
public record Status(
        long id,
        String uri,
        String url,
        long accountId,
        boolean local,
        Reply reply,
        String conversation,
        Visibility visibility,
        StatusContent content,
        Long applicationId,
        Counts counts,
        Instant createdAt,
        Instant editedAt,
        Long reblogOfId) {

    /** A status that is not a boost. */
    public Status(long id, String uri, String url, long accountId, boolean local, Reply reply, String conversation,
            Visibility visibility, StatusContent content, Long applicationId, Counts counts, Instant createdAt,
            Instant editedAt) {
        this(id, uri, url, accountId, local, reply, conversation, visibility, content, applicationId, counts,
                createdAt, editedAt, null);
    }

    public boolean isReblog() {
        return reblogOfId != null;
    }

    /** What a status answers; all null for a status that starts a thread. */
    public record Reply(Long inReplyToId, String inReplyToUri, Long inReplyToAccountId) {
        public static final Reply NONE = new Reply(null, null, null);

        public boolean isReply() {
            return inReplyToUri != null || inReplyToId != null;
        }
    }

    public record Counts(int replies, int reblogs, int favourites) {
        public static final Counts ZERO = new Counts(0, 0, 0);
    }
}
