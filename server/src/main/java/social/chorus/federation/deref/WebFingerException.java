package social.chorus.federation.deref;

import java.util.Objects;

/** Why a handle could not be resolved to an actor URL. Messages are safe to log and to show. */
public final class WebFingerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The input is not {@code user@host}. */
        INVALID_HANDLE,
        /** The server answered 404 or 410: no such account. */
        NOT_FOUND,
        /** The JRD has no {@code self} link of an ActivityPub media type. */
        NO_SELF_LINK,
        /** The answer is not a JRD object, or its links are not absolute http(s) URLs. */
        MALFORMED_JRD,
        /** The JRD describes another account, and that account's own server does not confirm it. */
        SUBJECT_MISMATCH
    }

    private final Reason reason;

    public WebFingerException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
