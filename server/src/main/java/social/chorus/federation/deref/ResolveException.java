package social.chorus.federation.deref;

import java.util.Objects;

/**
 * A remote document was fetched but cannot be used as asked. Messages are safe to log and show.
 * Transport and HTTP problems stay {@link FetchException}s; handle problems {@link WebFingerException}s.
 */
public final class ResolveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The document's id is on another origin than the server that served it. */
        ORIGIN_MISMATCH,
        /** The document is not an actor, or lacks what every actor must have (id, inbox, preferredUsername). */
        NOT_AN_ACTOR,
        /** Not readable as ActivityStreams JSON-LD. */
        UNREADABLE,
        /** A different actor already holds this user@host (the remote server was reinstalled?). */
        HANDLE_TAKEN,
        /** The document is not a post we store (not a Note, Article, Page or Question), or an unusable one. */
        NOT_A_POST,
        /** The post was deleted: a Tombstone was served, or a tombstone is stored here. */
        DELETED,
        /** The host is blocked, or is this instance (whose posts are never fetched). */
        REFUSED_HOST,
        /** Too many posts are being fetched right now; asked again later, it may work. */
        BUSY
    }

    private final Reason reason;

    public ResolveException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ResolveException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
