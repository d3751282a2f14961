package social.chorus.federation.vocab;

/**
 * An inbound document that cannot be read. Unchecked: the inbox maps it to a 400 in one place.
 * The message is safe to show to the sender (it names the problem, never server internals).
 */
public final class JsonLdException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why reading failed, for callers that count or map failures. */
    public enum Reason {
        /** Not parseable as JSON. */
        MALFORMED_JSON,
        /** Valid JSON, but the top level is not an object (an array, a string…). */
        NOT_AN_OBJECT,
        /** JSON that the JSON-LD processor rejects (bad context, bad keyword use…). */
        INVALID_JSON_LD,
        /** Nothing in the document could be read as the node it is about. */
        NO_ROOT
    }

    private final Reason reason;

    public JsonLdException(Reason reason, String message) {
        this(reason, message, null);
    }

    public JsonLdException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
