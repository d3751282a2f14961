package social.chorus.federation.inbox;

/**
 * An inbound delivery refused before anything was stored. The status goes back to the sender;
 * the reason is safe to return and to log (no keys, no bodies).
 */
public final class InboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public InboxException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static InboxException unauthorized(String reason) {
        return new InboxException(401, reason);
    }

    static InboxException badRequest(String reason) {
        return new InboxException(400, reason);
    }

    static InboxException forbidden(String reason) {
        return new InboxException(403, reason);
    }
}
